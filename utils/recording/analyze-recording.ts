import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import { SpeechFeatures, toSpeechSeries, type SpeechPoint } from '@/utils/features/audio-features';
import { extractFaceFeatures } from '@/utils/features/face-features';
import { mouthSeriesOf, toFrameRecord, type FrameRecord } from '@/utils/features/frame-record';
import type { SpeechSeries } from '@/utils/features/signals';
import { RECORDING_MAX_FPS, type RecordingPass } from '@/utils/report/recording-pass';
import { DESCRIPTOR, VAD_SETTINGS } from '@/utils/common/thresholds';
import { median, quantile } from '@/utils/common/stats';
import { LandmarkPassTally } from '@/utils/features/landmark-pass';
import { openRecording, type Recording } from './open-recording';

async function speechOf(recording: Recording): Promise<SpeechSeries> {
  const features = new SpeechFeatures(VAD_SETTINGS);
  const points: SpeechPoint[] = [];
  for await (const chunk of recording.audio())
    points.push(...features.push(chunk.samples, chunk.startMs, recording.sampleRate));
  return toSpeechSeries(points);
}

export interface RecordingPassOptions {
  /** Analyse at most this many frames per second (Infinity: every frame). */
  maxFps: number;
}

/**
 * Decodes a recording (audio first, then the video cut into one stretch per landmarker, each
 * stretch in order with one frame in flight), runs the landmarker and the per-frame features,
 * and returns the signals the analyzers read. `onProgress` gets 0..1 of the frames' media time.
 */
export async function runRecordingPass(
  file: Blob,
  clients: readonly Pick<LandmarkerClient, 'detect'>[],
  onProgress: (fraction: number) => void,
  options: RecordingPassOptions = { maxFps: RECORDING_MAX_FPS },
  now: () => number = () => performance.now(),
): Promise<RecordingPass> {
  // A little under the frame period, so a 30 fps clip capped at 15 keeps every second frame.
  const minGapMs = options.maxFps === Infinity ? 0 : (1000 / options.maxFps) * 0.9;
  const startMs = now();
  const recording = await openRecording(file);
  try {
    const speech = await speechOf(recording);
    const size = { width: recording.width, height: recording.height };
    const tally = new LandmarkPassTally();
    const stepMs: number[] = [];
    const pixelsMs: number[] = [];
    const describeMs: number[] = [];
    const doneMs = clients.map(() => 0);
    let lastProgressMs = 0;
    const stretchS = recording.durationS / clients.length;
    const describedIntervals = new Set<number>();

    const runStretch = async (client: Pick<LandmarkerClient, 'detect'>, index: number): Promise<FrameRecord[]> => {
      const records: FrameRecord[] = [];
      const fromS = index * stretchS;
      // The last stretch is open-ended so no frame past the nominal duration is lost.
      const toS = index === clients.length - 1 ? Infinity : (index + 1) * stretchS;
      let lastKeptMs = -Infinity;
      for await (const { frame, timestampMs } of recording.frames(fromS, toS)) {
        if (timestampMs - lastKeptMs < minGapMs) {
          frame.close();
          continue;
        }
        lastKeptMs = timestampMs;
        const frameStart = now();
        // One description per interval of media time, whichever stretch reaches it first.
        const interval = Math.floor(timestampMs / DESCRIPTOR.recordingIntervalMs);
        const describe = !describedIntervals.has(interval);
        if (describe) describedIntervals.add(interval);
        const landmarks = await client.detect(frame, timestampMs, describe);
        const features = extractFaceFeatures(landmarks, size);
        stepMs.push(now() - frameStart);
        if (landmarks.pixelsMs !== undefined) pixelsMs.push(landmarks.pixelsMs);
        if (landmarks.describeMs !== undefined) describeMs.push(landmarks.describeMs);
        tally.add(landmarks);
        records.push(toFrameRecord(features, landmarks.thumb ?? null));
        doneMs[index] = timestampMs - fromS * 1000;
        // Progress at most every 250 ms of wall time keeps the page cheap to re-render.
        if (now() - lastProgressMs > 250 && recording.durationS > 0) {
          lastProgressMs = now();
          onProgress(Math.min(1, doneMs.reduce((a, b) => a + b, 0) / 1000 / recording.durationS));
        }
      }
      return records;
    };

    const stretches = await Promise.all(clients.map(runStretch));
    const frames = stretches.flat().sort((a, b) => a.timeMs - b.timeMs);
    onProgress(1);
    const wallMs = now() - startMs;
    return {
      durationS: recording.durationS,
      width: recording.width,
      height: recording.height,
      hasAudio: recording.hasAudio,
      landmarks: tally.summary(),
      signals: {
        mouth: mouthSeriesOf(frames),
        speech,
        faces: frames.map((f) => f.face),
      },
      performance: {
        msPerFrameMedian: median(stepMs),
        msPerFrameP95: quantile(stepMs, 0.95),
        realtimeFactor: (recording.durationS * 1000) / wallMs,
        wallMs,
        pixelsMsMedian: median(pixelsMs),
        describedFrames: describeMs.length,
        describeMsMedian: median(describeMs),
      },
    };
  } finally {
    recording.dispose();
  }
}
