import type { RecordingSignals } from '../recording/analyze-recording';

const round = (digits: number) => (value: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/**
 * The per-frame mouth signal, the speech envelope and the face-check measures as JSON, for charts
 * elsewhere and for golden test inputs. Numbers only: no frames, no thumbnails, no audio samples.
 */
export function signalsToJson(fileName: string, signals: RecordingSignals): string {
  return JSON.stringify({
    kind: 'liveproof-signals',
    /** 3: faces carry mouthVisible. */
    schemaVersion: 3,
    file: fileName,
    mouth: {
      timesMs: Array.from(signals.mouth.timesMs, round(2)),
      open: Array.from(signals.mouth.open, round(4)),
      jawOpen: Array.from(signals.mouth.jawOpen, round(4)),
    },
    speech: {
      timesMs: Array.from(signals.speech.timesMs, round(2)),
      db: Array.from(signals.speech.db, round(2)),
      voiced: Array.from(signals.speech.voiced),
    },
    faces: signals.faces.map((sample) => ({
      timeMs: round(2)(sample.timeMs),
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
        skinRgb: sample.face.skinRgb?.map(round(3)) ?? null,
        seamGradientRatio: round(4)(sample.face.seamGradientRatio),
        seamChromaDelta: round(3)(sample.face.seamChromaDelta),
      },
    })),
  });
}
