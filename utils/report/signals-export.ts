import { roundOrNull } from '@/utils/common/numbers';
import type { RecordingSignals } from '@/utils/report/recording-pass';
import { SIGNALS_SCHEMA_VERSION, type Signals } from './signals-schema';
import { MOUTH_MEASURE_COUNT } from '@/utils/features/mouth-measures';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';

const round = (digits: number) => (value: number) => roundOrNull(value, digits);
/** Times are always finite (container timestamps), so they stay numbers. */
const time = (value: number) => Number(value.toFixed(2));
type Rgb = NonNullable<NonNullable<Signals['faces'][number]['face']>['skinRgb']>;
const rgb = ([r, g, b]: [number, number, number]): Rgb => [round(3)(r), round(3)(g), round(3)(b)];

/** A flat array as rows of `width` values (a row of NaNs is null: not measured). */
function rowsOf(flat: Float32Array | undefined, width: number, digits: number): ((number | null)[] | null)[] | null {
  if (!flat) return null;
  return Array.from({ length: flat.length / width }, (_, i) => {
    const row = Array.from(flat.subarray(i * width, (i + 1) * width), round(digits));
    return row.every((value) => value === null) ? null : row;
  });
}

/**
 * The per-frame mouth signal, the speech envelope and the face-check measures as JSON (the
 * current version of SignalsSchema; readSignals reads it back), for charts elsewhere and for
 * golden test inputs. Numbers only: no frames, no thumbnails, no audio samples. Times in ms.
 */
export function signalsToJson(fileName: string, signals: RecordingSignals): string {
  const exported: Signals = {
    kind: 'liveproof-signals',
    schemaVersion: SIGNALS_SCHEMA_VERSION,
    file: fileName,
    mouth: {
      timesMs: Array.from(signals.mouth.timesMs, time),
      open: Array.from(signals.mouth.open, round(4)),
      jawOpen: Array.from(signals.mouth.jawOpen, round(4)),
      measures: rowsOf(signals.mouth.measures, MOUTH_MEASURE_COUNT, 4),
    },
    speech: {
      timesMs: Array.from(signals.speech.timesMs, time),
      db: Array.from(signals.speech.db, round(2)),
      voiced: Array.from(signals.speech.voiced, (voiced) => (voiced ? 1 : 0)),
      bands: rowsOf(signals.speech.bands, MEL_BAND_COUNT, 1),
    },
    faces: signals.faces.map((sample) => ({
      timeMs: time(sample.timeMs),
      faceCount: sample.faceCount,
      face: sample.face && {
        yawDeg: round(2)(sample.face.pose.yawDeg),
        pitchDeg: round(2)(sample.face.pose.pitchDeg),
        rollDeg: round(2)(sample.face.pose.rollDeg),
        rigidShape: Array.from(sample.face.rigidShape, round(5)),
        eyeDistancePx: round(2)(sample.face.eyeDistancePx),
        centre: [round(1)(sample.face.centreX), round(1)(sample.face.centreY)],
        blink: round(3)(sample.face.blink),
        mouthVisible: sample.face.mouthVisible,
        skinRgb: sample.face.skinRgb && rgb(sample.face.skinRgb),
        lowerFaceTone: sample.face.lowerFaceTone && sample.face.lowerFaceTone.map(round(1)),
        seamGradientRatio: round(4)(sample.face.seamGradientRatio),
        seamChromaDelta: round(3)(sample.face.seamChromaDelta),
      },
    })),
  };
  return JSON.stringify(exported);
}
