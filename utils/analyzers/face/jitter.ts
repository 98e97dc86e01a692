/**
 * `landmark-jitter`: the rigid points of the face (pose-normalised, so head motion and
 * expression are removed) shake from frame to frame more than a real face does. Face swaps
 * flicker, most at high yaw or when a hand passes the face. Jitter of a frame is how far its
 * rigid points sit from the midpoint of their neighbours in the frames before and after.
 */
import { BLINK, JITTER } from '@/utils/common/thresholds';
import type { CandidateFace, FaceSample } from '@/utils/features/face-sample';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { median } from '@/utils/common/stats';
import { landmarkJitterMessage } from '@/utils/wording/findings';

/**
 * A frame in a blink: the mesh refits the whole face as the lids move, so this is no flicker.
 * One of the three frames reads closed and the score moves by JITTER.lidStep among them.
 */
function inBlink(faces: readonly CandidateFace[]): boolean {
  const scores = faces.map((face) => face.blink);
  const top = Math.max(...scores);
  return top >= BLINK.closeScore && top - Math.min(...scores) >= JITTER.lidStep;
}

/**
 * Per-frame jitter, eye-corner units (NaN where a neighbour is missing or too far in time, where a
 * frame has several faces: the largest may be someone else from one frame to the next, and in a blink).
 */
export function jitterSeries(samples: readonly FaceSample[]): number[] {
  return samples.map((sample, i) => {
    const before = samples[i - 1];
    const after = samples[i + 1];
    if (!sample.face || !before?.face || !after?.face) return Number.NaN;
    if (sample.faceCount > 1 || before.faceCount > 1 || after.faceCount > 1) return Number.NaN;
    if (inBlink([before.face, sample.face, after.face])) return Number.NaN;
    if (sample.timeMs - before.timeMs > JITTER.maxGapMs || after.timeMs - sample.timeMs > JITTER.maxGapMs) {
      return Number.NaN;
    }
    // Midpoint weighted by time, so uneven frame spacing is not read as jitter.
    const t = (sample.timeMs - before.timeMs) / (after.timeMs - before.timeMs);
    const [a, b, c] = [before.face.rigidShape, sample.face.rigidShape, after.face.rigidShape];
    const points = b.length / 3;
    let sum = 0;
    for (let p = 0; p < points; p++) {
      let squared = 0;
      for (let k = 0; k < 3; k++) {
        const idx = p * 3 + k;
        const expected = (a[idx] as number) + ((c[idx] as number) - (a[idx] as number)) * t;
        squared += ((b[idx] as number) - expected) ** 2;
      }
      sum += Math.sqrt(squared);
    }
    return sum / points;
  });
}

export interface JitterSummary {
  /** Median jitter over the whole clip, eye-corner units. */
  median: number;
  /** Highest window median, eye-corner units. */
  worstWindow: number;
}

export function analyzeJitter(
  samples: readonly FaceSample[],
  offsetMs = 0,
): { findings: Finding[]; summary: JitterSummary } {
  const jitter = jitterSeries(samples);
  const findings: Finding[] = [];
  let worst = Number.NaN;
  let from = 0;
  let lastFindingEndMs = -Infinity;
  for (let to = 0; to < samples.length; to++) {
    const endMs = (samples[to] as FaceSample).timeMs;
    while ((samples[from] as FaceSample).timeMs < endMs - JITTER.windowMs) from++;
    if (endMs - (samples[0] as FaceSample).timeMs < JITTER.windowMs) continue;
    const values = jitter.slice(from, to + 1).filter((v) => !Number.isNaN(v));
    if (values.length < JITTER.minFrames) continue;
    const value = median(values);
    if (!(value <= worst)) worst = value;
    const startMs = (samples[from] as FaceSample).timeMs;
    if (value >= JITTER.warnMedian && startMs >= lastFindingEndMs) {
      lastFindingEndMs = endMs;
      const yaws = samples
        .slice(from, to + 1)
        .flatMap((s) => (s.face ? [Math.abs((s.face as CandidateFace).pose.yawDeg)] : []));
      findings.push({
        kind: 'landmark-jitter',
        severity: 'warn',
        startS: findingTimeS(startMs - offsetMs),
        endS: findingTimeS(endMs - offsetMs),
        message: landmarkJitterMessage(value),
        evidence: {
          medianJitter: Number(value.toFixed(5)),
          threshold: JITTER.warnMedian,
          medianAbsYawDeg: Number(median(yaws).toFixed(1)),
        },
      });
    }
  }
  const all = jitter.filter((v) => !Number.isNaN(v));
  return {
    findings,
    summary: {
      median: all.length ? Number(median(all).toFixed(5)) : Number.NaN,
      worstWindow: Number.isNaN(worst) ? Number.NaN : Number(worst.toFixed(5)),
    },
  };
}
