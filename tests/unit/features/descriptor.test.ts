import { describe, expect, it } from 'vitest';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import {
  compareProfiles,
  descriptorDistance,
  identityProfile,
  meanDescriptor,
  mergeProfiles,
  type IdentityProfile,
} from '@/utils/features/descriptor';
import { DESCRIPTOR_LENGTH, descriptorAway, faceDescriptor } from '../../support/face-samples';

/** A 128-d descriptor: `base` (default zero) with `added[i]` added at each index i given. */
function vector(added: Record<number, number>, base: ArrayLike<number> = new Float32Array(DESCRIPTOR_LENGTH)) {
  const result = Float32Array.from(base);
  for (const [index, value] of Object.entries(added)) {
    result[Number(index)] = (result[Number(index)] as number) + value;
  }
  return result;
}

describe('descriptorDistance', () => {
  it('should be the Euclidean distance: 3-4-5 in 128 dimensions', () => {
    const zero = new Float32Array(DESCRIPTOR_LENGTH);
    const far = vector({ 0: 3, 127: 4 });
    expect(descriptorDistance(zero, far)).toBe(5);
    expect(descriptorDistance(far, zero)).toBe(5);
    expect(descriptorDistance(far, far)).toBe(0);
  });

  it('should take plain arrays as well as typed ones', () => {
    expect(descriptorDistance([1, 2, 3], [4, 6, 3])).toBe(5);
  });

  it('should refuse descriptors of different lengths', () => {
    expect(() => descriptorDistance(new Float32Array(128), new Float32Array(127))).toThrow(/128 and 127 values/);
  });
});

describe('meanDescriptor', () => {
  it('should average value by value', () => {
    expect(
      Array.from(
        meanDescriptor([
          [1, 2],
          [3, 4],
          [5, 9],
        ]),
      ),
    ).toEqual([3, 5]);
  });

  it('should give one descriptor back as it was', () => {
    const one = faceDescriptor(5);
    expect(meanDescriptor([one])).toEqual(one);
  });

  it('should refuse a mean of nothing', () => {
    expect(() => meanDescriptor([])).toThrow(/no descriptors/);
  });
});

describe('identityProfile', () => {
  const face = faceDescriptor(11);
  /** Five reads of `face`, each 0.1 off along its own axis: their mean is 0.02 along each of the five. */
  const reads = [0, 1, 2, 3, 4].map((axis) => vector({ [axis]: 0.1 }, face));
  /** Each read lies sqrt(0.08^2 + 4 * 0.02^2) = sqrt(0.008) from that mean. */
  const readSpread = Math.sqrt(0.008);

  it(`should need DESCRIPTOR.minProfileFaces (${DESCRIPTOR.minProfileFaces}) descriptors`, () => {
    expect(identityProfile([])).toBeNull();
    expect(identityProfile(reads.slice(0, DESCRIPTOR.minProfileFaces - 1))).toBeNull();
    expect(identityProfile(reads.slice(0, DESCRIPTOR.minProfileFaces))?.count).toBe(DESCRIPTOR.minProfileFaces);
  });

  it('should be the mean of the reads and their median distance to it', () => {
    const profile = identityProfile(reads);
    expect(profile?.count).toBe(5);
    expect(profile?.spread).toBeCloseTo(readSpread, 6);
    const expected = vector({ 0: 0.02, 1: 0.02, 2: 0.02, 3: 0.02, 4: 0.02 }, face);
    expect(descriptorDistance(profile?.descriptor ?? [], expected)).toBeLessThan(1e-6);
  });

  it('should leave out a face farther than DESCRIPTOR.samePersonMax from the first mean', () => {
    // Someone else 2 away: the first mean moves 2/6 towards them, so the five reads stay within
    // about 0.34 of it and the stranger lies about 1.67 from it.
    const stranger = descriptorAway(face, 2, 12);
    const withStranger = identityProfile([...reads.slice(0, 3), stranger, ...reads.slice(3)]);
    const without = identityProfile(reads);
    expect(withStranger?.count).toBe(5);
    expect(withStranger?.spread).toBeCloseTo(readSpread, 6);
    expect(descriptorDistance(withStranger?.descriptor ?? [], without?.descriptor ?? [])).toBeLessThan(1e-6);
  });

  it('should give no profile when too few faces agree (two people in equal parts)', () => {
    // Three faces 1 from the origin on their own axes: each lies sqrt(2/3) = 0.816 from the mean,
    // past the threshold, so none agrees with the others: there is no one person to profile.
    const apart = [vector({ 0: 1 }), vector({ 1: 1 }), vector({ 2: 1 })];
    expect(identityProfile(apart)).toBeNull();
  });
});

describe('compareProfiles', () => {
  const face = faceDescriptor(21);
  const profileAt = (distance: number) => {
    const centre = descriptorAway(face, distance, 22);
    const profile = identityProfile([centre, centre, centre]);
    if (!profile) throw new Error('three descriptors make a profile');
    return profile;
  };
  const base = profileAt(0);

  it.each([
    [0, true],
    [0.3, true],
    [DESCRIPTOR.samePersonMax - 0.01, true],
    [DESCRIPTOR.samePersonMax + 0.01, false],
    [1, false],
  ])('should call profiles %f apart the same person: %s', (distance, same) => {
    const comparison = compareProfiles(base, profileAt(distance));
    expect(comparison.distance).toBeCloseTo(distance, 5);
    expect(comparison.threshold).toBe(DESCRIPTOR.samePersonMax);
    expect(comparison.samePerson).toBe(same);
    expect(compareProfiles(profileAt(distance), base)).toEqual(comparison);
  });

  it('should refuse profiles of descriptors of different lengths', () => {
    const short = identityProfile([new Float32Array(64), new Float32Array(64), new Float32Array(64)]);
    if (!short) throw new Error('three descriptors make a profile');
    expect(() => compareProfiles(base, short)).toThrow(/128 and 64 values/);
  });
});

describe('mergeProfiles', () => {
  const face = faceDescriptor(31);
  const earlier: IdentityProfile = { descriptor: face, count: 30, spread: 0.2 };
  /** A profile of `count` faces `distance` from the earlier one. */
  const laterAt = (distance: number, count = 10, spread = 0.1): IdentityProfile => ({
    descriptor: descriptorAway(face, distance, 32),
    count,
    spread,
  });

  it('should take the later profile when there is no earlier one', () => {
    const later = laterAt(0.3);
    expect(mergeProfiles(null, later)).toBe(later);
  });

  it.each([0.1, 0.3, DESCRIPTOR.samePersonMax - 0.01])(
    'should weight the mean and the spread by faces for the same person %f apart',
    (distance) => {
      const later = laterAt(distance);
      const merged = mergeProfiles(earlier, later);
      expect(merged.count).toBe(40);
      // (0.2 * 30 + 0.1 * 10) / 40
      expect(merged.spread).toBeCloseTo(0.175, 9);
      // 10 of 40 faces: a quarter of the way from the earlier profile to the later one.
      expect(descriptorDistance(merged.descriptor, earlier.descriptor)).toBeCloseTo(distance / 4, 5);
      expect(descriptorDistance(merged.descriptor, later.descriptor)).toBeCloseTo((3 * distance) / 4, 5);
      expect(merged.descriptor).toHaveLength(DESCRIPTOR_LENGTH);
    },
  );

  it('should weight by faces the other way round too', () => {
    const merged = mergeProfiles({ ...earlier, count: 10 }, laterAt(0.4, 30));
    expect(merged.count).toBe(40);
    expect(descriptorDistance(merged.descriptor, face)).toBeCloseTo(0.3, 5);
  });

  it.each([DESCRIPTOR.samePersonMax + 0.01, 1])(
    'should keep the earlier profile for someone else %f away',
    (distance) => {
      expect(mergeProfiles(earlier, laterAt(distance))).toBe(earlier);
    },
  );

  it('should change neither profile', () => {
    const later = laterAt(0.3);
    const before = { earlier: Array.from(earlier.descriptor), later: Array.from(later.descriptor) };
    mergeProfiles(earlier, later);
    expect(Array.from(earlier.descriptor)).toEqual(before.earlier);
    expect(Array.from(later.descriptor)).toEqual(before.later);
    expect(earlier).toMatchObject({ count: 30, spread: 0.2 });
  });
});
