/**
 * The per-frame signals export (`kind: 'liveproof-signals'`) of every version this Liveproof has
 * written, a reader that migrates them to the current one, and the way back to the in-memory
 * series the analyzers read (pure). Numbers that were not finite are written as null.
 */
import { z } from 'zod';
import { isNewerVersion } from '@/utils/common/schema-version';
import { plainProblem } from '@/utils/common/zod-problem';
import type { CandidateFace, FaceSample } from '@/utils/features/face-sample';
import type { RecordingSignals } from '@/utils/report/recording-pass';
import { MOUTH_MEASURE_COUNT } from '@/utils/features/mouth-measures';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';

/** The signals version this Liveproof writes. */
export const SIGNALS_SCHEMA_VERSION = 5;

const Num = z.number().nullable();
const KIND = z.literal('liveproof-signals');

/** Each series' values line up with its times; a different count means the file was cut or edited. */
function sameLength(
  series: { timesMs: number[] } & Record<string, unknown[] | null>,
  keys: string[],
  ctx: z.RefinementCtx,
): void {
  for (const key of keys) {
    const values = series[key];
    if (values && values.length !== series.timesMs.length) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `${values.length} values for ${series.timesMs.length} times`,
      });
    }
  }
}

const SpeechV1 = z
  .object({ timesMs: z.array(z.number()), db: z.array(Num), voiced: z.array(z.union([z.literal(0), z.literal(1)])) })
  .superRefine((speech, ctx) => sameLength(speech, ['db', 'voiced'], ctx));

/** Version 1: the mouth signal and the speech envelope; `jawOpen` joined later without a new version. */
export const SignalsV1Schema = z.object({
  kind: KIND,
  schemaVersion: z.literal(1),
  file: z.string(),
  mouth: z
    .object({ timesMs: z.array(z.number()), open: z.array(Num), jawOpen: z.array(Num).optional() })
    .superRefine((mouth, ctx) => sameLength(mouth, ['open', 'jawOpen'], ctx)),
  speech: SpeechV1,
});
export type SignalsV1 = z.infer<typeof SignalsV1Schema>;

const FaceV2 = z.object({
  yawDeg: Num,
  pitchDeg: Num,
  rollDeg: Num,
  rigidShape: z.array(Num),
  eyeDistancePx: Num,
  centre: z.tuple([Num, Num]),
  blink: Num,
  skinRgb: z.tuple([Num, Num, Num]).nullable(),
  seamGradientRatio: Num,
  seamChromaDelta: Num,
});

const MouthV2 = z
  .object({ timesMs: z.array(z.number()), open: z.array(Num), jawOpen: z.array(Num) })
  .superRefine((mouth, ctx) => sameLength(mouth, ['open', 'jawOpen'], ctx));

/** Version 2: every analysed frame's face-check measures (`faces`) beside the mouth and speech. */
export const SignalsV2Schema = z.object({
  kind: KIND,
  schemaVersion: z.literal(2),
  file: z.string(),
  mouth: MouthV2,
  speech: SpeechV1,
  faces: z.array(z.object({ timeMs: z.number(), faceCount: z.number().int().min(0), face: FaceV2.nullable() })),
});
export type SignalsV2 = z.infer<typeof SignalsV2Schema>;

/** Version 3: each face says whether its mouth was really seen. */
export const SignalsV3Schema = z.object({
  kind: KIND,
  schemaVersion: z.literal(3),
  file: z.string(),
  mouth: MouthV2,
  speech: SpeechV1,
  faces: z.array(
    z.object({
      timeMs: z.number(),
      faceCount: z.number().int().min(0),
      face: FaceV2.extend({ mouthVisible: z.boolean() }).nullable(),
    }),
  ),
});

export type SignalsV3 = z.infer<typeof SignalsV3Schema>;

/** Rows of a fixed width, one per frame or hop; a row is null where nothing was measured. */
const rowsOf = (width: number) => z.array(z.array(Num).length(width).nullable());

/**
 * Version 4: the mouth's shape per frame (`measures`, MOUTH_MEASURES) and the log-mel
 * bands per hop (`bands`), which the learned audio-to-mouth map reads; null where the file was
 * migrated from an older version that did not measure them.
 */
export const SignalsV4Schema = SignalsV3Schema.extend({
  schemaVersion: z.literal(4),
  mouth: z
    .object({
      timesMs: z.array(z.number()),
      open: z.array(Num),
      jawOpen: z.array(Num),
      measures: rowsOf(MOUTH_MEASURE_COUNT).nullable(),
    })
    .superRefine((mouth, ctx) =>
      sameLength(mouth, mouth.measures ? ['open', 'jawOpen', 'measures'] : ['open', 'jawOpen'], ctx),
    ),
  speech: z
    .object({
      timesMs: z.array(z.number()),
      db: z.array(Num),
      voiced: z.array(z.union([z.literal(0), z.literal(1)])),
      bands: rowsOf(MEL_BAND_COUNT).nullable(),
    })
    .superRefine((speech, ctx) => sameLength(speech, ['db', 'voiced', 'bands'], ctx)),
});

export type SignalsV4 = z.infer<typeof SignalsV4Schema>;

/** Version 5 (current): each face's lower-face tone (lips, above the lip, chin against the forehead). */
export const SignalsV5Schema = SignalsV4Schema.extend({
  schemaVersion: z.literal(5),
  faces: z.array(
    z.object({
      timeMs: z.number(),
      faceCount: z.number().int().min(0),
      face: FaceV2.extend({ mouthVisible: z.boolean(), lowerFaceTone: z.array(Num).length(9).nullable() }).nullable(),
    }),
  ),
});

/** The current version's schema: what signalsToJson writes. */
export const SignalsSchema = SignalsV5Schema;
export type Signals = z.infer<typeof SignalsSchema>;

/** v4 -> v5: the lower-face tone was not measured then. */
export function migrateSignalsV4ToV5(old: SignalsV4): Signals {
  return {
    ...old,
    schemaVersion: 5,
    faces: old.faces.map((sample) => ({ ...sample, face: sample.face && { ...sample.face, lowerFaceTone: null } })),
  };
}

/** v3 -> v4: the mouth measures and mel bands were not measured then, and cannot be rebuilt. */
export function migrateSignalsV3ToV4(old: SignalsV3): SignalsV4 {
  return {
    ...old,
    schemaVersion: 4,
    mouth: { ...old.mouth, measures: null },
    speech: { ...old.speech, bands: null },
  };
}

/**
 * v2 -> v3. `mouthVisible` is rebuilt, not guessed: in version 2 the recording pass already
 * wrote the mouth signal (open and jawOpen) as NaN, so null, exactly where the candidate's mouth
 * was not seen, and `mouth` and `faces` hold the same frames in the same order. The caller checks
 * that the frames line up (see readSignals).
 */
export function migrateSignalsV2ToV3(old: SignalsV2): SignalsV3 {
  return {
    kind: 'liveproof-signals',
    schemaVersion: 3,
    file: old.file,
    mouth: { timesMs: [...old.mouth.timesMs], open: [...old.mouth.open], jawOpen: [...old.mouth.jawOpen] },
    speech: { timesMs: [...old.speech.timesMs], db: [...old.speech.db], voiced: [...old.speech.voiced] },
    faces: old.faces.map((sample, index) => ({
      timeMs: sample.timeMs,
      faceCount: sample.faceCount,
      face: sample.face && { ...sample.face, mouthVisible: old.mouth.open[index] !== null },
    })),
  };
}

/** Where the faces of a version 2 file do not line up with its mouth frames, or null. */
function misalignedFrame(old: SignalsV2): string | null {
  if (old.faces.length !== old.mouth.timesMs.length) {
    return ` at faces: ${old.faces.length} face samples for ${old.mouth.timesMs.length} mouth frames`;
  }
  const index = old.faces.findIndex((sample, i) => sample.timeMs !== old.mouth.timesMs[i]);
  return index < 0 ? null : ` at faces.${index}.timeMs: no mouth frame at ${old.faces[index]?.timeMs} ms`;
}

const NOT_SIGNALS = 'This is not a Liveproof signals export';
const damaged = (version: number | null, where: string) =>
  `This Liveproof signals export${version === null ? '' : ` (version ${version})`} is damaged${where}.`;

/**
 * A signals export (parsed JSON) of any known version, migrated to the current one, or what is
 * wrong with it in plain words, naming the first field at fault. Version 1 has no face measures,
 * which nothing can rebuild, so it is refused with that reason rather than read with empty faces.
 */
export function readSignals(json: unknown): { signals: Signals } | { problem: string } {
  if (typeof json !== 'object' || json === null) return { problem: `${NOT_SIGNALS} (not an object).` };
  const { kind, schemaVersion: version } = json as { kind?: unknown; schemaVersion?: unknown };
  if (kind !== 'liveproof-signals') return { problem: `${NOT_SIGNALS} (kind is not "liveproof-signals").` };
  if (version === 1) {
    const old = SignalsV1Schema.safeParse(json);
    if (!old.success) return { problem: damaged(1, plainProblem(old.error)) };
    return {
      problem:
        'This Liveproof signals export is version 1: it has no face measures (faces), which cannot be ' +
        'rebuilt from it; export the signals of the recording again.',
    };
  }
  if (version === 2) {
    const old = SignalsV2Schema.safeParse(json);
    if (!old.success) return { problem: damaged(2, plainProblem(old.error)) };
    const misaligned = misalignedFrame(old.data);
    return misaligned
      ? { problem: damaged(2, misaligned) }
      : { signals: migrateSignalsV4ToV5(migrateSignalsV3ToV4(migrateSignalsV2ToV3(old.data))) };
  }
  if (version === 3) {
    const old = SignalsV3Schema.safeParse(json);
    return old.success
      ? { signals: migrateSignalsV4ToV5(migrateSignalsV3ToV4(old.data)) }
      : { problem: damaged(3, plainProblem(old.error)) };
  }
  if (version === 4) {
    const old = SignalsV4Schema.safeParse(json);
    return old.success ? { signals: migrateSignalsV4ToV5(old.data) } : { problem: damaged(4, plainProblem(old.error)) };
  }
  if (version === SIGNALS_SCHEMA_VERSION) {
    const current = SignalsSchema.safeParse(json);
    return current.success ? { signals: current.data } : { problem: damaged(null, plainProblem(current.error)) };
  }
  if (isNewerVersion(version, SIGNALS_SCHEMA_VERSION)) {
    return {
      problem:
        `This signals export was written by a newer Liveproof (schema version ${version}); ` +
        'update Liveproof to read it.',
    };
  }
  return { problem: `${NOT_SIGNALS} (no known schemaVersion).` };
}

/** A signals export from JSON text, or a plain-words problem. */
export function readSignalsJson(text: string): { signals: Signals } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'This file is not JSON; export the signals from Liveproof and read that file.' };
  }
  return readSignals(json);
}

const orNaN = (value: number | null): number => value ?? Number.NaN;

/** Rows of `width` values as one flat array, NaN for nulls. */
function flatRows(rows: ((number | null)[] | null)[], width: number): Float32Array {
  const flat = new Float32Array(rows.length * width).fill(Number.NaN);
  rows.forEach((row, i) => row?.forEach((value, j) => (flat[i * width + j] = orNaN(value))));
  return flat;
}

function candidateFace(face: NonNullable<Signals['faces'][number]['face']>): CandidateFace {
  return {
    pose: { yawDeg: orNaN(face.yawDeg), pitchDeg: orNaN(face.pitchDeg), rollDeg: orNaN(face.rollDeg) },
    rigidShape: Float32Array.from(face.rigidShape, orNaN),
    eyeDistancePx: orNaN(face.eyeDistancePx),
    centreX: orNaN(face.centre[0]),
    centreY: orNaN(face.centre[1]),
    blink: orNaN(face.blink),
    mouthVisible: face.mouthVisible,
    skinRgb: face.skinRgb && [orNaN(face.skinRgb[0]), orNaN(face.skinRgb[1]), orNaN(face.skinRgb[2])],
    seamGradientRatio: orNaN(face.seamGradientRatio),
    seamChromaDelta: orNaN(face.seamChromaDelta),
    lowerFaceTone: face.lowerFaceTone ? face.lowerFaceTone.map(orNaN) : null,
    descriptor: null,
  };
}

/**
 * The in-memory series of read signals (the inverse of signalsToJson up to its rounding): null
 * becomes NaN, times stay in ms, and face samples have no thumbnail (the export keeps none) and
 * no identity descriptors (never exported), so the analyzers that need them see "not measured".
 */
export function signalsToSeries(signals: Signals): RecordingSignals {
  const faces: FaceSample[] = signals.faces.map((sample) => ({
    timeMs: sample.timeMs,
    faceCount: sample.faceCount,
    face: sample.face && candidateFace(sample.face),
    thumb: null,
    otherDescriptors: [],
  }));
  return {
    mouth: {
      timesMs: Float64Array.from(signals.mouth.timesMs),
      open: Float32Array.from(signals.mouth.open, orNaN),
      jawOpen: Float32Array.from(signals.mouth.jawOpen, orNaN),
      ...(signals.mouth.measures && { measures: flatRows(signals.mouth.measures, MOUTH_MEASURE_COUNT) }),
    },
    speech: {
      timesMs: Float64Array.from(signals.speech.timesMs),
      db: Float32Array.from(signals.speech.db, orNaN),
      voiced: Uint8Array.from(signals.speech.voiced),
      ...(signals.speech.bands && { bands: flatRows(signals.speech.bands, MEL_BAND_COUNT) }),
    },
    faces,
  };
}
