/**
 * A hand over the mouth, read from the face itself (pure): the lips, the skin above them and the
 * chin (each against the forehead, so light that changes the whole face cancels) change colour
 * far beyond what speaking or turning does. The mouth-patch contrast test (mouthVisible) only
 * catches flat patches; a hand has texture of its own.
 */
import { COVER } from '@/utils/common/thresholds';
import { median } from '@/utils/common/stats';
import type { FaceSample } from '@/utils/features/face-sample';

const POINTS = 3;

/** Largest colour change of the three points against their baseline; chroma counts double (it moves less). */
function toneBreak(tone: readonly number[], baseline: readonly (readonly number[])[]): number {
  let largest = 0;
  for (let p = 0; p < POINTS; p++) {
    const [dy, dcb, dcr] = [0, 1, 2].map(
      (c) => (tone[p * 3 + c] as number) - median(baseline.map((b) => b[p * 3 + c] as number)),
    ) as [number, number, number];
    largest = Math.max(largest, Math.hypot(dy, 2 * dcb, 2 * dcr));
  }
  return largest;
}

const measured = (tone: readonly number[] | null | undefined): tone is readonly number[] =>
  Boolean(tone && tone.every(Number.isFinite));

/**
 * For each sample, whether its lower face read as covered: its tone broke from the median of the
 * uncovered samples COVER.baselineFromMs..baselineToMs before it by COVER.minBreak or more. While a
 * cover lasts longer than that reach, the face from before it stays the baseline. Samples
 * without a face, a tone or any baseline are not covered.
 */
export function coveredMouth(samples: readonly FaceSample[]): boolean[] {
  const covered = samples.map(() => false);
  let lastBaseline: (readonly number[])[] = [];
  samples.forEach((sample, i) => {
    const tone = sample.face?.lowerFaceTone;
    if (!measured(tone)) return;
    const baseline: (readonly number[])[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const before = samples[j] as FaceSample;
      const agoMs = sample.timeMs - before.timeMs;
      if (agoMs > COVER.baselineFromMs) break;
      const beforeTone = before.face?.lowerFaceTone;
      if (agoMs >= COVER.baselineToMs && measured(beforeTone) && !covered[j]) baseline.push(beforeTone);
    }
    if (baseline.length >= COVER.minBaselineFrames) lastBaseline = baseline;
    else if (!covered[i - 1]) return;
    if (lastBaseline.length > 0) covered[i] = toneBreak(tone, lastBaseline) >= COVER.minBreak;
  });
  return covered;
}
