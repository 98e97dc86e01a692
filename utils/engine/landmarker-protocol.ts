import type { FrameLandmarks } from '@/utils/features/landmarks';
import type { EngineAssets, LandmarkerInfo, LandmarkerOptions } from './landmarks';

/** Messages from a page to the landmarker worker. Frames are transferred, never copied. */
export type LandmarkerRequest =
  | { kind: 'init'; id: number; assets: EngineAssets; options: LandmarkerOptions }
  /**
   * `upscale`: how much the caller enlarged the frame from the call's pixels (1: not), so a face
   * is only described where the call itself showed it large enough.
   */
  | {
      kind: 'detect';
      id: number;
      frame: VideoFrame | ImageBitmap;
      timestampMs: number;
      describe: boolean;
      upscale: number;
    }
  | { kind: 'close'; id: number };

/** Replies from the landmarker worker; each answers the request with the same id. */
export type LandmarkerReply =
  | { kind: 'ready'; id: number; info: LandmarkerInfo }
  | { kind: 'landmarks'; id: number; result: FrameLandmarks }
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
