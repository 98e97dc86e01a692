import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';
import { MOUTH_MEASURE_COUNT } from '@/utils/features/mouth-measures';
import type { RecordingSignals } from '@/utils/report/recording-pass';
import { signalsToJson } from '@/utils/report/signals-export';
import {
  SIGNALS_SCHEMA_VERSION,
  SignalsV1Schema,
  SignalsV2Schema,
  SignalsV3Schema,
  SignalsV4Schema,
  readSignals,
  readSignalsJson,
  signalsToSeries,
  type Signals,
  type SignalsV2,
  type SignalsV3,
} from '@/utils/report/signals-schema';
import { seededRandom } from '../../support/generators';

/** The first 160 ms of one real clip as each version's export wrote it (v1, v2 by the code of their time). */
const FIXTURES = join(import.meta.dirname, '../../fixtures/signals');
const fixtureText = (version: number) => readFileSync(join(FIXTURES, `v${version}.json`), 'utf8');
const fixture = <T = Signals>(version: number) => JSON.parse(fixtureText(version)) as T;
/** The versions with a frozen fixture file (version 4 has none yet: `current()` stands in for it). */
const FIXTURE_VERSIONS = [1, 2, 3];
const SCHEMAS = [SignalsV1Schema, SignalsV2Schema, SignalsV3Schema, SignalsV4Schema];

/**
 * A version 4 file as signalsToJson writes it: the version 3 fixture's frames and hops with mouth
 * measures (4 decimals; the second frame's mouth not seen, a null row) and mel bands (1 decimal).
 */
function current(): Signals {
  const v3 = fixture<SignalsV3>(3);
  const random = seededRandom(7);
  const digits = (value: number, count: number) => Number(value.toFixed(count));
  return {
    ...v3,
    schemaVersion: 4,
    mouth: {
      ...v3.mouth,
      measures: v3.mouth.timesMs.map((_, i) =>
        i === 1 ? null : Array.from({ length: MOUTH_MEASURE_COUNT }, () => digits(random(), 4)),
      ),
    },
    speech: {
      ...v3.speech,
      bands: v3.speech.timesMs.map(() => Array.from({ length: MEL_BAND_COUNT }, () => digits(-100 + random() * 90, 1))),
    },
  };
}

/** The measures after the first eight, the same in every test row (0.0625 is exact at 4 decimals). */
const REST_OF_ROW = new Array<number>(MOUTH_MEASURE_COUNT - 8).fill(0.0625);
describe('signals export versions', () => {
  it('should write version 4', () => {
    expect(SIGNALS_SCHEMA_VERSION).toBe(4);
    expect(SCHEMAS).toHaveLength(SIGNALS_SCHEMA_VERSION);
  });

  it.each(FIXTURE_VERSIONS)('should hold the version %i fixture to its own frozen schema and no other', (version) => {
    const accepted = SCHEMAS.map((schema) => schema.safeParse(fixture(version)).success);
    expect(accepted).toEqual(SCHEMAS.map((_, index) => index + 1 === version));
  });

  it('should hold a version 4 file to its own schema and no other', () => {
    expect(SCHEMAS.map((schema) => schema.safeParse(current()).success)).toEqual([false, false, false, true]);
  });

  const MIGRATABLE = FIXTURE_VERSIONS.slice(1);
  it.each(MIGRATABLE)('should read the version %i fixture as current, the same after a JSON round trip', (version) => {
    const read = readSignalsJson(fixtureText(version));
    if (!('signals' in read)) throw new Error(read.problem);
    expect(read.signals.schemaVersion).toBe(SIGNALS_SCHEMA_VERSION);
    expect(SignalsV4Schema.safeParse(read.signals).success).toBe(true);
    // Nothing before version 4 measured the mouth's shape or the mel bands, and nothing rebuilds them.
    expect(read.signals.mouth.measures).toBeNull();
    expect(read.signals.speech.bands).toBeNull();
    expect(readSignalsJson(JSON.stringify(read.signals))).toEqual(read);
  });

  it('should migrate version 3 to 4 with measures and bands null and everything else as it was', () => {
    const v3 = fixture<SignalsV3>(3);
    expect(readSignals(v3)).toEqual({
      signals: {
        ...v3,
        schemaVersion: 4,
        mouth: { ...v3.mouth, measures: null },
        speech: { ...v3.speech, bands: null },
      },
    });
  });

  it('should read the current version exactly as written', () => {
    expect(readSignals(current())).toEqual({ signals: current() });
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
      schemaVersion: 4,
      mouth: { ...mouth, measures: null },
      speech: { ...hidden.speech, bands: null },
      faces: hidden.faces.map((sample, i) => ({
        ...sample,
        face: sample.face && { ...sample.face, mouthVisible: i !== 1 },
      })),
    });
  });

  const v2 = fixture<SignalsV2>(2);
  const v3 = fixture<SignalsV3>(3);
  const v4 = current();
  const firstFace = v4.faces[0] as Signals['faces'][number];
  const measures = v4.mouth.measures as (number | null)[][];
  const bands = v4.speech.bands as (number | null)[][];
  it.each([
    ['text that is not JSON', 'not json', /not JSON/],
    ['a number', '42', /not a Liveproof signals export \(not an object\)/],
    ['another kind of file', { ...v4, kind: 'liveproof-session' }, /kind is not "liveproof-signals"/],
    ['a file without a version', { kind: 'liveproof-signals' }, /no known schemaVersion/],
    ['a newer version', { ...v4, schemaVersion: 5 }, /newer Liveproof \(schema version 5\); update Liveproof/],
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
      'a version 3 mouth series cut short',
      { ...v3, mouth: { ...v3.mouth, open: v3.mouth.open.slice(1) } },
      /\(version 3\) is damaged at mouth\.open: 3 values for 4 times/,
    ],
    [
      'a mouth series cut short',
      { ...v4, mouth: { ...v4.mouth, open: v4.mouth.open.slice(1) } },
      /signals export is damaged at mouth\.open: 3 values for 4 times/,
    ],
    [
      'a voice flag other than 0 or 1',
      { ...v4, speech: { ...v4.speech, voiced: (v4.speech.voiced as number[]).with(0, 2) } },
      /damaged at speech\.voiced\.0/,
    ],
    [
      'a face without mouthVisible',
      { ...v4, faces: [{ ...firstFace, face: { ...firstFace.face, mouthVisible: undefined } }] },
      /damaged at faces\.0\.face\.mouthVisible/,
    ],
    [
      'a frame time that was not a number',
      { ...v4, mouth: { ...v4.mouth, timesMs: v4.mouth.timesMs.with(3, Number.NaN) } },
      /damaged at mouth\.timesMs\.3/,
    ],
    [
      'a mouth measures row of the wrong width',
      { ...v4, mouth: { ...v4.mouth, measures: measures.with(2, [...(measures[2] ?? []), 0.5]) } },
      /signals export is damaged at mouth\.measures\.2: /,
    ],
    [
      'mouth measures for fewer frames than its times',
      { ...v4, mouth: { ...v4.mouth, measures: measures.slice(1) } },
      /damaged at mouth\.measures: 3 values for 4 times/,
    ],
    [
      'mel bands for fewer hops than its times',
      { ...v4, speech: { ...v4.speech, bands: bands.slice(0, -1) } },
      /damaged at speech\.bands: 17 values for 18 times/,
    ],
    [
      'a mel bands row of the wrong width',
      { ...v4, speech: { ...v4.speech, bands: bands.with(5, (bands[5] ?? []).slice(1)) } },
      /damaged at speech\.bands\.5: /,
    ],
    [
      'a version 4 file without mouth measures',
      { ...v4, mouth: { ...v4.mouth, measures: undefined } },
      /damaged at mouth\.measures/,
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

  it('should give no mouth measures or mel bands for a file migrated from version 3', () => {
    const read = readSignals(fixture(3));
    if (!('signals' in read)) throw new Error(read.problem);
    const series = signalsToSeries(read.signals);
    expect(series.mouth.measures).toBeUndefined();
    expect(series.speech.bands).toBeUndefined();
    expect('measures' in series.mouth).toBe(false);
    expect('bands' in series.speech).toBe(false);
    // Written again, they stay unmeasured (null), not empty.
    expect(readSignalsJson(signalsToJson(read.signals.file, series))).toEqual(read);
  });

  it('should give the measures and bands of a version 4 file as flat rows, NaN where a row is null', () => {
    const v4 = current();
    const series = signalsToSeries(v4);
    expect(series.mouth.measures).toBeInstanceOf(Float32Array);
    expect(series.mouth.measures).toHaveLength(v4.mouth.timesMs.length * MOUTH_MEASURE_COUNT);
    expect(series.speech.bands).toHaveLength(v4.speech.timesMs.length * MEL_BAND_COUNT);
    v4.mouth.measures?.forEach((row, i) => {
      const got = Array.from(
        series.mouth.measures?.subarray(i * MOUTH_MEASURE_COUNT, (i + 1) * MOUTH_MEASURE_COUNT) ?? [],
      );
      if (row === null) expect(got.every(Number.isNaN)).toBe(true);
      else got.forEach((value, k) => expect(value).toBeCloseTo(row[k] as number, 6));
    });
    expect(series.speech.bands?.[3 * MEL_BAND_COUNT + 7]).toBeCloseTo(v4.speech.bands?.[3]?.[7] as number, 4);
  });

  it('should write the fixture back as itself through signalsToJson', () => {
    const v4 = current();
    expect(readSignalsJson(signalsToJson(v4.file, signalsToSeries(v4)))).toEqual({ signals: v4 });
  });
});

describe('mouth measures and mel bands through signalsToJson', () => {
  /** Three frames (the second not seen, the third with one measure missing) and four hops. */
  function measured(): RecordingSignals {
    const measures = Float32Array.from([
      ...[0.123456, 0.654321, 0.25, 0.01, 0.33333, 0.99999, 0.00004, 0.5],
      ...REST_OF_ROW,
      ...new Array<number>(MOUTH_MEASURE_COUNT).fill(Number.NaN),
      ...[0.2, 0.6, Number.NaN, 0.02, 0.1, 0.2, 0.3, 0.4],
      ...REST_OF_ROW,
    ]);
    const hops = Float64Array.from([-11.333, -1.333, 8.667, 18.667]);
    const bands = Float32Array.from({ length: hops.length * MEL_BAND_COUNT }, (_, i) => -100 + i * 0.737);
    return {
      mouth: {
        timesMs: Float64Array.from([0, 40, 80]),
        open: Float32Array.from([0.123456, Number.NaN, 0.2]),
        jawOpen: Float32Array.from([0.25, Number.NaN, Number.NaN]),
        measures,
      },
      speech: { timesMs: hops, db: Float32Array.from(hops, () => -60), voiced: new Uint8Array(hops.length), bands },
      faces: [],
    };
  }

  it('should write version 4 with measures rows at 4 decimals and bands rows at 1, a row not seen as null', () => {
    const signals = measured();
    const text = signalsToJson('clip.mp4', signals);
    expect(text).not.toContain('NaN');
    const read = readSignalsJson(text);
    if (!('signals' in read)) throw new Error(read.problem);
    expect(read.signals.schemaVersion).toBe(4);
    const written = read.signals.mouth.measures;
    expect(written).toHaveLength(3);
    expect(written?.[0]).toEqual([0.1235, 0.6543, 0.25, 0.01, 0.3333, 1, 0, 0.5, ...REST_OF_ROW]);
    expect(written?.[1]).toBeNull();
    expect(written?.[2]).toEqual([0.2, 0.6, null, 0.02, 0.1, 0.2, 0.3, 0.4, ...REST_OF_ROW]);
    expect(read.signals.speech.bands).toHaveLength(4);
    read.signals.speech.bands?.forEach((row, i) => {
      expect(row).toHaveLength(MEL_BAND_COUNT);
      row?.forEach((value, k) => {
        const want = signals.speech.bands?.[i * MEL_BAND_COUNT + k] as number;
        expect(value).toBe(Number(want.toFixed(1)));
      });
    });
  });

  it('should read back the same measures and bands within the written rounding, NaN staying NaN', () => {
    const signals = measured();
    const read = readSignalsJson(signalsToJson('clip.mp4', signals));
    if (!('signals' in read)) throw new Error(read.problem);
    const back = signalsToSeries(read.signals);
    const within = (got: ArrayLike<number> | undefined, want: ArrayLike<number> | undefined, digits: number) => {
      expect(got).toHaveLength(want?.length ?? -1);
      return Array.from(want ?? [], (w, i) => {
        const g = got?.[i] as number;
        return Number.isNaN(w) ? Number.isNaN(g) : Math.abs(g - w) <= 0.5 * 10 ** -digits + 1e-6 * Math.abs(w);
      });
    };
    expect(within(back.mouth.measures, signals.mouth.measures, 4).every(Boolean)).toBe(true);
    expect(within(back.speech.bands, signals.speech.bands, 1).every(Boolean)).toBe(true);
    const second = back.mouth.measures?.subarray(MOUTH_MEASURE_COUNT, 2 * MOUTH_MEASURE_COUNT);
    expect(Array.from(second ?? [])).toEqual(new Array(MOUTH_MEASURE_COUNT).fill(Number.NaN));
    expect(back.mouth.measures?.[2 * MOUTH_MEASURE_COUNT + 2]).toBeNaN();
    expect(back.mouth.measures?.[2 * MOUTH_MEASURE_COUNT + 3]).toBeCloseTo(0.02, 6);
  });

  it('should write measures and bands as null where the source did not measure them', () => {
    const { mouth, speech, faces } = measured();
    const unmeasured: RecordingSignals = {
      mouth: { timesMs: mouth.timesMs, open: mouth.open, jawOpen: mouth.jawOpen },
      speech: { timesMs: speech.timesMs, db: speech.db, voiced: speech.voiced },
      faces,
    };
    const read = readSignalsJson(signalsToJson('clip.mp4', unmeasured));
    if (!('signals' in read)) throw new Error(read.problem);
    expect(read.signals.mouth.measures).toBeNull();
    expect(read.signals.speech.bands).toBeNull();
  });
});
