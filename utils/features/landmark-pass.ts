import {
  BLENDSHAPE_COUNT,
  LANDMARK_COUNT,
  type FaceObservation,
  type FrameLandmarks,
} from '@/utils/features/landmarks';
import { median, quantile } from '@/utils/common/stats';

/** What one landmark pass over a recording found: frame counts and model timing. */
export interface LandmarkPassSummary {
  framesAnalyzed: number;
  /** Frames with exactly one face carrying the full landmark and blendshape sets. */
  framesWithOneFullFace: number;
  /** Frames with at least one face. */
  framesWithFace: number;
  maxFacesInFrame: number;
  detectMsMedian: number;
  detectMsP95: number;
}

function isFullFace(face: FaceObservation): boolean {
  return face.landmarks.length === LANDMARK_COUNT * 3 && face.blendshapes.length === BLENDSHAPE_COUNT;
}

/** Counts landmarker results frame by frame without keeping the landmarks (pure). */
export class LandmarkPassTally {
  private framesWithOneFullFace = 0;
  private framesWithFace = 0;
  private maxFacesInFrame = 0;
  private readonly detectMs: number[] = [];

  add(frame: FrameLandmarks): void {
    this.detectMs.push(frame.detectMs);
    if (frame.faces.length > 0) this.framesWithFace++;
    if (frame.faces.length === 1 && frame.faces.every(isFullFace)) this.framesWithOneFullFace++;
    this.maxFacesInFrame = Math.max(this.maxFacesInFrame, frame.faces.length);
  }

  summary(): LandmarkPassSummary {
    return {
      framesAnalyzed: this.detectMs.length,
      framesWithOneFullFace: this.framesWithOneFullFace,
      framesWithFace: this.framesWithFace,
      maxFacesInFrame: this.maxFacesInFrame,
      detectMsMedian: median(this.detectMs),
      detectMsP95: quantile(this.detectMs, 0.95),
    };
  }
}
