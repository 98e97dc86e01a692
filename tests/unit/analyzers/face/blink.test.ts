import { describe, expect, it } from 'vitest';
import { analyzeBlinks, findBlinks } from '@/utils/analyzers/face/blink';
import { BLINK } from '@/utils/common/thresholds';
import { frames } from '../../../support/face-samples';

/** Eyes closed for `durationMs` every `everyMs`. */
const blinking = (everyMs: number, durationMs: number) => (t: number) => ({
  blink: t % everyMs < durationMs ? 0.9 : 0.05,
});

describe('findBlinks', () => {
  it('should count blinks and time how long the eyes stay shut', () => {
    const { blinks, watchedMs } = findBlinks(
      frames({ durationMs: 60_000, fps: 30, face: (t) => blinking(5000, 200)(t + 2500) }),
    );
    expect(blinks).toHaveLength(12);
    expect(blinks[0]?.durationMs).toBeCloseTo(200, -2);
    expect(watchedMs).toBeCloseTo(60_000, -2);
  });

  it('should skip frames looking far down (lowered lids read as closed)', () => {
    const down = { blink: 0.9, pose: { yawDeg: 0, pitchDeg: -40, rollDeg: 0 } };
    expect(findBlinks(frames({ durationMs: 10_000, face: () => down })).blinks).toEqual([]);
  });
});

describe('analyzeBlinks', () => {
  it('should accept a human rate and shape', () => {
    const { findings, summary } = analyzeBlinks(frames({ durationMs: 60_000, fps: 30, face: blinking(4000, 200) }));
    expect(findings).toEqual([]);
    expect(summary.perMinute).toBeCloseTo(15, 0);
  });

  it('should note a face that never blinks over a long window, and not judge a short one', () => {
    const still = analyzeBlinks(frames({ durationMs: BLINK.minWatchMs + 5000, face: () => ({ blink: 0.05 }) }));
    expect(still.findings).toHaveLength(1);
    expect(still.findings[0]).toMatchObject({ kind: 'blink-anomaly', severity: 'info' });
    expect(analyzeBlinks(frames({ durationMs: 10_000, face: () => ({ blink: 0.05 }) })).findings).toEqual([]);
  });

  it('should note blinks far slower than human ones', () => {
    const slow = analyzeBlinks(frames({ durationMs: 60_000, face: blinking(5000, 1200) }));
    expect(slow.findings[0]?.message).toMatch(/Blinks last/);
  });
});
