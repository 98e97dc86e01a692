/**
 * `blink-anomaly`: blink rate and blink shape out of the human range over a long enough window.
 * A blink is the model's eye-closure score (eyeBlinkLeft/Right mean) rising over BLINK.closeScore
 * and falling back under BLINK.openScore, unless it rises again within BLINK.minOpenMs (lids that
 * part for a frame or two); frames looking far down are skipped (lowered lids read as closed).
 */
import { msToS } from '@/utils/common/numbers';
import { BLINK } from '@/utils/common/thresholds';
import type { FaceSample } from '@/utils/features/face-sample';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { median } from '@/utils/common/stats';
import { blinkAnomalyMessage } from '@/utils/wording/findings';

export interface Blink {
  startMs: number;
  durationMs: number;
}

/** Blinks found in the samples, and the face time they were looked for in, ms. */
export function findBlinks(samples: readonly FaceSample[]): { blinks: Blink[]; watchedMs: number } {
  const blinks: Blink[] = [];
  let closedAt: number | null = null;
  // First frame seen open since the eyes closed: the blink ends there unless they close again within minOpenMs.
  let openedAt: number | null = null;
  let watchedMs = 0;
  const end = () => {
    if (closedAt !== null && openedAt !== null) blinks.push({ startMs: closedAt, durationMs: openedAt - closedAt });
    closedAt = null;
    openedAt = null;
  };
  samples.forEach((sample, i) => {
    const previous = samples[i - 1];
    const usable = sample.face && sample.face.pose.pitchDeg >= -BLINK.maxDownPitchDeg;
    if (!usable) {
      // A closure not yet seen to open is dropped: it may run into the lowered look or lost face.
      if (openedAt === null) closedAt = null;
      end();
      return;
    }
    if (previous?.face && sample.timeMs - previous.timeMs <= BLINK.maxGapMs) {
      watchedMs += sample.timeMs - previous.timeMs;
    }
    if (openedAt !== null && sample.timeMs - openedAt >= BLINK.minOpenMs) end();
    const score = (sample.face as NonNullable<FaceSample['face']>).blink;
    if (closedAt === null) {
      if (score >= BLINK.closeScore) closedAt = sample.timeMs;
    } else if (openedAt === null) {
      if (score < BLINK.openScore) openedAt = sample.timeMs;
    } else if (score >= BLINK.closeScore) openedAt = null;
  });
  end();
  return { blinks, watchedMs };
}

export interface BlinkSummary {
  blinks: number;
  watchedS: number;
  perMinute: number;
  medianDurationMs: number;
}

export function analyzeBlinks(
  samples: readonly FaceSample[],
  offsetMs = 0,
): { findings: Finding[]; summary: BlinkSummary } {
  const { blinks, watchedMs } = findBlinks(samples);
  const perMinute = watchedMs > 0 ? (blinks.length * 60_000) / watchedMs : Number.NaN;
  const medianDurationMs = median(blinks.map((b) => b.durationMs));
  const findings: Finding[] = [];
  const startS = findingTimeS((samples[0]?.timeMs ?? 0) - offsetMs);
  const endS = findingTimeS((samples[samples.length - 1]?.timeMs ?? 0) - offsetMs);
  const evidence = {
    blinks: blinks.length,
    watchedS: msToS(watchedMs),
    perMinute: Number(perMinute.toFixed(1)),
    medianDurationMs: Number.isNaN(medianDurationMs) ? null : Math.round(medianDurationMs),
  };
  if (watchedMs >= BLINK.minWatchMs) {
    if (perMinute < BLINK.minPerMinute || perMinute > BLINK.maxPerMinute) {
      findings.push({
        kind: 'blink-anomaly',
        severity: 'info',
        startS,
        endS,
        message: blinkAnomalyMessage({ pattern: 'rate', blinks: blinks.length, watchedMs, perMinute }),
        evidence,
      });
    } else if (medianDurationMs > BLINK.maxMedianDurationMs) {
      findings.push({
        kind: 'blink-anomaly',
        severity: 'info',
        startS,
        endS,
        message: blinkAnomalyMessage({ pattern: 'duration', medianDurationMs }),
        evidence,
      });
    }
  }
  return { findings, summary: { blinks: blinks.length, watchedS: msToS(watchedMs), perMinute, medianDurationMs } };
}
