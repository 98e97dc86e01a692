import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import { SpeechFeatures, toSpeechSeries, type SpeechPoint } from '@/utils/features/audio-features';
import { extractFaceFeatures } from '@/utils/features/face-features';
import { mouthSeriesOf, toFrameRecord, type FrameRecord } from '@/utils/features/frame-record';
import type { SpeechSeries } from '@/utils/features/signals';
import { RECORDING_MAX_FPS, RECORDING_MAX_INPUT_PX, type RecordingPass } from '@/utils/report/recording-pass';
import { DESCRIPTOR, VAD_SETTINGS } from '@/utils/common/thresholds';
import { median, quantile } from '@/utils/common/stats';
import { LandmarkPassTally } from '@/utils/features/landmark-pass';
import { RECORDING_DAMAGE_TEXT } from '@/utils/wording/recording';
import { openRecording, UnsupportedRecordingError, type Recording } from './open-recording';

/** How much of a recording could be read, against what its container declares. */
export interface RecordingCoverage {
  /** The duration the container declares, s. */
  declaredS: number;
  /** The end of the last video frame decoded, s. */
  videoReadS: number;
  /** The end of the last sound decoded, s; null for a file without sound. */
  audioReadS: number | null;
  /** The video stops more than ENDS_EARLY_S before the declared end: the file was cut short. */
  endsEarly: boolean;
}

/**
 * Video that stops this much before the declared end is a file that ends early, s. Intact clips
 * end their video within a frame or two of the declared duration (the sound may run a little
 * longer, by the encoder's priming and padding); half a second is many frames at any rate.
 */
export const ENDS_EARLY_S = 0.5;

async function speechOf(recording: Recording): Promise<{ speech: SpeechSeries; readS: number | null }> {
  const features = new SpeechFeatures(VAD_SETTINGS);
  const points: SpeechPoint[] = [];
  let readMs = 0;
  for await (const chunk of recording.audio()) {
    points.push(...features.push(chunk.samples, chunk.startMs, recording.sampleRate));
    readMs = Math.max(readMs, chunk.startMs + chunk.durationMs);
  }
  return { speech: toSpeechSeries(points), readS: recording.hasAudio ? readMs / 1000 : null };
}

export interface RecordingPassOptions {
  /** Analyse at most this many frames per second (Infinity: every frame). */
  maxFps: number;
}

export interface RecordingPassResult {
  pass: RecordingPass;
  coverage: RecordingCoverage;
}

/** The frame shrunk by `scale` (< 1) for the model; the frame itself is closed. */
async function shrunk(frame: VideoFrame, scale: number): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(frame, {
      resizeWidth: Math.round(frame.displayWidth * scale),
      resizeHeight: Math.round(frame.displayHeight * scale),
      resizeQuality: 'medium',
    });
  } finally {
    frame.close();
  }
}

/**
 * Decodes a recording (audio first, then the video cut into one stretch per landmarker, each
 * stretch in order with one frame in flight), runs the landmarker and the per-frame features,
 * and returns the signals the analyzers read and how much of the file could be read.
 * `onProgress` gets 0..1 of the frames' media time, never after the pass has failed or ended.
 * Throws UnsupportedRecordingError when no video frame at all could be read.
 */
export async function runRecordingPass(
  file: Blob,
  clients: readonly Pick<LandmarkerClient, 'detect'>[],
  onProgress: (fraction: number) => void,
  options: RecordingPassOptions = { maxFps: RECORDING_MAX_FPS },
  now: () => number = () => performance.now(),
): Promise<RecordingPassResult> {
  const startMs = now();
  const recording = await openRecording(file);
  try {
    return await passOverRecording(recording, clients, onProgress, options, now, startMs);
  } finally {
    recording.dispose();
  }
}

/** The pass of runRecordingPass over an opened recording (which the caller disposes); `startMs` on `now`'s clock. */
export async function passOverRecording(
  recording: Recording,
  clients: readonly Pick<LandmarkerClient, 'detect'>[],
  onProgress: (fraction: number) => void,
  options: RecordingPassOptions,
  now: () => number,
  startMs = now(),
): Promise<RecordingPassResult> {
  // A little under the frame period, so a 30 fps clip capped at 15 keeps every second frame.
  const minGapMs = options.maxFps === Infinity ? 0 : (1000 / options.maxFps) * 0.9;
  const { speech, readS: audioReadS } = await speechOf(recording);
  const size = { width: recording.width, height: recording.height };
  // Landmarks are relative to the picture, so a shrunk input changes no feature's scale.
  const inputScale = Math.min(1, RECORDING_MAX_INPUT_PX / Math.max(size.width, size.height));
  const tally = new LandmarkPassTally();
  const stepMs: number[] = [];
  const pixelsMs: number[] = [];
  const describeMs: number[] = [];
  const doneMs = clients.map(() => 0);
  let lastProgressMs = 0;
  let videoReadMs = 0;
  let framesRead = 0;
  const stretchS = recording.durationS / clients.length;
  const describedIntervals = new Set<number>();
  // When one stretch fails the others stop at their next frame: their progress would hide the
  // failure (the page showed "Analysing 0 %" for ever) and their work is wasted.
  const failed = new AbortController();

  const runStretch = async (client: Pick<LandmarkerClient, 'detect'>, index: number): Promise<FrameRecord[]> => {
    const records: FrameRecord[] = [];
    const fromS = index * stretchS;
    // The last stretch is open-ended so no frame past the nominal duration is lost.
    const toS = index === clients.length - 1 ? Infinity : (index + 1) * stretchS;
    let lastKeptMs = -Infinity;
    for await (const { frame, timestampMs, durationMs } of recording.frames(fromS, toS)) {
      if (failed.signal.aborted) {
        frame.close();
        break;
      }
      framesRead++;
      videoReadMs = Math.max(videoReadMs, timestampMs + durationMs);
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
      const input = inputScale < 1 ? await shrunk(frame, inputScale) : frame;
      const landmarks = await client.detect(input, timestampMs, describe);
      if (failed.signal.aborted) break;
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

  const settled = await Promise.allSettled(
    clients.map((client, index) =>
      runStretch(client, index).catch((error: unknown) => {
        failed.abort();
        throw error;
      }),
    ),
  );
  // The first failure, as the user should read it; the others stopped because of it.
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  if (framesRead === 0) throw new UnsupportedRecordingError(RECORDING_DAMAGE_TEXT.noFrames(recording.durationS));
  const frames = settled
    .flatMap((result) => (result.status === 'fulfilled' ? result.value : []))
    .sort((a, b) => a.timeMs - b.timeMs);
  onProgress(1);
  const wallMs = now() - startMs;
  const pass: RecordingPass = {
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
  const videoReadS = videoReadMs / 1000;
  return {
    pass,
    coverage: {
      declaredS: recording.durationS,
      videoReadS,
      audioReadS,
      endsEarly: recording.durationS - videoReadS > ENDS_EARLY_S,
    },
  };
}
