import { describe, expect, it } from 'vitest';
import { FrameGate } from '@/utils/tracking/frame-gate';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('FrameGate', () => {
  it('should keep one frame in flight and drop frames while busy', () => {
    const time = clock();
    const gate = new FrameGate(time.now, 120);
    expect(gate.offer(0)).toBe(true);
    expect(gate.offer(33)).toBe(false);
    gate.finish();
    expect(gate.offer(66)).toBe(true);
    expect(gate.health().dropped).toBe(1);
  });

  it('should refuse timestamps that do not increase', () => {
    const gate = new FrameGate(clock().now, 120);
    expect(gate.offer(100)).toBe(true);
    gate.finish();
    expect(gate.offer(100)).toBe(false);
    expect(gate.offer(99)).toBe(false);
  });

  it('should report the analysed rate when the model is slower than the capture', () => {
    const time = clock();
    const gate = new FrameGate(time.now, 120, 2000);
    // 30 fps capture, 50 ms model: every second frame is analysed (20 fps is not reachable).
    let inFlightUntil = -1;
    for (let frame = 0; frame < 120; frame++) {
      const at = frame * (1000 / 30);
      time.advance(at - time.now());
      if (inFlightUntil >= 0 && at >= inFlightUntil) {
        gate.finish();
        inFlightUntil = -1;
      }
      if (gate.offer(at)) inFlightUntil = at + 50;
    }
    const health = gate.health();
    expect(health.offeredFps).toBeCloseTo(30, 0);
    expect(health.analysedFps).toBeCloseTo(15, 0);
    expect(health.msPerFrameMedian).toBeCloseTo(200 / 3, 0);
    expect(health.dropped).toBe(60);
  });
});
