import type { FrameLandmarks } from '@/utils/features/landmarks';
import type { EngineAssets, LandmarkerInfo, LandmarkerOptions } from './landmarks';

/** The part of a frame the worker gives the model (frame px), and the size it is scaled to first. */
export interface FrameCrop {
  x: number;
  y: number;
  width: number;
  height: number;
  outWidth: number;
  outHeight: number;
  /** How finely it is scaled; the browser's default ('low') where not given. */
  quality?: ResizeQuality;
}

/** Messages from a page to the landmarker worker. Frames are transferred, never copied. */
export type LandmarkerRequest =
  | { kind: 'init'; id: number; assets: EngineAssets; options: LandmarkerOptions }
  /**
   * `upscale`: how much the caller enlarged the frame from the call's pixels (1: not), so a face
   * is only described where the call itself showed it large enough. `crop`: cut and scale the
   * frame in the worker (null: the whole frame as it is). `newest`: a live frame, worth the
   * model's time only until a newer one comes; a waiting one is then answered `skipped`.
   */
  | {
      kind: 'detect';
      id: number;
      frame: VideoFrame | ImageBitmap;
      timestampMs: number;
      describe: boolean;
      upscale: number;
      crop: FrameCrop | null;
      newest: boolean;
    }
  | { kind: 'close'; id: number };

/** Replies from the landmarker worker; each answers the request with the same id. */
export type LandmarkerReply =
  | { kind: 'ready'; id: number; info: LandmarkerInfo }
  /** The face descriptor an init asked for has loaded (problem null) or could not (why); after or before `ready`. */
  | { kind: 'describer'; id: number; problem: string | null }
  | { kind: 'landmarks'; id: number; result: FrameLandmarks }
  | { kind: 'skipped'; id: number }
  | { kind: 'closed'; id: number }
  | { kind: 'error'; id: number; message: string };

/** Typed arrays in a result whose buffers can be transferred back to the page. */
export function transferablesOf(result: FrameLandmarks): ArrayBuffer[] {
  const thumb = result.thumb ? [result.thumb.buffer as ArrayBuffer] : [];
  const faces = result.faces.flatMap((face) =>
    [face.landmarks, face.blendshapes, face.transform, ...(face.descriptor ? [face.descriptor] : [])].map(
      (array) => array.buffer as ArrayBuffer,
    ),
  );
  return [...thumb, ...faces];
}

/**
 * The requests a worker should still run once `incoming` arrives: a newest-only frame replaces
 * the newest-only frames waiting, which are given back as `skipped` (pure, so it can be tested).
 */
export function enqueue(
  waiting: readonly LandmarkerRequest[],
  incoming: LandmarkerRequest,
): { waiting: LandmarkerRequest[]; skipped: LandmarkerRequest[] } {
  const replaces = (request: LandmarkerRequest) =>
    incoming.kind === 'detect' && incoming.newest && request.kind === 'detect' && request.newest;
  return {
    waiting: [...waiting.filter((request) => !replaces(request)), incoming],
    skipped: waiting.filter(replaces),
  };
}
