import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signalsToJson } from '@/utils/report/signals-export';
import {
  SIGNALS_SCHEMA_VERSION,
  SignalsV1Schema,
  SignalsV2Schema,
  SignalsV3Schema,
  readSignals,
  readSignalsJson,
  signalsToSeries,
  type Signals,
  type SignalsV2,
} from '@/utils/report/signals-schema';

/** The first 160 ms of one real clip as each version's export wrote it (v1, v2 by the code of their time). */
const FIXTURES = join(import.meta.dirname, '../../fixtures/signals');
const fixtureText = (version: number) => readFileSync(join(FIXTURES, `v${version}.json`), 'utf8');
const fixture = <T = Signals>(version: number) => JSON.parse(fixtureText(version)) as T;
const VERSIONS = Array.from({ length: SIGNALS_SCHEMA_VERSION }, (_, i) => i + 1);
const SCHEMAS = [SignalsV1Schema, SignalsV2Schema, SignalsV3Schema];

describe('signals export versions', () => {
  it.each(VERSIONS)('should hold the version %i fixture to its own frozen schema and no other', (version) => {
    const accepted = SCHEMAS.map((schema) => schema.safeParse(fixture(version)).success);
    expect(accepted).toEqual(SCHEMAS.map((_, index) => index + 1 === version));
  });

  const MIGRATABLE = VERSIONS.slice(1);
  it.each(MIGRATABLE)('should read the version %i fixture as current, the same after a JSON round trip', (version) => {
    const read = readSignalsJson(fixtureText(version));
    if (!('signals' in read)) throw new Error(read.problem);
    expect(read.signals.schemaVersion).toBe(SIGNALS_SCHEMA_VERSION);
    expect(SignalsV3Schema.safeParse(read.signals).success).toBe(true);
    expect(readSignalsJson(JSON.stringify(read.signals))).toEqual(read);
  });

  it('should read the current version exactly as written', () => {
    expect(readSignals(fixture(3))).toEqual({ signals: fixture(3) });
  });

  it('should refuse version 1, which has no face measures to rebuild, and say so', () => {
    const read = readSignalsJson(fixtureText(1));
    expect('problem' in read && read.problem).toMatch(/version 1: it has no face measures \(faces\), which cannot be/);
  });

  it('should rebuild mouthVisible of version 2 from where its mouth signal is missing and keep the rest', () => {
    const v2 = fixture<SignalsV2>(2);
    // The recording pass wrote the mouth signal as missing (null) exactly where the mouth was not seen.
    const mouth = { ...v2.mouth, open: v2.mouth.open.with(1, null), jawOpen: v2.mouth.jawOpen.with(1, null) };
    const hidden: SignalsV2 = { ...v2, mouth };
    const read = readSignals(hidden);
    if (!('signals' in read)) throw new Error(read.problem);
    expect(read.signals).toEqual({
      ...hidden,
      schemaVersion: 3,
      faces: hidden.faces.map((sample, i) => ({
        ...sample,
        face: sample.face && { ...sample.face, mouthVisible: i !== 1 },
      })),
    });
  });

  const v2 = fixture<SignalsV2>(2);
  const v3 = fixture(3);
  const firstFace = v3.faces[0] as Signals['faces'][number];
  it.each([
    ['text that is not JSON', 'not json', /not JSON/],
    ['a number', '42', /not a Liveproof signals export \(not an object\)/],
    ['another kind of file', { ...v3, kind: 'liveproof-session' }, /kind is not "liveproof-signals"/],
    ['a file without a version', { kind: 'liveproof-signals' }, /no known schemaVersion/],
    ['a newer version', { ...v3, schemaVersion: 4 }, /newer Liveproof \(schema version 4\); update Liveproof/],
    [
      'a version 1 file with text for a number',
      { ...fixture(1), speech: { timesMs: [0], db: ['loud'], voiced: [1] } },
      /\(version 1\) is damaged at speech\.db\.0/,
    ],
    [
      'a version 2 face without its mouth frame',
      { ...v2, faces: v2.faces.slice(1) },
      /\(version 2\) is damaged at faces: 3 face samples for 4 mouth frames/,
    ],
    [
      'a version 2 face at another time',
      { ...v2, faces: v2.faces.map((s, i) => (i === 2 ? { ...s, timeMs: 81 } : s)) },
      /\(version 2\) is damaged at faces\.2\.timeMs: no mouth frame at 81 ms/,
    ],
    [
      'a mouth series cut short',
      { ...v3, mouth: { ...v3.mouth, open: v3.mouth.open.slice(1) } },
      /signals export is damaged at mouth\.open: 3 values for 4 times/,
    ],
    [
      'a voice flag other than 0 or 1',
      { ...v3, speech: { ...v3.speech, voiced: (v3.speech.voiced as number[]).with(0, 2) } },
      /damaged at speech\.voiced\.0/,
    ],
    [
      'a face without mouthVisible',
      { ...v3, faces: [{ ...firstFace, face: { ...firstFace.face, mouthVisible: undefined } }] },
      /damaged at faces\.0\.face\.mouthVisible/,
    ],
    [
      'a frame time that was not a number',
      { ...v3, mouth: { ...v3.mouth, timesMs: v3.mouth.timesMs.with(3, Number.NaN) } },
      /damaged at mouth\.timesMs\.3/,
    ],
  ])('should refuse %s with a message naming the field', (_, file, message) => {
    const read = readSignalsJson(typeof file === 'string' ? file : JSON.stringify(file));
    expect('problem' in read && read.problem).toMatch(message);
  });
});

describe('signalsToSeries', () => {
  it('should give the analyzers typed series, NaN where the export wrote null, and no thumbnails', () => {
    const v3 = fixture(3);
    const face = v3.faces[1]?.face as NonNullable<Signals['faces'][number]['face']>;
    const edited: Signals = {
      ...v3,
      mouth: { ...v3.mouth, open: v3.mouth.open.with(2, null) },
      faces: v3.faces.map((sample, i) =>
        i === 1 ? { ...sample, face: { ...face, seamGradientRatio: null, skinRgb: null } } : sample,
      ),
    };
    const series = signalsToSeries(edited);
    expect(series.mouth.timesMs).toEqual(Float64Array.from([0, 40, 80, 120]));
    expect(series.mouth.open[0]).toBeCloseTo(v3.mouth.open[0] as number, 6);
    expect(series.mouth.open[2]).toBeNaN();
    expect(series.speech.voiced).toBeInstanceOf(Uint8Array);
    expect(series.speech.db).toHaveLength(v3.speech.timesMs.length);
    expect(series.faces).toHaveLength(4);
    const sample = series.faces[1];
    expect(sample?.thumb).toBeNull();
    expect(sample?.face?.pose.yawDeg).toBe(face.yawDeg);
    expect(sample?.face?.centreX).toBe(face.centre[0]);
    expect(sample?.face?.rigidShape).toHaveLength(face.rigidShape.length);
    expect(sample?.face?.seamGradientRatio).toBeNaN();
    expect(sample?.face?.skinRgb).toBeNull();
    expect(sample?.face?.mouthVisible).toBe(true);
  });

  it('should write the fixture back as itself through signalsToJson', () => {
    const v3 = fixture(3);
    expect(readSignalsJson(signalsToJson(v3.file, signalsToSeries(v3)))).toEqual({ signals: v3 });
  });
});
