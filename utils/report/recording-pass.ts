/** What one pass over a recording measured: the input of its report, exports and charts. */
import type { FaceSample } from '@/utils/features/face-sample';
import type { LandmarkPassSummary } from '@/utils/features/landmark-pass';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';

/**
 * Default cap on analysed frames per second for recordings. Two cores run the model at about
 * 30 ms a frame each, so every frame of a 25 fps clip gives about 2x real time; 15 fps gives
 * more than 3x. Observed cost on the reference clips' lip-sync: median peak z 2.9 -> 2.8.
 */
export const RECORDING_MAX_FPS = 15;

/**
 * Longest side of a recording's frame as the model gets it, px; larger frames are shrunk first.
 * The landmarker reads faces at 256 px, so a 4K frame only adds time: about 2 s a frame on two
 * cores, longer than a worker may stay silent before it is taken as hung (HEARTBEAT).
 */
export const RECORDING_MAX_INPUT_PX = 1920;

export interface RecordingSignals {
  mouth: MouthSeries;
  /** Empty when the recording has no sound. */
  speech: SpeechSeries;
  /** The largest face of every analysed frame, for the face-consistency analyzers. */
  faces: FaceSample[];
}

export interface RecordingPass {
  durationS: number;
  width: number;
  height: number;
  hasAudio: boolean;
  /** Frame counts by faces found, and the model's own time per frame. */
  landmarks: LandmarkPassSummary;
  signals: RecordingSignals;
  /**
   * Per-frame time in the worker (crop, model, pixel measures, description; ms). Stretches run
   * side by side with frames waiting at each worker, so throughput is in realtimeFactor: media
   * seconds analysed per wall second, decoding included.
   */
  performance: {
    msPerFrameMedian: number;
    msPerFrameP95: number;
    realtimeFactor: number;
    wallMs: number;
    /** Median time the worker spent on pixel measures per frame (inside msPerFrame), ms. */
    pixelsMsMedian: number;
    /** Frames the faces were described on (identity descriptors), and the median time that took, ms. */
    describedFrames: number;
    describeMsMedian: number;
  };
}
