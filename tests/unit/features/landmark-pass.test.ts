import { describe, expect, it } from 'vitest';
import {
  BLENDSHAPE_COUNT,
  LANDMARK_COUNT,
  type FaceObservation,
  type FrameLandmarks,
} from '@/utils/features/landmarks';
import { LandmarkPassTally } from '@/utils/features/landmark-pass';

const fullFace = (): FaceObservation => ({
  landmarks: new Float32Array(LANDMARK_COUNT * 3),
  blendshapes: new Float32Array(BLENDSHAPE_COUNT),
  transform: new Float32Array(16),
});

const frame = (index: number, faces: FaceObservation[]): FrameLandmarks => ({
  timestampMs: index * 40,
  faces,
  detectMs: 10 + index,
});

describe('LandmarkPassTally', () => {
  it('should count frames by faces found', () => {
    const tally = new LandmarkPassTally();
    tally.add(frame(0, [fullFace()]));
    tally.add(frame(1, []));
    tally.add(frame(2, [fullFace(), fullFace()]));
    tally.add(frame(3, [{ ...fullFace(), blendshapes: new Float32Array(0) }]));
    tally.add(frame(4, [fullFace()]));
    expect(tally.summary()).toEqual({
      framesAnalyzed: 5,
      framesWithOneFullFace: 2,
      framesWithFace: 4,
      maxFacesInFrame: 2,
      detectMsMedian: 12,
      detectMsP95: 13.8,
    });
  });

  it('should report no frames as NaN timings, not zeros', () => {
    const summary = new LandmarkPassTally().summary();
    expect(summary.framesAnalyzed).toBe(0);
    expect(summary.detectMsMedian).toBeNaN();
  });
});
