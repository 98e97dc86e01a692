import type { RecordingSignals } from './analyze-recording';

const round = (digits: number) => (value: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/**
 * The per-frame mouth signal and the speech envelope as JSON, for charts elsewhere and for
 * golden test inputs. Numbers only: no frames, no audio samples.
 */
export function signalsToJson(fileName: string, signals: RecordingSignals): string {
  return JSON.stringify({
    kind: 'liveproof-signals',
    schemaVersion: 1,
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
  });
}
