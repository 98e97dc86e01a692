/**
 * Where a worker's time per task goes, from a Chrome trace: each top-level task's wall time and
 * the CPU time its thread got during it. On a machine with fewer cores than busy threads the two
 * part: the difference is time the thread was ready but waiting for a core, which no code in the
 * worker can shorten. `npm run bench -- --live` reads the tracker (the worker running a task per
 * frame, the busiest) this way.
 */
import { median, quantile } from '@/utils/common/stats';

/** The trace event fields read here (Chrome's trace event format). */
export interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface WorkerTimes {
  tasks: number;
  wallMs: { median: number; p95: number };
  cpuMs: { median: number; p95: number };
}

/**
 * The dedicated worker thread with the most tasks of at least `minMs` wall time, and the median
 * and p95 of their wall and CPU times (ms); null when no worker ran such a task.
 */
export function busiestWorkerTimes(events: readonly TraceEvent[], minMs = 5): WorkerTimes | null {
  const workerThreads = new Set(
    events
      .filter(
        (event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'DedicatedWorker thread',
      )
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const tasksByThread = new Map<string, { wallMs: number; cpuMs: number }[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || event.name !== 'RunTask' || !workerThreads.has(thread)) continue;
    if (event.dur === undefined || event.tdur === undefined || event.dur < minMs * 1000) continue;
    const tasks = tasksByThread.get(thread) ?? [];
    tasks.push({ wallMs: event.dur / 1000, cpuMs: event.tdur / 1000 });
    tasksByThread.set(thread, tasks);
  }
  const busiest = [...tasksByThread.values()].sort((a, b) => b.length - a.length)[0];
  if (!busiest) return null;
  const summary = (values: number[]) => ({ median: median(values), p95: quantile(values, 0.95) });
  return {
    tasks: busiest.length,
    wallMs: summary(busiest.map((task) => task.wallMs)),
    cpuMs: summary(busiest.map((task) => task.cpuMs)),
  };
}
