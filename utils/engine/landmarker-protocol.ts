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
   * frame in the worker (null: the whole frame as it is).
   */
  | {
      kind: 'detect';
      id: number;
      frame: VideoFrame | ImageBitmap;
      timestampMs: number;
      describe: boolean;
      upscale: number;
      crop: FrameCrop | null;
    }
  /**
   * Read a live video track's frames here (a MediaStreamTrackProcessor's readable, transferred, so
   * they never pass through the page's thread) and analyse the newest whenever the model is free,
   * in the region `aim` gives. Replaces any earlier follow.
   */
  | { kind: 'follow'; id: number; frames: ReadableStream<VideoFrame> }
  /** Where the followed frames are analysed from now on; null: none is (frames are read and dropped). */
  | { kind: 'aim'; id: number; crop: FrameCrop | null }
  /** Stop reading the followed track. */
  | { kind: 'unfollow'; id: number }
  | { kind: 'close'; id: number };

/** A followed frame's analysis: the track's own timestamp, the crop it was cut at, how long ago it arrived. */
export interface FollowedFrame {
  result: FrameLandmarks;
  crop: FrameCrop;
  /** The frame's timestamp on the track's own clock, ms. */
  frameTimestampMs: number;
  /**
   * From the frame reaching the worker to this reply, ms: a duration, so the page needs no worker
   * clock (the page's arrival time is its receipt time less this, and less the message's own trip).
   */
  sinceArrivalMs: number;
  /** Frames read since the previous analysed one, this one included (the rest were replaced unanalysed). */
  arrivals: number;
}

/** Replies from the landmarker worker; each answers the request with the same id. */
export type LandmarkerReply =
  | { kind: 'ready'; id: number; info: LandmarkerInfo }
  /** The face descriptor an init asked for has loaded (problem null) or could not (why); after or before `ready`. */
  | { kind: 'describer'; id: number; problem: string | null }
  | { kind: 'landmarks'; id: number; result: FrameLandmarks }
  /** Said to the follow request's id for each analysed frame, a frame that failed, and as a heartbeat. */
  | ({ kind: 'followed'; id: number } & FollowedFrame)
  | { kind: 'followFailed'; id: number; message: string; arrivals: number }
  | { kind: 'alive'; id: number }
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
