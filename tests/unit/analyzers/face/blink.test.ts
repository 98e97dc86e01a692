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

  it('should count a closure whose lids part for a frame or two once, and a blink after a real reopen apart', () => {
    // 30 fps: closed 1000..3000 ms with a 33 ms and a 67 ms parting, open 100 ms, then a 100 ms blink.
    const parted = (t: number) => (t >= 1500 && t < 1530) || (t >= 2200 && t < 2260);
    const closed = (t: number) => (t >= 1000 && t < 3000 && !parted(t)) || (t >= 3100 && t < 3200);
    const { blinks } = findBlinks(
      frames({ durationMs: 5000, fps: 30, face: (t) => ({ blink: closed(t) ? 0.8 : 0.05 }) }),
    );
    expect(blinks).toHaveLength(2);
    expect(blinks[0]?.startMs).toBeCloseTo(1000, -1);
    expect(blinks[0]?.durationMs).toBeCloseTo(2000, -1);
    expect(blinks[1]?.startMs).toBeCloseTo(3100, -1);
  });

  it('should count a blink caught in one frame mid-closure', () => {
    const { blinks } = findBlinks(
      frames({ durationMs: 2000, fps: 30, face: (t) => ({ blink: t >= 1000 && t < 1030 ? 0.45 : 0.01 }) }),
    );
    expect(blinks).toHaveLength(1);
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
