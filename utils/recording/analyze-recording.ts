import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import { SpeechEnvelopeTracker, VoiceActivityTracker } from '@/utils/features/audio-features';
import { extractFaceFeatures } from '@/utils/features/face-features';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { VAD_SETTINGS } from '@/utils/analyzers/thresholds';
import { median, quantile } from '@/utils/stats';
import { LandmarkPassTally, type LandmarkPassSummary } from './landmark-pass';
import { openRecording, type Recording } from './open-recording';

export interface RecordingSignals {
  mouth: MouthSeries;
  speech: SpeechSeries;
}

export interface RecordingPass {
  durationS: number;
  width: number;
  height: number;
  /** Frame counts by faces found, and the model's own time per frame. */
  landmarks: LandmarkPassSummary;
  signals: RecordingSignals;
  performance: { msPerFrameMedian: number; msPerFrameP95: number; realtimeFactor: number; wallMs: number };
}

async function speechOf(recording: Recording): Promise<SpeechSeries> {
  const envelope = new SpeechEnvelopeTracker(recording.sampleRate);
  const vad = new VoiceActivityTracker(VAD_SETTINGS);
  const times: number[] = [];
  const db: number[] = [];
  const voiced: number[] = [];
  for await (const chunk of recording.audio()) {
    for (const point of envelope.push(chunk.samples, chunk.startMs)) {
      times.push(point.timeMs);
      db.push(point.db);
      voiced.push(vad.push(point) ? 1 : 0);
    }
  }
  return { timesMs: Float64Array.from(times), db: Float32Array.from(db), voiced: Uint8Array.from(voiced) };
}

/**
 * Decodes a recording (audio first, then every video frame in order, one frame in flight),
 * runs the landmarker and the per-frame features, and returns the signals the analyzers read.
 * `onProgress` gets 0..1 of the media duration.
 */
export async function runRecordingPass(
  file: Blob,
  client: Pick<LandmarkerClient, 'detect'>,
  onProgress: (fraction: number) => void,
  now: () => number = () => performance.now(),
): Promise<RecordingPass> {
  const startMs = now();
  const recording = await openRecording(file);
  try {
    const speech = await speechOf(recording);
    const size = { width: recording.width, height: recording.height };
    const times: number[] = [];
    const open: number[] = [];
    const stepMs: number[] = [];
    const tally = new LandmarkPassTally();
    let lastProgressMs = 0;
    for await (const { frame, timestampMs } of recording.frames()) {
      const frameStart = now();
      const landmarks = await client.detect(frame, timestampMs);
      const features = extractFaceFeatures(landmarks, size);
      stepMs.push(now() - frameStart);
      times.push(timestampMs);
      open.push(features.primary ? features.primary.mouthOpen : Number.NaN);
      tally.add(landmarks);
      // Progress at most every 250 ms of wall time keeps the page cheap to re-render.
      if (now() - lastProgressMs > 250 && recording.durationS > 0) {
        lastProgressMs = now();
        onProgress(Math.min(1, timestampMs / 1000 / recording.durationS));
      }
    }
    onProgress(1);
    const wallMs = now() - startMs;
    return {
      durationS: recording.durationS,
      width: recording.width,
      height: recording.height,
      landmarks: tally.summary(),
      signals: { mouth: { timesMs: Float64Array.from(times), open: Float32Array.from(open) }, speech },
      performance: {
        msPerFrameMedian: median(stepMs),
        msPerFrameP95: quantile(stepMs, 0.95),
        realtimeFactor: (recording.durationS * 1000) / wallMs,
        wallMs,
      },
    };
  } finally {
    recording.dispose();
  }
}
