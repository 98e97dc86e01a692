import { describe, expect, it } from 'vitest';
import { twinYawLag } from '../../../scripts/lib/bench/challenge-measures';
import { HEAD_POSE } from '@/utils/common/thresholds';
import { frames } from '../../support/face-samples';

/** Frames whose calibrated yaw is `yawAt(t)` degrees. */
const turning = (yawAt: (timeMs: number) => number) =>
  frames({
    durationMs: 2000,
    fps: 25,
    face: (timeMs) => ({ pose: { yawDeg: yawAt(timeMs) / HEAD_POSE.yawGain, pitchDeg: 0, rollDeg: 0 } }),
  });

describe('twinYawLag', () => {
  const head = (timeMs: number) => -60 * (timeMs / 2000);

  it('should find no lag when the swapped face turns with the head', () => {
    const lag = twinYawLag(turning(head), turning(head), { fromMs: 0, toMs: 2000 });
    expect(lag.frames).toBe(33);
    expect(lag.medianLagDeg).toBeCloseTo(0, 6);
    expect(lag.largestLagDeg).toBeCloseTo(0, 6);
  });

  it('should measure a face that turns half as far as the head, on the turned frames only', () => {
    const lag = twinYawLag(
      turning(head),
      turning((t) => head(t) / 2),
      { fromMs: 0, toMs: 2000 },
    );
    // Real yaw 20.4..58.8° over frames 17..49 (680..1960 ms): the lag is half of it.
    expect(lag.frames).toBe(33);
    expect(lag.medianLagDeg).toBeCloseTo(19.8, 6);
    expect(lag.largestLagDeg).toBeCloseTo(29.4, 6);
  });

  it('should pair frames only within the window and only where both faces were found', () => {
    const swap = turning(head).map((sample) => (sample.timeMs >= 1800 ? { ...sample, face: null } : sample));
    expect(twinYawLag(turning(head), swap, { fromMs: 0, toMs: 2000 }).frames).toBe(28);
    expect(twinYawLag(turning(head), turning(head), { fromMs: 0, toMs: 500 })).toMatchObject({ frames: 0 });
  });
});
