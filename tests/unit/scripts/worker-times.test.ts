import { describe, expect, it } from 'vitest';
import { busiestWorkerTimes, type TraceEvent } from '../../../scripts/lib/bench/worker-times';

const thread = (tid: number, name: string): TraceEvent => ({
  ph: 'M',
  name: 'thread_name',
  pid: 1,
  tid,
  args: { name },
});
const task = (tid: number, wallMs: number, cpuMs: number): TraceEvent => ({
  ph: 'X',
  name: 'RunTask',
  pid: 1,
  tid,
  dur: wallMs * 1000,
  tdur: cpuMs * 1000,
});

describe('busiestWorkerTimes', () => {
  it("should read the worker with the most tasks, its wall times apart from its thread's CPU times", () => {
    // The tracker: 20 frames of 20 ms CPU each, every fifth one waiting 30 ms for a core.
    const tracker = Array.from({ length: 20 }, (_, index) => task(11, index % 5 === 4 ? 50 : 20, 20));
    const events = [
      thread(10, 'CrRendererMain'),
      thread(11, 'DedicatedWorker thread'),
      thread(12, 'DedicatedWorker thread'),
      ...tracker,
      // Another worker's few long tasks, the page's own tasks, and short tasks, all left out.
      task(12, 200, 60),
      task(12, 120, 40),
      ...Array.from({ length: 30 }, () => task(10, 30, 30)),
      ...Array.from({ length: 30 }, () => task(11, 1, 1)),
    ];
    const times = busiestWorkerTimes(events);
    expect(times?.tasks).toBe(20);
    expect(times?.wallMs.median).toBe(20);
    // Ranks 0..19: the p95 falls between the 18th and the 19th sorted wall times (both 50 ms).
    expect(times?.wallMs.p95).toBe(50);
    expect(times?.cpuMs).toEqual({ median: 20, p95: 20 });
  });

  it('should say nothing when no worker ran a task long enough', () => {
    expect(busiestWorkerTimes([thread(11, 'DedicatedWorker thread'), task(11, 2, 2)])).toBeNull();
    expect(busiestWorkerTimes([thread(10, 'CrRendererMain'), task(10, 40, 40)])).toBeNull();
  });
});
