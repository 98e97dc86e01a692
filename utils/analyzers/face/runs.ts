import type { SpeechSeries } from '@/utils/features/signals';

/** A stretch of consecutive samples, by index (inclusive) and time (ms). */
export interface Run {
  from: number;
  to: number;
  startMs: number;
  endMs: number;
}

/**
 * Stretches where `holds(i)` is true: consecutive samples always join, and a break of samples
 * where it fails joins too when it lasts at most `bridgeMs` (a frame or two the model got wrong
 * should not split one event into two).
 */
export function runsWhere(timesMs: ArrayLike<number>, holds: (index: number) => boolean, bridgeMs: number): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (let i = 0; i < timesMs.length; i++) {
    if (!holds(i)) continue;
    const time = timesMs[i] as number;
    const joins = current !== null && (current.to === i - 1 || time - current.endMs <= bridgeMs);
    if (current && joins) {
      current.to = i;
      current.endMs = time;
    } else {
      current = { from: i, to: i, startMs: time, endMs: time };
      runs.push(current);
    }
  }
  return runs;
}

/** Share (0..1) of speech hops in [fromMs, toMs] that were voiced; NaN without audio there. */
export function voicedShare(speech: SpeechSeries, fromMs: number, toMs: number): number {
  let hops = 0;
  let voiced = 0;
  for (let i = 0; i < speech.timesMs.length; i++) {
    const time = speech.timesMs[i] as number;
    if (time < fromMs || time > toMs) continue;
    hops++;
    voiced += speech.voiced[i] as number;
  }
  return hops > 0 ? voiced / hops : Number.NaN;
}
