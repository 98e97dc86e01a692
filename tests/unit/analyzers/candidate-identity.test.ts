import { describe, expect, it } from 'vitest';
import { CandidateIdentity } from '@/utils/analyzers/candidate-identity';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { descriptorDistance } from '@/utils/features/descriptor';
import type { FaceSample } from '@/utils/features/face-sample';
import { descriptorAway, faceDescriptor, frames } from '../../support/face-samples';

const alice = faceDescriptor(1);
const bob = descriptorAway(alice, 1, 2);

/** One frame of the candidate read exactly as `descriptor` (none: not described), turned `yawDeg`. */
function sample(descriptor: Float32Array | null, yawDeg = 0, pitchDeg = 0): FaceSample {
  const [only] = frames({
    durationMs: 1,
    descriptor: () => descriptor,
    descriptorNoise: 0,
    face: () => ({ pose: { yawDeg, pitchDeg, rollDeg: 0 } }),
  });
  if (!only) throw new Error('one frame');
  return only;
}

function pushed(...samples: FaceSample[]): CandidateIdentity {
  const identity = new CandidateIdentity();
  for (const one of samples) identity.push(one);
  return identity;
}

const times = (count: number, descriptor: Float32Array) => Array.from({ length: count }, () => sample(descriptor));

describe('CandidateIdentity', () => {
  it(`should give a profile from DESCRIPTOR.minProfileFaces (${DESCRIPTOR.minProfileFaces}) described faces on`, () => {
    const identity = new CandidateIdentity();
    expect(identity.described).toBe(0);
    expect(identity.profile()).toBeNull();
    for (let i = 1; i < DESCRIPTOR.minProfileFaces; i++) {
      identity.push(sample(alice));
      expect(identity.described).toBe(i);
      expect(identity.profile()).toBeNull();
    }
    identity.push(sample(alice));
    expect(identity.profile()?.count).toBe(DESCRIPTOR.minProfileFaces);
    expect(descriptorDistance(identity.profile()?.descriptor ?? [], alice)).toBeLessThan(1e-6);
  });

  it('should keep only near-frontal faces with a descriptor', () => {
    const identity = pushed(
      sample(null),
      { ...sample(alice), face: null },
      sample(bob, DESCRIPTOR.maxYawDeg + 1),
      sample(bob, -DESCRIPTOR.maxYawDeg - 1),
      sample(bob, 0, DESCRIPTOR.maxPitchDeg + 1),
      sample(alice, DESCRIPTOR.maxYawDeg),
      sample(alice, 0, -DESCRIPTOR.maxPitchDeg),
      sample(alice),
    );
    expect(identity.described).toBe(3);
    expect(identity.profile()?.count).toBe(3);
    // Any of bob's turned faces kept would pull the mean 1/4 of the way to him.
    expect(descriptorDistance(identity.profile()?.descriptor ?? [], alice)).toBeLessThan(1e-6);
  });

  it("should not read other faces' descriptors as the candidate's", () => {
    const withOthers = { ...sample(null), otherDescriptors: [alice, alice, alice] };
    const identity = pushed(withOthers, withOthers);
    expect(identity.described).toBe(0);
    expect(identity.profile()).toBeNull();
  });

  it(`should keep at most DESCRIPTOR.maxProfileFaces (${DESCRIPTOR.maxProfileFaces}), dropping the oldest`, () => {
    // 300 of alice then 200 of bob: the 100 newest of alice's stay, so bob's 200 are the profile
    // (the first mean lies 2/3 of the way to bob). Without dropping, or dropping the newest, it would be alice's.
    const identity = pushed(...times(DESCRIPTOR.maxProfileFaces, alice), ...times(200, bob));
    // `described` counts every read since the candidate was chosen; the profile keeps the newest.
    expect(identity.described).toBe(DESCRIPTOR.maxProfileFaces + 200);
    expect(identity.profile()?.count).toBe(200);
    expect(descriptorDistance(identity.profile()?.descriptor ?? [], bob)).toBeLessThan(1e-5);
  });

  it('should start a new profile after forget()', () => {
    const identity = pushed(...times(5, alice));
    expect(identity.profile()?.count).toBe(5);
    identity.forget();
    expect(identity.described).toBe(0);
    expect(identity.profile()).toBeNull();
    identity.push(sample(bob));
    identity.push(sample(bob));
    expect(identity.profile()).toBeNull();
    identity.push(sample(bob));
    expect(identity.profile()?.count).toBe(3);
    expect(descriptorDistance(identity.profile()?.descriptor ?? [], bob)).toBeLessThan(1e-6);
  });

  it('should give the same profile object until another face is described', () => {
    const identity = pushed(...times(3, alice));
    const first = identity.profile();
    expect(identity.profile()).toBe(first);
    identity.push(sample(null));
    identity.push(sample(alice, 45));
    expect(identity.profile()).toBe(first);
    identity.push(sample(alice));
    const second = identity.profile();
    expect(second).not.toBe(first);
    expect(second?.count).toBe(4);
    expect(identity.profile()).toBe(second);
  });
});
