import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { FrameCrop } from '@/utils/engine/landmarker-protocol';
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

/**
 * Frames a stretch keeps at its worker: the next one waits there while the model works on one,
 * so the worker never idles for the page to decode and send it.
 */
const FRAMES_IN_FLIGHT = 2;

export interface RecordingPassOptions {
  /** Analyse at most this many frames per second (Infinity: every frame). */
  maxFps: number;
}

export interface RecordingPassResult {
  pass: RecordingPass;
  coverage: RecordingCoverage;
}

/**
 * Decodes a recording (the sound alongside the video, the video cut into one stretch per
 * landmarker, each stretch in order with FRAMES_IN_FLIGHT frames at its worker), runs the
 * landmarker and the per-frame features, and returns the signals the analyzers read and how
 * much of the file could be read. `onProgress` gets 0..1 of the frames' media time, never after
 * the pass has failed or ended. Throws UnsupportedRecordingError when no video frame at all could
 * be read.
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
  // The sound is decoded while the workers read the picture, not before.
  const speechRun = speechOf(recording);
  speechRun.catch(() => undefined);
  const size = { width: recording.width, height: recording.height };
  // Landmarks are relative to the picture, so a shrunk input changes no feature's scale.
  const inputScale = Math.min(1, RECORDING_MAX_INPUT_PX / Math.max(size.width, size.height));
  const shrink = (frame: VideoFrame): FrameCrop | null =>
    inputScale < 1
      ? {
          x: 0,
          y: 0,
          width: frame.displayWidth,
          height: frame.displayHeight,
          outWidth: Math.round(frame.displayWidth * inputScale),
          outHeight: Math.round(frame.displayHeight * inputScale),
          quality: 'medium',
        }
      : null;
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
    const inFlight: Promise<void>[] = [];
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
      const job = client.detect(frame, timestampMs, { describe, crop: shrink(frame) }).then((landmarks) => {
        if (failed.signal.aborted) return;
        const features = extractFaceFeatures(landmarks, size);
        // The worker's own time: with frames waiting there, send-to-result would count the wait too.
        stepMs.push(landmarks.workMs ?? now() - frameStart);
        if (landmarks.pixelsMs !== undefined) pixelsMs.push(landmarks.pixelsMs);
        if (landmarks.describeMs !== undefined) describeMs.push(landmarks.describeMs);
        tally.add(landmarks);
        records.push(toFrameRecord(features, landmarks.thumb ?? null));
        doneMs[index] = Math.max(doneMs[index] ?? 0, timestampMs - fromS * 1000);
        // Progress at most every 250 ms of wall time keeps the page cheap to re-render.
        if (now() - lastProgressMs > 250 && recording.durationS > 0) {
          lastProgressMs = now();
          onProgress(Math.min(1, doneMs.reduce((a, b) => a + b, 0) / 1000 / recording.durationS));
        }
      });
      // Its failure is the stretch's once awaited below; until then it must not count as unhandled.
      job.catch(() => undefined);
      inFlight.push(job);
      if (inFlight.length >= FRAMES_IN_FLIGHT) await inFlight.shift();
    }
    await Promise.all(inFlight);
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
  const { speech, readS: audioReadS } = await speechRun;
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
