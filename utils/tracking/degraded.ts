/**
 * Whether this computer analyses the call too slowly for some checks: each check below ignores
 * frames further apart than its own limit (thresholds.ts), so when analysed frames come further
 * apart than that on average, the check mostly sees nothing and says less than it could.
 */
import { BLINK, CHECKLIST, JITTER, LIP_SYNC, PULSE } from '@/utils/common/thresholds';

/** The checks that need frames close together, with the longest gap each one bridges, ms. */
const FRAME_GAP_LIMITS = [
  { check: 'face flicker', maxGapMs: JITTER.maxGapMs },
  { check: 'lip sync', maxGapMs: LIP_SYNC.maxFrameGapMs },
  { check: 'blinks', maxGapMs: BLINK.maxGapMs },
  { check: 'pulse', maxGapMs: PULSE.maxGapMs },
  { check: 'challenge answers', maxGapMs: CHECKLIST.maxTrackGapMs },
] as const;

export type FrameRateCheck = (typeof FRAME_GAP_LIMITS)[number]['check'];

/** Frames analysed before the rate is judged: the first seconds include the model's start. */
export const DEGRADED_AFTER_FRAMES = 30;

export interface Degradation {
  analysedFps: number;
  /** The affected checks, each with the rate it needs, fps. */
  affected: { check: FrameRateCheck; needsFps: number }[];
}

/** The affected checks at this analysed rate; null while none is (or too early to tell). */
export function degradation(analysedFps: number, framesAnalysed: number): Degradation | null {
  if (framesAnalysed < DEGRADED_AFTER_FRAMES || !(analysedFps > 0)) return null;
  const meanGapMs = 1000 / analysedFps;
  const affected = FRAME_GAP_LIMITS.filter(({ maxGapMs }) => meanGapMs > maxGapMs).map(({ check, maxGapMs }) => ({
    check,
    needsFps: Math.ceil((1000 / maxGapMs) * 10) / 10,
  }));
  return affected.length > 0 ? { analysedFps, affected } : null;
}

/** A degradation is shown once it has held this long, and hidden once it has been gone this long, ms. */
export const DEGRADED_SHOW_AFTER_MS = 3000;
export const DEGRADED_HIDE_AFTER_MS = 10_000;

/** What the panel shows, and since when the readings have disagreed with it (null: they agree). */
export interface DegradedWatch {
  shown: Degradation | null;
  changedAtMs: number | null;
}

/**
 * The degradation to show given the newest reading: a rate that wavers around a check's need must
 * not make the warning blink (and the panel's buttons jump), so it appears after
 * DEGRADED_SHOW_AFTER_MS and goes after DEGRADED_HIDE_AFTER_MS.
 */
export function watchDegradation(watch: DegradedWatch, reading: Degradation | null, nowMs: number): DegradedWatch {
  if ((reading === null) === (watch.shown === null)) return { shown: reading, changedAtMs: null };
  const changedAtMs = watch.changedAtMs ?? nowMs;
  const wait = reading ? DEGRADED_SHOW_AFTER_MS : DEGRADED_HIDE_AFTER_MS;
  return nowMs - changedAtMs >= wait ? { shown: reading, changedAtMs: null } : { shown: watch.shown, changedAtMs };
}
