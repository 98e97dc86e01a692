/**
 * Face identity descriptors as numbers: distances, a person's profile over many frames, and how
 * two profiles compare. Pure; the same for recordings, live calls and stored sessions.
 */
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { median } from '@/utils/common/stats';

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
 * DESCRIPTOR.minProfileFaces. Descriptors far from the first mean (a frame of someone else, a
 * blurred face) are left out of the second, so one stray frame cannot move the profile; when too
 * few stay close (two people in equal parts) there is no one profile, and null says so.
 */
export function identityProfile(descriptors: readonly ArrayLike<number>[]): IdentityProfile | null {
  if (descriptors.length < DESCRIPTOR.minProfileFaces) return null;
  const first = meanDescriptor(descriptors);
  const kept = descriptors.filter((d) => descriptorDistance(d, first) <= DESCRIPTOR.samePersonMax);
  if (kept.length < DESCRIPTOR.minProfileFaces) return null;
  const descriptor = meanDescriptor(kept);
  return {
    descriptor,
    count: kept.length,
    spread: median(kept.map((d) => descriptorDistance(d, descriptor))),
  };
}

/**
 * One profile from two of the same person's (captures of one session), weighted by their faces;
 * when they are not the same person the earlier one is kept (the change is a finding of its own).
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

export function compareProfiles(a: IdentityProfile, b: IdentityProfile): ProfileComparison {
  const distance = descriptorDistance(a.descriptor, b.descriptor);
  return { distance, threshold: DESCRIPTOR.samePersonMax, samePerson: distance <= DESCRIPTOR.samePersonMax };
}
