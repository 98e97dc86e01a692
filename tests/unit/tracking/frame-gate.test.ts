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
    const first = gate.offer(0);
    expect(first).not.toBeNull();
    expect(gate.offer(33)).toBeNull();
    gate.finish(first ?? -1);
    expect(gate.offer(66)).not.toBeNull();
    expect(gate.health().dropped).toBe(1);
  });

  it('should refuse timestamps that do not increase', () => {
    const gate = new FrameGate(clock().now, 120);
    gate.finish(gate.offer(100) ?? -1);
    expect(gate.offer(100)).toBeNull();
    expect(gate.offer(99)).toBeNull();
  });

  it('should keep several frames in flight and time each from its own admission', () => {
    const time = clock();
    const gate = new FrameGate(time.now, 120, 2000, 3);
    const tickets = [0, 33, 66].map((at) => {
      time.advance(at - time.now());
      return gate.offer(at) ?? -1;
    });
    expect(gate.offer(99)).toBeNull();
    time.advance(100 - time.now());
    // The second was skipped for the third: counted as dropped, not as a result.
    gate.finish(tickets[1] ?? -1, false);
    gate.finish(tickets[0] ?? -1);
    time.advance(140 - time.now());
    gate.finish(tickets[2] ?? -1);
    gate.finish(tickets[2] ?? -1);
    const health = gate.health();
    expect(health.dropped).toBe(2);
    expect(health.msPerFrameMedian).toBeCloseTo((100 + 74) / 2, 5);
    expect(health.analysedFps).toBeCloseTo(1, 5);
  });

  it('should report the analysed rate when the model is slower than the capture', () => {
    const time = clock();
    const gate = new FrameGate(time.now, 120, 2000);
    // 30 fps capture, 50 ms model: every second frame is analysed (20 fps is not reachable).
    let inFlight: { ticket: number; until: number } | null = null;
    for (let frame = 0; frame < 120; frame++) {
      const at = frame * (1000 / 30);
      time.advance(at - time.now());
      if (inFlight && at >= inFlight.until) {
        gate.finish(inFlight.ticket);
        inFlight = null;
      }
      const ticket = gate.offer(at);
      if (ticket !== null) inFlight = { ticket, until: at + 50 };
    }
    const health = gate.health();
    expect(health.offeredFps).toBeCloseTo(30, 0);
    expect(health.analysedFps).toBeCloseTo(15, 0);
    expect(health.msPerFrameMedian).toBeCloseTo(200 / 3, 0);
    expect(health.dropped).toBe(60);
  });
});
