import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import { openVideo } from './decode-video';
import { LandmarkPassTally, type LandmarkPassSummary } from './landmark-pass';

export interface LandmarkPassResult {
  durationS: number;
  width: number;
  height: number;
  summary: LandmarkPassSummary;
  /** Wall-clock time of the whole pass, decode included, ms. */
  wallMs: number;
}

/**
 * Decodes every frame of a recording and runs the landmarker on it, in order, one frame in
 * flight. `onProgress` gets 0..1 of the media duration.
 */
export async function runLandmarkPass(
  file: Blob,
  client: Pick<LandmarkerClient, 'detect'>,
  onProgress: (fraction: number) => void,
  now: () => number = () => performance.now(),
): Promise<LandmarkPassResult> {
  const startMs = now();
  const video = await openVideo(file);
  const tally = new LandmarkPassTally();
  try {
    for await (const { frame, timestampMs } of video.frames()) {
      tally.add(await client.detect(frame, timestampMs));
      if (video.durationS > 0) onProgress(Math.min(1, timestampMs / 1000 / video.durationS));
    }
  } finally {
    video.dispose();
  }
  onProgress(1);
  return {
    durationS: video.durationS,
    width: video.width,
    height: video.height,
    summary: tally.summary(),
    wallMs: now() - startMs,
  };
}
