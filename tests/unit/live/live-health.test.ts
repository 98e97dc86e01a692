import { describe, expect, it } from 'vitest';
import type { WorkerFaultRecord, WorkerRestarts } from '@/utils/engine/landmarker-client';
import { HealthMeter } from '@/utils/live/live-health';
import type { FrameHealth } from '@/utils/tracking/frame-meter';
import { WORKER_TEXT } from '@/utils/wording/worker-restart';

const frames: FrameHealth = { analysedFps: 15, offeredFps: 30, msPerFrameMedian: 40, msPerFrameP95: 80, dropped: 0 };

/** A worker's restart record that the test moves on. */
function restarting(restarts = 0, lastFault: WorkerFaultRecord | null = null) {
  const source = {
    restarts,
    lastFault,
    fault(fault: WorkerFaultRecord) {
      source.lastFault = fault;
      if (fault.restarted) source.restarts++;
    },
  };
  return source satisfies WorkerRestarts;
}

describe('HealthMeter', () => {
  it('should report no restarts while the workers run', () => {
    const meter = new HealthMeter(() => 0, { tracker: restarting(), analysis: restarting() });
    expect(meter.snapshot(frames).workers).toEqual({ restarts: 0, last: null });
    meter.stop();
  });

  it('should count the restarts since the capture started and name the latest fault', () => {
    const tracker = restarting(1, { fault: 'crashed', atMs: 5, restarted: true });
    const scanner = restarting();
    const analysis = restarting();
    const meter = new HealthMeter(() => 0, { tracker, scanner, analysis });
    // The tracker's restart in an earlier capture does not count.
    expect(meter.snapshot(frames).workers).toEqual({ restarts: 0, last: null });
    analysis.fault({ fault: 'hung', atMs: 20, restarted: true });
    scanner.fault({ fault: 'crashed', atMs: 10, restarted: true });
    expect(meter.snapshot(frames).workers).toEqual({
      restarts: 2,
      last: { worker: 'analysis', fault: 'hung', restarted: true },
    });
    tracker.fault({ fault: 'hung', atMs: 30, restarted: false });
    expect(meter.snapshot(frames).workers).toEqual({
      restarts: 2,
      last: { worker: 'tracker', fault: 'hung', restarted: false },
    });
    meter.stop();
  });
});

describe('HealthMeter tracker busy share', () => {
  const detectMs = 20;

  it('should be unknown before the first result and the worker time over the window after it', () => {
    let nowMs = 0;
    const meter = new HealthMeter(() => nowMs);
    expect(meter.snapshot(frames).trackerBusy).toBeNaN();
    // A slow first frame, then 40 frames of 30 ms each over the 2 s window: 1.2 s of work.
    for (let frame = 0; frame < 45; frame++) {
      nowMs += 50;
      meter.result({ detectMs, workMs: frame === 0 ? 400 : 30 });
    }
    expect(meter.snapshot(frames).trackerBusy).toBeCloseTo(0.6, 9);
    // One slow frame in 45 is past the 95th percentile.
    expect(meter.snapshot(frames).workMsP95).toBeCloseTo(30, 9);
    meter.stop();
  });

  it('should cap at 1 and fall to 0 once results stop coming', () => {
    let nowMs = 0;
    const meter = new HealthMeter(() => nowMs);
    for (let frame = 0; frame < 40; frame++) {
      nowMs += 50;
      meter.result({ detectMs, workMs: 60 });
    }
    expect(meter.snapshot(frames).trackerBusy).toBe(1);
    nowMs += 2000;
    // The tracker's own time per frame is kept over results, not over the window.
    expect(meter.snapshot(frames).workMsP95).toBe(60);
    expect(meter.snapshot(frames).trackerBusy).toBe(0);
    meter.stop();
  });
});

describe("HealthMeter page's share", () => {
  it("should give the page's time per result and its handlers' share of the window", () => {
    let nowMs = 0;
    const meter = new HealthMeter(() => nowMs);
    expect(meter.snapshot(frames).pageBusy).toBeNaN();
    expect(meter.snapshot(frames).pageMsPerResult).toBeNaN();
    // 2 s: 40 results of 1 ms, 20 frames of the page's copy of 3 ms, 100 sound chunks of 0.2 ms.
    for (let tick = 0; tick < 100; tick++) {
      nowMs += 20;
      meter.handled(0.2, false);
      if (tick % 5 === 0) meter.handled(3, false);
      if (tick % 5 === 1 || tick % 5 === 3) meter.handled(1, true);
    }
    expect(meter.snapshot(frames).pageMsPerResult).toBe(1);
    expect(meter.snapshot(frames).pageBusy).toBeCloseTo((40 + 60 + 20) / 2000, 9);
    nowMs += 2000;
    expect(meter.snapshot(frames).pageBusy).toBe(0);
    meter.stop();
  });
});

describe('WORKER_TEXT.panel', () => {
  it.each([
    [
      'tracker',
      'hung',
      1,
      true,
      'The face tracker stopped responding and was restarted (1 restart) — the session goes on.',
    ],
    [
      'analysis',
      'crashed',
      2,
      true,
      'The signal analysis (lip sync, face checks) crashed and was restarted (2 restarts) — the session goes on.',
    ],
    [
      'scanner',
      'hung',
      1,
      false,
      'The face finder stopped responding again right after its restart, so it was stopped (1 restart); ' +
        'the capture goes on without it.',
    ],
  ] as const)('should word a %s that %s (%i restarts, restarted: %s)', (worker, fault, count, restarted, text) => {
    expect(WORKER_TEXT.panel(worker, fault, count, restarted)).toBe(text);
  });
});
