import type { Timers } from '@/utils/engine/landmarker-client';

/** Timers and a clock that move only when told, for watchdog tests. */
export function manualTimers() {
  let nowMs = 0;
  let nextId = 1;
  const due = new Map<number, { atMs: number; run: () => void }>();
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const id = nextId++;
      due.set(id, { atMs: nowMs + ms, run });
      return id as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimeout: (id) => void due.delete(id as unknown as number),
  };
  return {
    timers,
    now: () => nowMs,
    /** Moves the clock on by `ms`, running each timer that falls due, in order. */
    advance(ms: number): void {
      const endMs = nowMs + ms;
      for (;;) {
        const next = [...due.entries()]
          .filter(([, timer]) => timer.atMs <= endMs)
          .sort(([, a], [, b]) => a.atMs - b.atMs)[0];
        if (!next) break;
        due.delete(next[0]);
        nowMs = next[1].atMs;
        next[1].run();
      }
      nowMs = endMs;
    },
  };
}
