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
  SignalsV5Schema,
  readSignals,
  readSignalsJson,
  signalsToSeries,
  type Signals,
  type SignalsV2,
  type SignalsV3,
  type SignalsV4,
} from '@/utils/report/signals-schema';
import { frames } from '../../support/face-samples';
import { seededRandom } from '../../support/generators';

/** The first 160 ms of one real clip as each version's export wrote it (v1, v2 by the code of their time). */
const FIXTURES = join(import.meta.dirname, '../../fixtures/signals');
const fixtureText = (version: number) => readFileSync(join(FIXTURES, `v${version}.json`), 'utf8');
const fixture = <T = Signals>(version: number) => JSON.parse(fixtureText(version)) as T;
/** The versions with a frozen fixture file (versions 4 and 5 have none yet: `v4()` and `current()` stand in). */
const FIXTURE_VERSIONS = [1, 2, 3];
const SCHEMAS = [SignalsV1Schema, SignalsV2Schema, SignalsV3Schema, SignalsV4Schema, SignalsV5Schema];
const digits = (value: number, count: number) => Number(value.toFixed(count));

/**
 * A version 4 file as signalsToJson wrote it: the version 3 fixture's frames and hops with mouth
 * measures (4 decimals; the second frame's mouth not seen, a null row) and mel bands (1 decimal).
 */
function v4(): SignalsV4 {
  const v3 = fixture<SignalsV3>(3);
  const random = seededRandom(7);
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

/**
 * A version 5 file as signalsToJson writes it: the version 4 stand-in with each face's lower-face
 * tone (1 decimal; the second face's not measured, null).
 */
function current(): Signals {
  const old = v4();
  const random = seededRandom(11);
  return {
    ...old,
    schemaVersion: 5,
    faces: old.faces.map((sample, i) => ({
      ...sample,
      face: sample.face && {
        ...sample.face,
        lowerFaceTone: i === 1 ? null : Array.from({ length: 9 }, () => digits(-40 + random() * 50, 1)),
      },
    })),
  };
}

/** A file as migrated to the current version: every face's lower-face tone not measured. */
const untoned = <T extends { faces: { face: object | null }[] }>(file: T) => ({
  ...file,
  faces: file.faces.map((sample) => ({ ...sample, face: sample.face && { ...sample.face, lowerFaceTone: null } })),
});

/** The measures after the first eight, the same in every test row (0.0625 is exact at 4 decimals). */
const REST_OF_ROW = new Array<number>(MOUTH_MEASURE_COUNT - 8).fill(0.0625);
describe('signals export versions', () => {
  it('should write version 5', () => {
    expect(SIGNALS_SCHEMA_VERSION).toBe(5);
    expect(SCHEMAS).toHaveLength(SIGNALS_SCHEMA_VERSION);
  });

  it.each(FIXTURE_VERSIONS)('should hold the version %i fixture to its own frozen schema and no other', (version) => {
    const accepted = SCHEMAS.map((schema) => schema.safeParse(fixture(version)).success);
    expect(accepted).toEqual(SCHEMAS.map((_, index) => index + 1 === version));
  });

  it('should hold a version 4 file to its own schema and no other', () => {
    expect(SCHEMAS.map((schema) => schema.safeParse(v4()).success)).toEqual([false, false, false, true, false]);
  });

  it('should hold a version 5 file to its own schema and no other', () => {
    expect(SCHEMAS.map((schema) => schema.safeParse(current()).success)).toEqual([false, false, false, false, true]);
  });

  const MIGRATABLE = FIXTURE_VERSIONS.slice(1);
  it.each(MIGRATABLE)('should read the version %i fixture as current, the same after a JSON round trip', (version) => {
    const read = readSignalsJson(fixtureText(version));
    if (!('signals' in read)) throw new Error(read.problem);
    expect(read.signals.schemaVersion).toBe(SIGNALS_SCHEMA_VERSION);
    expect(SignalsV5Schema.safeParse(read.signals).success).toBe(true);
    // Nothing before version 4 measured the mouth's shape or the mel bands, nor before 5 the
    // lower-face tone, and nothing rebuilds them.
    expect(read.signals.mouth.measures).toBeNull();
    expect(read.signals.speech.bands).toBeNull();
    expect(read.signals.faces.map((sample) => sample.face?.lowerFaceTone)).toEqual(read.signals.faces.map(() => null));
    expect(readSignalsJson(JSON.stringify(read.signals))).toEqual(read);
  });

  it('should migrate version 3 with measures, bands and lower-face tones null and everything else as it was', () => {
    const v3 = fixture<SignalsV3>(3);
    expect(readSignals(v3)).toEqual({
      signals: {
        ...untoned(v3),
        schemaVersion: 5,
        mouth: { ...v3.mouth, measures: null },
        speech: { ...v3.speech, bands: null },
      },
    });
  });

  it('should migrate version 4 to 5 with every lower-face tone null and everything else as it was', () => {
    const old = v4();
    const want = { signals: { ...untoned(old), schemaVersion: 5 } };
    expect(readSignals(old)).toEqual(want);
    expect(readSignalsJson(JSON.stringify(old))).toEqual(want);
    // A sample with no face found keeps a null face rather than gaining a tone.
    const lost = { ...old, faces: old.faces.map((sample, i) => (i === 2 ? { ...sample, face: null } : sample)) };
    const read = readSignals(lost);
    expect('signals' in read && read.signals.faces[2]?.face).toBeNull();
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
      schemaVersion: 5,
      mouth: { ...mouth, measures: null },
      speech: { ...hidden.speech, bands: null },
      faces: hidden.faces.map((sample, i) => ({
        ...sample,
        face: sample.face && { ...sample.face, mouthVisible: i !== 1, lowerFaceTone: null },
      })),
    });
  });

  const v2 = fixture<SignalsV2>(2);
  const v3 = fixture<SignalsV3>(3);
  const old = v4();
  const v5 = current();
  const firstFace = v5.faces[0] as Signals['faces'][number];
  const tone = firstFace.face?.lowerFaceTone as (number | null)[];
  const measures = v5.mouth.measures as (number | null)[][];
  const bands = v5.speech.bands as (number | null)[][];
  it.each([
    ['text that is not JSON', 'not json', /not JSON/],
    ['a number', '42', /not a Liveproof signals export \(not an object\)/],
    ['another kind of file', { ...v5, kind: 'liveproof-session' }, /kind is not "liveproof-signals"/],
    ['a file without a version', { kind: 'liveproof-signals' }, /no known schemaVersion/],
    ['a newer version', { ...v5, schemaVersion: 6 }, /newer Liveproof \(schema version 6\); update Liveproof/],
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
      { ...v5, mouth: { ...v5.mouth, open: v5.mouth.open.slice(1) } },
      /signals export is damaged at mouth\.open: 3 values for 4 times/,
    ],
    [
      'a voice flag other than 0 or 1',
      { ...v5, speech: { ...v5.speech, voiced: (v5.speech.voiced as number[]).with(0, 2) } },
      /damaged at speech\.voiced\.0/,
    ],
    [
      'a face without mouthVisible',
      { ...v5, faces: [{ ...firstFace, face: { ...firstFace.face, mouthVisible: undefined } }] },
      /damaged at faces\.0\.face\.mouthVisible/,
    ],
    [
      'a frame time that was not a number',
      { ...v5, mouth: { ...v5.mouth, timesMs: v5.mouth.timesMs.with(3, Number.NaN) } },
      /damaged at mouth\.timesMs\.3/,
    ],
    [
      'a mouth measures row of the wrong width',
      { ...v5, mouth: { ...v5.mouth, measures: measures.with(2, [...(measures[2] ?? []), 0.5]) } },
      /signals export is damaged at mouth\.measures\.2: /,
    ],
    [
      'mouth measures for fewer frames than its times',
      { ...v5, mouth: { ...v5.mouth, measures: measures.slice(1) } },
      /damaged at mouth\.measures: 3 values for 4 times/,
    ],
    [
      'mel bands for fewer hops than its times',
      { ...v5, speech: { ...v5.speech, bands: bands.slice(0, -1) } },
      /damaged at speech\.bands: 17 values for 18 times/,
    ],
    [
      'a mel bands row of the wrong width',
      { ...v5, speech: { ...v5.speech, bands: bands.with(5, (bands[5] ?? []).slice(1)) } },
      /damaged at speech\.bands\.5: /,
    ],
    [
      'a version 4 file without mouth measures',
      { ...old, mouth: { ...old.mouth, measures: undefined } },
      /\(version 4\) is damaged at mouth\.measures/,
    ],
    [
      'a version 4 mouth series cut short',
      { ...old, mouth: { ...old.mouth, open: old.mouth.open.slice(1) } },
      /\(version 4\) is damaged at mouth\.open: 3 values for 4 times/,
    ],
    [
      'a version 5 file without mouth measures',
      { ...v5, mouth: { ...v5.mouth, measures: undefined } },
      /signals export is damaged at mouth\.measures/,
    ],
    [
      'a face without lowerFaceTone',
      { ...v5, faces: [{ ...firstFace, face: { ...firstFace.face, lowerFaceTone: undefined } }] },
      /signals export is damaged at faces\.0\.face\.lowerFaceTone/,
    ],
    [
      'a lower-face tone of the wrong width',
      { ...v5, faces: [{ ...firstFace, face: { ...firstFace.face, lowerFaceTone: tone.slice(1) } }] },
      /signals export is damaged at faces\.0\.face\.lowerFaceTone: /,
    ],
    [
      'a lower-face tone with text for a number',
      {
        ...v5,
        faces: [{ ...firstFace, face: { ...firstFace.face, lowerFaceTone: (tone as unknown[]).with(4, 'pale') } }],
      },
      /signals export is damaged at faces\.0\.face\.lowerFaceTone\.4/,
    ],
  ])('should refuse %s with a message naming the field', (_, file, message) => {
    const read = readSignalsJson(typeof file === 'string' ? file : JSON.stringify(file));
    expect('problem' in read && read.problem).toMatch(message);
  });
});

describe('signalsToSeries', () => {
  it('should give the analyzers typed series, NaN where the export wrote null, and no thumbnails', () => {
    const file = current();
    const first = file.faces[0]?.face as NonNullable<Signals['faces'][number]['face']>;
    const face = file.faces[1]?.face as NonNullable<Signals['faces'][number]['face']>;
    const tone = first.lowerFaceTone as (number | null)[];
    const edited: Signals = {
      ...file,
      mouth: { ...file.mouth, open: file.mouth.open.with(2, null) },
      faces: file.faces.map((sample, i) =>
        i === 0
          ? { ...sample, face: { ...first, lowerFaceTone: tone.with(3, null) } }
          : i === 1
            ? { ...sample, face: { ...face, seamGradientRatio: null, skinRgb: null } }
            : sample,
      ),
    };
    const series = signalsToSeries(edited);
    expect(series.mouth.timesMs).toEqual(Float64Array.from([0, 40, 80, 120]));
    expect(series.mouth.open[0]).toBeCloseTo(file.mouth.open[0] as number, 6);
    expect(series.mouth.open[2]).toBeNaN();
    expect(series.speech.voiced).toBeInstanceOf(Uint8Array);
    expect(series.speech.db).toHaveLength(file.speech.timesMs.length);
    expect(series.faces).toHaveLength(4);
    const sample = series.faces[1];
    expect(sample?.thumb).toBeNull();
    expect(sample?.face?.pose.yawDeg).toBe(face.yawDeg);
    expect(sample?.face?.centreX).toBe(face.centre[0]);
    expect(sample?.face?.rigidShape).toHaveLength(face.rigidShape.length);
    expect(sample?.face?.seamGradientRatio).toBeNaN();
    expect(sample?.face?.skinRgb).toBeNull();
    expect(sample?.face?.mouthVisible).toBe(true);
    // The lower-face tone: numbers, NaN for a value written null, null where it was not measured.
    expect(series.faces[0]?.face?.lowerFaceTone).toEqual(tone.map((value, k) => (k === 3 ? Number.NaN : value)));
    expect(sample?.face?.lowerFaceTone).toBeNull();
  });

  it('should give no mouth measures, mel bands or lower-face tones for a file migrated from version 3', () => {
    const read = readSignals(fixture(3));
    if (!('signals' in read)) throw new Error(read.problem);
    const series = signalsToSeries(read.signals);
    expect(series.mouth.measures).toBeUndefined();
    expect(series.speech.bands).toBeUndefined();
    expect('measures' in series.mouth).toBe(false);
    expect('bands' in series.speech).toBe(false);
    expect(series.faces.map((sample) => sample.face?.lowerFaceTone)).toEqual(series.faces.map(() => null));
    // Written again, they stay unmeasured (null), not empty.
    expect(readSignalsJson(signalsToJson(read.signals.file, series))).toEqual(read);
  });

  it('should give the measures and bands of a current file as flat rows, NaN where a row is null', () => {
    const file = current();
    const series = signalsToSeries(file);
    expect(series.mouth.measures).toBeInstanceOf(Float32Array);
    expect(series.mouth.measures).toHaveLength(file.mouth.timesMs.length * MOUTH_MEASURE_COUNT);
    expect(series.speech.bands).toHaveLength(file.speech.timesMs.length * MEL_BAND_COUNT);
    file.mouth.measures?.forEach((row, i) => {
      const got = Array.from(
        series.mouth.measures?.subarray(i * MOUTH_MEASURE_COUNT, (i + 1) * MOUTH_MEASURE_COUNT) ?? [],
      );
      if (row === null) expect(got.every(Number.isNaN)).toBe(true);
      else got.forEach((value, k) => expect(value).toBeCloseTo(row[k] as number, 6));
    });
    expect(series.speech.bands?.[3 * MEL_BAND_COUNT + 7]).toBeCloseTo(file.speech.bands?.[3]?.[7] as number, 4);
  });

  it('should give the lower-face tones of a current file as written, null where a face had none', () => {
    const file = current();
    expect(signalsToSeries(file).faces.map((sample) => sample.face?.lowerFaceTone)).toEqual(
      file.faces.map((sample) => sample.face?.lowerFaceTone),
    );
  });

  it('should write the current file back as itself through signalsToJson', () => {
    const file = current();
    expect(readSignalsJson(signalsToJson(file.file, signalsToSeries(file)))).toEqual({ signals: file });
  });
});

describe('lower-face tone through signalsToJson', () => {
  /** Three frames: a tone with more decimals than written and one value not measured, none, no face. */
  function toned(): RecordingSignals {
    const tone = [-31.26, 1.04, 9.96, -7.449, 0.36, 2.6, -14.96, Number.NaN, 1.749];
    const faces = frames({
      durationMs: 120,
      fps: 25,
      face: (t) => (t < 40 ? { lowerFaceTone: tone } : t < 80 ? { lowerFaceTone: null } : null),
    });
    const timesMs = Float64Array.from([0, 40, 80]);
    const nothing = Float32Array.from(timesMs, () => Number.NaN);
    return {
      mouth: { timesMs, open: nothing, jawOpen: nothing },
      speech: { timesMs: new Float64Array(0), db: new Float32Array(0), voiced: new Uint8Array(0) },
      faces,
    };
  }

  it('should write the tone at 1 decimal, a value not measured as null, and a face without one as null', () => {
    const read = readSignalsJson(signalsToJson('clip.mp4', toned()));
    if (!('signals' in read)) throw new Error(read.problem);
    expect(read.signals.schemaVersion).toBe(5);
    expect(read.signals.faces.map((sample) => (sample.face ? sample.face.lowerFaceTone : 'no face'))).toEqual([
      [-31.3, 1, 10, -7.4, 0.4, 2.6, -15, null, 1.7],
      null,
      'no face',
    ]);
  });

  it('should read the tone back within the written rounding, the value not measured NaN', () => {
    const signals = toned();
    const read = readSignalsJson(signalsToJson('clip.mp4', signals));
    if (!('signals' in read)) throw new Error(read.problem);
    const back = signalsToSeries(read.signals).faces.map((sample) => sample.face?.lowerFaceTone);
    const want = signals.faces[0]?.face?.lowerFaceTone as number[];
    back[0]?.forEach((value, k) =>
      Number.isNaN(want[k])
        ? expect(value).toBeNaN()
        : expect(Math.abs(value - (want[k] as number))).toBeLessThanOrEqual(0.05 + 1e-9),
    );
    expect(back[0]).toHaveLength(9);
    expect(back.slice(1)).toEqual([null, undefined]);
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

  it('should write version 5 with measures rows at 4 decimals and bands rows at 1, a row not seen as null', () => {
    const signals = measured();
    const text = signalsToJson('clip.mp4', signals);
    expect(text).not.toContain('NaN');
    const read = readSignalsJson(text);
    if (!('signals' in read)) throw new Error(read.problem);
    expect(read.signals.schemaVersion).toBe(5);
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
