/**
 * `freeze`: the picture stops (identical frames) or repeats an earlier stretch (a loop), the
 * signs of a pre-recorded or frozen feed. Frames are compared as luma thumbnails of the whole
 * analysed picture; a freeze while the voice goes on is worth a warning, a silent one is most
 * likely the connection.
 */
import { msToS } from '@/utils/common/numbers';
import { FREEZE } from '@/utils/common/thresholds';
import type { FaceSample } from '@/utils/features/face-sample';
import { meanAbsDiff } from '@/utils/features/pixel-measures';
import type { SpeechSeries } from '@/utils/features/signals';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { median } from '@/utils/common/stats';
import { freezeMessage } from '@/utils/wording/findings';
import { runsWhere, voicedShare } from './runs';

export interface FreezeSummary {
  /** Longest frozen stretch, s. */
  longestFrozenS: number;
  /** Longest repeated stretch, s. */
  longestLoopS: number;
  /** Median difference between consecutive thumbnails (0..255 luma). */
  medianFrameDiff: number;
}

/** Difference of each thumbnail to the one before (NaN for the first or where one is missing). */
export function frameDiffs(samples: readonly FaceSample[]): number[] {
  return samples.map((sample, i) => {
    const previous = samples[i - 1]?.thumb;
    return sample.thumb && previous ? meanAbsDiff(sample.thumb, previous) : Number.NaN;
  });
}

/** Side of the coarse thumbnail used to rule out most loop candidates cheaply. */
const COARSE_SIDE = 8;

/** Block means of a square luma thumbnail, COARSE_SIDE square. */
function coarse(thumb: Uint8Array): Float32Array {
  const side = Math.round(Math.sqrt(thumb.length));
  const block = side / COARSE_SIDE;
  const out = new Float32Array(COARSE_SIDE * COARSE_SIDE);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const cell = Math.floor(y / block) * COARSE_SIDE + Math.floor(x / block);
      out[cell] = (out[cell] as number) + (thumb[y * side + x] as number) / (block * block);
    }
  }
  return out;
}

/**
 * For each moving frame, the lag (ms) to the most similar earlier frame within the loop range,
 * if that frame is far more alike than the frame just before (a replayed frame is the same
 * picture, or a source frame off; a person who merely holds still matches old frames no better
 * than the last one); NaN otherwise. The block means' difference never exceeds the pixels' (the
 * mean of differences is at most the mean of their sizes), so it rules candidates out first.
 */
function loopLags(samples: readonly FaceSample[], diffs: readonly number[]): number[] {
  const coarseThumbs = samples.map((sample) => (sample.thumb ? coarse(sample.thumb) : null));
  return samples.map((sample, i) => {
    const own = coarseThumbs[i];
    if (!sample.thumb || !own || !((diffs[i] as number) > FREEZE.maxFrozenDiff)) return Number.NaN;
    const bound = Math.min(FREEZE.maxLoopDiff, FREEZE.loopDiffShare * (diffs[i] as number));
    let bestDiff = Infinity;
    let bestLag = Number.NaN;
    for (let j = i - 1; j >= 0; j--) {
      const other = samples[j] as FaceSample;
      const lag = sample.timeMs - other.timeMs;
      if (lag > FREEZE.loopMaxLagMs) break;
      const otherCoarse = coarseThumbs[j];
      if (lag < FREEZE.loopMinLagMs || !other.thumb || !otherCoarse) continue;
      if (meanAbsDiff(own, otherCoarse) > Math.min(bound, bestDiff)) continue;
      const diff = meanAbsDiff(sample.thumb, other.thumb);
      if (diff < bestDiff) {
        bestDiff = diff;
        bestLag = lag;
      }
    }
    return bestDiff <= bound ? bestLag : Number.NaN;
  });
}

export function analyzeFreeze(
  samples: readonly FaceSample[],
  speech: SpeechSeries,
  offsetMs = 0,
): { findings: Finding[]; summary: FreezeSummary } {
  const times = samples.map((s) => s.timeMs);
  const diffs = frameDiffs(samples);
  const findings: Finding[] = [];
  // A frame identical to the one before means the picture stood still since that one.
  const frozen = runsWhere(times, (i) => (diffs[i] as number) <= FREEZE.maxFrozenDiff, 0).map((run) => ({
    ...run,
    startMs: samples[run.from - 1]?.timeMs ?? run.startMs,
  }));
  let longestFrozenMs = 0;
  for (const run of frozen) {
    const lengthMs = run.endMs - run.startMs;
    longestFrozenMs = Math.max(longestFrozenMs, lengthMs);
    if (lengthMs < FREEZE.minFrozenMs) continue;
    const voiced = voicedShare(speech, run.startMs, run.endMs);
    const speaking = voiced >= FREEZE.speakingShare;
    findings.push({
      kind: 'freeze',
      severity: speaking ? 'warn' : 'info',
      startS: findingTimeS(run.startMs - offsetMs),
      endS: findingTimeS(run.endMs - offsetMs),
      message: freezeMessage({ pattern: 'frozen', durationMs: lengthMs, speaking }),
      evidence: {
        pattern: 'frozen',
        durationS: msToS(lengthMs),
        voicedShare: Number.isNaN(voiced) ? null : Number(voiced.toFixed(2)),
      },
    });
  }
  const lags = loopLags(samples, diffs);
  // One loop: consecutive moving frames that all match frames the same lag earlier.
  const loops = runsWhere(
    times,
    (i) =>
      !Number.isNaN(lags[i] as number) &&
      Math.abs((lags[i] as number) - (lags[i - 1] ?? Number.NaN)) <= FREEZE.loopLagToleranceMs,
    0,
  );
  let longestLoopMs = 0;
  for (const run of loops) {
    const startMs = samples[run.from - 1]?.timeMs ?? run.startMs;
    const lengthMs = run.endMs - startMs;
    longestLoopMs = Math.max(longestLoopMs, lengthMs);
    if (lengthMs < FREEZE.minLoopMs) continue;
    const lag = lags[run.to] as number;
    findings.push({
      kind: 'freeze',
      severity: 'warn',
      startS: findingTimeS(startMs - offsetMs),
      endS: findingTimeS(run.endMs - offsetMs),
      message: freezeMessage({ pattern: 'loop', durationMs: lengthMs, lagMs: lag }),
      evidence: { pattern: 'loop', durationS: msToS(lengthMs), lagS: msToS(lag) },
    });
  }
  const measured = diffs.filter((d) => !Number.isNaN(d));
  return {
    findings,
    summary: {
      longestFrozenS: msToS(longestFrozenMs),
      longestLoopS: msToS(longestLoopMs),
      medianFrameDiff: median(measured),
    },
  };
}
