/**
 * Face identity descriptors as numbers: distances, a person's profile over many frames, and how
 * two profiles compare. Pure; the same for recordings, live calls and stored sessions.
 */
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { median } from '@/utils/common/stats';

/** Values in one face descriptor (the network's output). */
export const DESCRIPTOR_LENGTH = 128;

/** A descriptor read at a moment (ms on the run's clock). */
export interface TimedDescriptor {
  timeMs: number;
  descriptor: Float32Array;
}

export function descriptorDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Descriptors of ${a.length} and ${b.length} values cannot be compared.`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(sum);
}

export function meanDescriptor(descriptors: readonly ArrayLike<number>[]): Float32Array {
  const first = descriptors[0];
  if (!first) throw new Error('A mean of no descriptors.');
  const mean = new Float32Array(first.length);
  for (const descriptor of descriptors) {
    if (descriptor.length !== mean.length) throw new Error('Descriptors of different lengths cannot be averaged.');
    for (let i = 0; i < mean.length; i++) mean[i] = (mean[i] as number) + (descriptor[i] as number);
  }
  return mean.map((value) => value / descriptors.length);
}

/** The per-value median of a few descriptors: one spoiled read among three cannot move it. */
export function medianDescriptor(descriptors: readonly ArrayLike<number>[]): Float32Array {
  const first = descriptors[0];
  if (!first) throw new Error('A median of no descriptors.');
  const column = new Array<number>(descriptors.length);
  return Float32Array.from({ length: first.length }, (_, i) => {
    descriptors.forEach((descriptor, k) => (column[k] = descriptor[i] as number));
    return median(column);
  });
}

/** Who a run's candidate is, as numbers: the mean descriptor of the frames read. */
export interface IdentityProfile {
  descriptor: Float32Array;
  /** Descriptors it was made of. */
  count: number;
  /** Median distance of those descriptors to the mean: how steady the face read. */
  spread: number;
}

/**
 * The profile of `descriptors` (one person's, as far as the caller knows), or null with fewer than
 * DESCRIPTOR.minProfileFaces. It is the mean of the reads close to the most central one (the read
 * with the smallest median distance to the others), so stray frames (someone else, a blur) stay
 * out; when those close reads are not a majority (two people in equal parts) there is no one
 * profile, and null says so.
 */
export function identityProfile(descriptors: readonly ArrayLike<number>[]): IdentityProfile | null {
  if (descriptors.length < DESCRIPTOR.minProfileFaces) return null;
  // Central reads from an evenly spaced sample, so a long call's 300 reads stay cheap.
  const step = Math.max(1, Math.floor(descriptors.length / DESCRIPTOR.medoidSample));
  const sampled = descriptors.filter((_, i) => i % step === 0);
  let centre = sampled[0] as ArrayLike<number>;
  let centreSpread = Infinity;
  for (const candidate of sampled) {
    const spread = median(sampled.map((other) => descriptorDistance(candidate, other)));
    if (spread < centreSpread) [centre, centreSpread] = [candidate, spread];
  }
  const kept = descriptors.filter((d) => descriptorDistance(d, centre) <= DESCRIPTOR.samePersonMax);
  if (kept.length < DESCRIPTOR.minProfileFaces || kept.length * 2 <= descriptors.length) return null;
  const descriptor = meanDescriptor(kept);
  return {
    descriptor,
    count: kept.length,
    spread: median(kept.map((d) => descriptorDistance(d, descriptor))),
  };
}

/**
 * One profile from two of the same person's (captures of one session), weighted by their faces;
 * when they are not the same person the earlier one is kept (the live session reports the change
 * as a person-change finding).
 */
export function mergeProfiles(earlier: IdentityProfile | null, later: IdentityProfile): IdentityProfile {
  if (!earlier) return later;
  if (descriptorDistance(earlier.descriptor, later.descriptor) > DESCRIPTOR.samePersonMax) return earlier;
  const count = earlier.count + later.count;
  const descriptor = earlier.descriptor.map(
    (value, i) => (value * earlier.count + (later.descriptor[i] as number) * later.count) / count,
  );
  return { descriptor, count, spread: (earlier.spread * earlier.count + later.spread * later.count) / count };
}

export interface ProfileComparison {
  distance: number;
  threshold: number;
  samePerson: boolean;
}

/** Two profiles, live (Float32Array) or stored (number[]): same person at most DESCRIPTOR.samePersonMax apart. */
export function compareProfiles(
  a: { descriptor: ArrayLike<number> },
  b: { descriptor: ArrayLike<number> },
): ProfileComparison {
  const distance = descriptorDistance(a.descriptor, b.descriptor);
  return { distance, threshold: DESCRIPTOR.samePersonMax, samePerson: distance <= DESCRIPTOR.samePersonMax };
}
