/** What one pass over a recording measured: the input of its report, exports and charts. */
import type { FaceSample } from '@/utils/features/face-sample';
import type { LandmarkPassSummary } from '@/utils/features/landmark-pass';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';

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
   * Per-frame latency (send to features back, ms; stretches run side by side, so throughput is
   * in realtimeFactor: media seconds analysed per wall second, decoding included).
   */
  performance: {
    msPerFrameMedian: number;
    msPerFrameP95: number;
    realtimeFactor: number;
    wallMs: number;
    /** Median time the worker spent on pixel measures per frame (inside msPerFrame), ms. */
    pixelsMsMedian: number;
  };
}
