import { describe, expect, it } from 'vitest';
import { FrameMeter } from '@/utils/tracking/frame-meter';

function clock() {
  let now = 0;
  return { now: () => now, set: (ms: number) => (now = ms) };
}

describe('FrameMeter', () => {
  it('should time each analysed frame from its arrival, and count the frames it replaced as dropped', () => {
    const time = clock();
    const meter = new FrameMeter(time.now, 120);
    time.set(50);
    meter.analysed(1, 0);
    time.set(140);
    meter.analysed(3, 100);
    time.set(160);
    meter.failed(1);
    const health = meter.health();
    expect(health.dropped).toBe(3);
    expect(health.msPerFrameMedian).toBeCloseTo(45, 9);
    expect(health.msPerFrameP95).toBeCloseTo(49.5, 9);
  });

  it('should give the rates of arrival and analysis over the last window only', () => {
    const time = clock();
    const meter = new FrameMeter(time.now, 120, 1000);
    for (let at = 100; at <= 3000; at += 100) {
      time.set(at);
      // Three frames reach the tracker for every one analysed.
      meter.analysed(3, at - 30);
    }
    const health = meter.health();
    expect(health.offeredFps).toBe(30);
    expect(health.analysedFps).toBe(10);
    time.set(5000);
    expect(meter.health()).toMatchObject({ offeredFps: 0, analysedFps: 0, msPerFrameP95: 30 });
  });
});
