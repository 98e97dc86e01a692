import { describe, expect, it } from 'vitest';
import { analyzeFaceChecks } from '@/utils/analyzers/face';
import { analyzeLikeness, candidateDescriptors } from '@/utils/analyzers/face/likeness';
import type { IdentityStep } from '@/utils/analyzers/face/identity';
import { DESCRIPTOR, IDENTITY } from '@/utils/common/thresholds';
import { descriptorDistance } from '@/utils/features/descriptor';
import type { FaceSample } from '@/utils/features/face-sample';
import { descriptorAway, faceDescriptor, frames, speech } from '../../support/face-samples';

/**
 * 20 s at 10 fps with the candidate described once a second (every 10th frame, as a recording
 * is), each read with noise that puts two reads of one face about 0.2 apart.
 */
const FPS = 10;
const DURATION_MS = 20_000;
const alice = faceDescriptor(1);
const bob = descriptorAway(alice, 1, 2);

function described(
  who: (timeMs: number) => Float32Array,
  face?: (timeMs: number) => Partial<FaceSample['face']> | null,
  offsetSeed = 7,
): FaceSample[] {
  return frames({
    durationMs: DURATION_MS,
    fps: FPS,
    seed: offsetSeed,
    descriptor: (timeMs, index) => (index % FPS === 0 ? who(timeMs) : null),
    ...(face ? { face } : {}),
  });
}

/** The distance of two means of three noisy reads of faces `distance` apart: the noise adds about 0.0133 in square. */
const meansApart = (distance: number) => Math.sqrt(distance ** 2 + (2 * 128 * 0.0125 ** 2) / 3);

/** A face moving in a straight line from `alice` to `end` over the run. */
const driftingTo =
  (end: Float32Array) =>
  (t: number): Float32Array =>
    alice.map((value, i) => value + (t / DURATION_MS) * ((end[i] as number) - value));

const geometryStep = (timeMs: number, score: number): IdentityStep => ({ timeMs, geometry: score, colour: 0, score });

const turned = (yawDeg: number, pitchDeg = 0) => ({ pose: { yawDeg, pitchDeg, rollDeg: 0 } });

describe('candidateDescriptors', () => {
  it('should keep near-frontal faces with a descriptor, up to the yaw and pitch limits', () => {
    const poses = [
      turned(0),
      turned(DESCRIPTOR.maxYawDeg),
      turned(-DESCRIPTOR.maxYawDeg - 1),
      turned(45),
      turned(0, DESCRIPTOR.maxPitchDeg),
      turned(0, -DESCRIPTOR.maxPitchDeg - 1),
    ];
    const samples = frames({
      durationMs: 800,
      fps: FPS,
      face: (timeMs) => (timeMs === 600 ? null : (poses[Math.round(timeMs / 100)] ?? {})),
      descriptor: (timeMs) => (timeMs === 700 ? null : alice),
    });
    expect(candidateDescriptors(samples).map((d) => d.timeMs)).toEqual([0, 100, 400]);
    expect(candidateDescriptors(samples)[0]?.descriptor).toBe(samples[0]?.face?.descriptor);
  });
});

describe('analyzeLikeness', () => {
  it('should find nothing for one person read with noise', () => {
    const { findings, summary } = analyzeLikeness(described(() => alice));
    expect(findings).toEqual([]);
    expect(summary.described).toBe(20);
    expect(summary.judged).toBe(true);
    expect(summary.maxChangeDistance).toBeLessThan(DESCRIPTOR.samePersonMax / 2);
    expect(summary.startToEndDistance).toBeLessThan(DESCRIPTOR.samePersonMax / 2);
    // Each read lies about 0.0125 * sqrt(128) = 0.14 from the face.
    expect(summary.profile?.count).toBe(20);
    expect(summary.profile?.spread).toBeGreaterThan(0.1);
    expect(summary.profile?.spread).toBeLessThan(0.2);
    expect(descriptorDistance(summary.profile?.descriptor ?? [], alice)).toBeLessThan(0.1);
  });

  it('should find one high person change bracketing a hand-over to someone else', () => {
    const { findings, summary } = analyzeLikeness(described((t) => (t < 9500 ? alice : bob)));
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ kind: 'person-change', severity: 'high', startS: 9, endS: 10 });
    expect(finding?.evidence).toMatchObject({
      atS: 9.5,
      threshold: DESCRIPTOR.samePersonMax,
      geometryScore: null,
      comparedBeforeS: 9,
      comparedAfterS: 10,
      facesEachSide: DESCRIPTOR.changeSideFaces,
    });
    const distance = Number(finding?.evidence.descriptorDistance);
    expect(distance).toBeGreaterThan(DESCRIPTOR.highChangeDistance);
    expect(distance).toBeCloseTo(1, 1);
    expect(finding?.message).toMatch(/after 10 s .* before 9 s/);
    expect(summary.maxChangeAtS).toBe(9.5);
    expect(summary.maxChangeDistance).toBeCloseTo(distance, 3);
    expect(summary.startToEndDistance).toBeCloseTo(1, 1);
  });

  describe('a change between the same-person and the high line', () => {
    // Faces whose compared means (the reads' noise moves them a little further apart) land halfway
    // between the two lines.
    const middle = (DESCRIPTOR.samePersonMax + DESCRIPTOR.highChangeDistance) / 2;
    const near = descriptorAway(alice, Math.sqrt(middle ** 2 - meansApart(0) ** 2), 3);
    const samples = described((t) => (t < 9500 ? alice : near));

    it('should be a warning on the descriptor alone', () => {
      const { findings } = analyzeLikeness(samples);
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ kind: 'person-change', severity: 'warn', startS: 9, endS: 10 });
      const distance = Number(findings[0]?.evidence.descriptorDistance);
      expect(distance).toBeGreaterThan(DESCRIPTOR.samePersonMax);
      expect(distance).toBeLessThan(DESCRIPTOR.highChangeDistance);
      expect(distance).toBeCloseTo(middle, 1);
    });

    it('should report a geometry step within a second of it as evidence, never raising it to high', () => {
      // Geometry also jumps under a hand or a turn: a real candidate answering a challenge.
      const { findings } = analyzeLikeness(samples, 0, [geometryStep(10_800, IDENTITY.warnScore + 0.2)]);
      expect(findings[0]?.severity).toBe('warn');
      expect(findings[0]?.evidence.geometryScore).toBe(IDENTITY.warnScore + 0.2);
    });

    it('should not let one spoiled read in three (a hand across the face) make a change', () => {
      const spoiled = described((t) => (t === 9000 ? descriptorAway(alice, 1.2, 77) : alice));
      expect(analyzeLikeness(spoiled).findings).toEqual([]);
    });

    it('should stay a warning with a geometry step below the warning score, or farther than a second away', () => {
      const weak = analyzeLikeness(samples, 0, [geometryStep(9500, IDENTITY.warnScore - 0.5)]);
      expect(weak.findings[0]?.severity).toBe('warn');
      expect(weak.findings[0]?.evidence.geometryScore).toBe(IDENTITY.warnScore - 0.5);
      const far = analyzeLikeness(samples, 0, [geometryStep(7900, 10), geometryStep(11_100, 10)]);
      expect(far.findings[0]?.severity).toBe('warn');
      expect(far.findings[0]?.evidence.geometryScore).toBeNull();
    });
  });

  it('should put the finding on the media clock (offsetMs)', () => {
    const { findings, summary } = analyzeLikeness(
      described((t) => (t < 9500 ? alice : bob)),
      2000,
    );
    expect(findings[0]).toMatchObject({ startS: 7, endS: 8 });
    expect(findings[0]?.evidence).toMatchObject({ comparedBeforeS: 7, comparedAfterS: 8 });
    expect(summary.maxChangeAtS).toBe(7.5);
  });

  it('should not use a turned face: it reads as someone else', () => {
    const away = (t: number) => t >= 8000 && t < 12_000;
    const { findings, summary } = analyzeLikeness(
      described(
        (t) => (away(t) ? bob : alice),
        (t) => (away(t) ? turned(45) : {}),
      ),
    );
    expect(findings).toEqual([]);
    expect(summary.described).toBe(16);
    expect(summary.maxChangeDistance).toBeLessThan(DESCRIPTOR.samePersonMax / 2);
  });

  it('should find a hand-over hidden in a stretch with no face', () => {
    const { findings } = analyzeLikeness(
      described(
        (t) => (t < 10_000 ? alice : bob),
        (t) => (t >= 8000 && t < 12_000 ? null : {}),
      ),
    );
    expect(findings).toHaveLength(1);
    // The last face before the gap was read at 7 s, the first after it at 12 s.
    expect(findings[0]).toMatchObject({ kind: 'person-change', severity: 'high', startS: 7, endS: 12 });
    expect(Number(findings[0]?.evidence.descriptorDistance)).toBeGreaterThan(DESCRIPTOR.samePersonMax);
  });

  it('should find nothing when the same person comes back after a stretch with no face', () => {
    const { findings, summary } = analyzeLikeness(
      described(
        () => alice,
        (t) => (t >= 8000 && t < 12_000 ? null : {}),
      ),
    );
    expect(findings).toEqual([]);
    expect(summary.described).toBe(16);
  });

  it('should find nothing for one person drifting slowly while staying under the threshold', () => {
    // Moved 0.8 of the threshold over the 20 s: the first three reads (0..2 s) and the last three
    // (17..19 s) are 17/20 of that apart, reads three seconds apart only 3/20 of it.
    const total = 0.8 * DESCRIPTOR.samePersonMax;
    const { findings, summary } = analyzeLikeness(described(driftingTo(descriptorAway(alice, total, 4))));
    expect(findings).toEqual([]);
    expect(summary.startToEndDistance).toBeCloseTo(meansApart((17 / 20) * total), 1);
    expect(summary.startToEndDistance).toBeGreaterThan(DESCRIPTOR.samePersonMax / 2);
    expect(summary.startToEndDistance).toBeLessThan(DESCRIPTOR.samePersonMax);
    expect(summary.maxChangeDistance).toBeLessThan(DESCRIPTOR.samePersonMax / 2);
  });

  it('should report a start-to-end drift past the threshold without one moment of change', () => {
    // Moved 1.2 over the 20 s: no three seconds step past the threshold (about 0.2), but the first
    // reads and the last are about 1 apart.
    const { findings, summary } = analyzeLikeness(described(driftingTo(descriptorAway(alice, 1.2, 5))));
    expect(summary.maxChangeDistance).toBeLessThan(DESCRIPTOR.samePersonMax);
    expect(summary.startToEndDistance).toBeCloseTo(meansApart((17 / 20) * 1.2), 1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'person-change', severity: 'high', startS: 2, endS: 17 });
    expect(findings[0]?.evidence.descriptorDistance).toBeCloseTo(summary.startToEndDistance, 3);
    expect(findings[0]?.message).toMatch(/at the end of this stretch does not match the face at its start/);
  });

  it('should judge nothing with fewer than two sides of descriptors', () => {
    const few = described((t) => (t < 2500 ? alice : bob)).filter((sample) => sample.timeMs < 5000);
    const { findings, summary } = analyzeLikeness(few);
    expect(summary.described).toBe(5);
    expect(summary.judged).toBe(false);
    expect(findings).toEqual([]);
    expect(summary.maxChangeDistance).toBeNaN();
    expect(summary.maxChangeAtS).toBeNull();
    expect(summary.startToEndDistance).toBeNaN();
    expect(summary.profile?.count).toBeGreaterThanOrEqual(DESCRIPTOR.minProfileFaces);
  });

  it('should summarise a run without descriptors as nothing described', () => {
    const { findings, summary } = analyzeLikeness(frames({ durationMs: 5000 }));
    expect(findings).toEqual([]);
    // Every measure of the candidate's descriptors (other summary fields are other checks').
    expect(summary).toMatchObject({
      described: 0,
      judged: false,
      profile: null,
      maxChangeDistance: Number.NaN,
      maxChangeAtS: null,
      startToEndDistance: Number.NaN,
    });
  });
});

describe('analyzeLikeness look-alikes', () => {
  const candidate = described(() => alice);
  const profile = analyzeLikeness(candidate).summary.profile;
  if (!profile) throw new Error('twenty reads of alice make a profile');
  /** A face exactly `distance` from the candidate's profile. */
  const other = (distance: number, seed = 40) => descriptorAway(profile.descriptor, distance, seed);
  /** `samples` with `faces(t)` as the other faces described on each frame. */
  const withOthers = (samples: FaceSample[], faces: (timeMs: number) => Float32Array[]) =>
    samples.map((sample) => ({ ...sample, otherDescriptors: faces(sample.timeMs) }));
  const lookAlike = { kind: 'look-alike-face', severity: 'warn' } as const;

  it('should find no look-alike and no nearest face without other faces described', () => {
    const { lookAlikes, summary } = analyzeLikeness(candidate);
    expect(lookAlikes).toEqual([]);
    expect(summary.nearestOtherFace).toBeNaN();
  });

  it('should find a look-alike as large as the candidate, on frames that count two faces', () => {
    // A photo of the candidate held up close: two faces counted on every frame of the stretch.
    const samples = withOthers(candidate, () => [other(0.2)]).map((sample) => ({ ...sample, faceCount: 2 }));
    const { findings, lookAlikes } = analyzeLikeness(samples);
    expect(findings).toEqual([]);
    expect(lookAlikes).toHaveLength(1);
  });

  it('should find one look-alike over a stretch of sightings of a face close to the candidate', () => {
    const near = other(0.2);
    const samples = withOthers(candidate, (t) => (t >= 5000 && t <= 6000 ? [near] : []));
    const { findings, lookAlikes, summary } = analyzeLikeness(samples);
    expect(findings).toEqual([]);
    expect(lookAlikes).toHaveLength(1);
    expect(lookAlikes[0]).toMatchObject({ ...lookAlike, startS: 5, endS: 6 });
    expect(lookAlikes[0]?.evidence).toEqual({ atS: 5, descriptorDistance: 0.2, threshold: DESCRIPTOR.samePersonMax });
    expect(lookAlikes[0]?.message).toMatch(
      /^From 5 s a second face .* \(face distance 0\.20, same-person threshold 0\.46\)/,
    );
    expect(summary.nearestOtherFace).toBeCloseTo(0.2, 5);
    // The profile is the candidate's own: the other faces take no part in it.
    expect(summary.profile).toEqual(profile);
  });

  it.each([
    [DESCRIPTOR.samePersonMax - 0.01, 1],
    [DESCRIPTOR.samePersonMax + 0.01, 0],
    [1, 0],
  ])('should call a face %f from the profile a look-alike %d time(s)', (distance, count) => {
    const samples = withOthers(candidate, (t) => (t === 8000 ? [other(distance)] : []));
    const { lookAlikes, summary } = analyzeLikeness(samples);
    expect(lookAlikes).toHaveLength(count);
    expect(summary.nearestOtherFace).toBeCloseTo(distance, 5);
  });

  it(`should merge sightings up to ${DESCRIPTOR.lookAlikeGapMs} ms apart, keeping the closest distance`, () => {
    // 2 s and 7 s are 5000 ms apart: one finding; 12.1 s is 5100 ms after 7 s: a second one.
    const at: Record<number, number> = { 2000: 0.3, 7000: 0.1, 12_100: 0.25 };
    const samples = withOthers(candidate, (t) => (t in at ? [other(at[t] as number), other(1, 41)] : []));
    const { lookAlikes, summary } = analyzeLikeness(samples);
    expect(lookAlikes.map((f) => [f.startS, f.endS, f.evidence.descriptorDistance])).toEqual([
      [2, 7, 0.1],
      [12.1, 12.1, 0.25],
    ]);
    expect(lookAlikes[0]?.evidence.atS).toBe(2);
    expect(summary.nearestOtherFace).toBeCloseTo(0.1, 5);
  });

  it('should put look-alikes on the media clock (offsetMs)', () => {
    const samples = withOthers(candidate, (t) => (t >= 5000 && t <= 6000 ? [other(0.2)] : []));
    const [finding] = analyzeLikeness(samples, 2000).lookAlikes;
    expect(finding).toMatchObject({ startS: 3, endS: 4, evidence: { atS: 3 } });
    expect(finding?.message).toMatch(/^From 3 s /);
  });

  it("should compare nothing before the candidate's profile exists", () => {
    const undescribed = withOthers(frames({ durationMs: DURATION_MS, fps: FPS }), () => [alice]);
    const { lookAlikes, summary } = analyzeLikeness(undescribed);
    expect(summary.profile).toBeNull();
    expect(lookAlikes).toEqual([]);
    expect(summary.nearestOtherFace).toBeNaN();
  });

  it('should report a look-alike beside a change of person', () => {
    // 15 reads of alice, then 5 of bob: the profile is alice's (bob's lie 0.75 from the first mean).
    const samples = withOthers(
      described((t) => (t < 14_500 ? alice : bob)),
      (t) => (t === 2000 ? [alice] : []),
    );
    const { findings, lookAlikes } = analyzeLikeness(samples);
    expect(findings.map((f) => f.kind)).toEqual(['person-change']);
    expect(lookAlikes).toHaveLength(1);
  });
});

describe('analyzeFaceChecks look-alikes', () => {
  /** 5 s, the candidate described once a second: 5 descriptors, too few to judge a change of person. */
  const fewReads = (others: (timeMs: number) => Float32Array[]) =>
    described(() => alice)
      .filter((sample) => sample.timeMs < 5000)
      .map((sample) => ({ ...sample, otherDescriptors: others(sample.timeMs) }));
  const lookAlikes = (samples: FaceSample[]) =>
    analyzeFaceChecks(samples, speech(5000), 0, () => 0).findings.filter((f) => f.kind === 'look-alike-face');

  it('should report a look-alike where the descriptors are too few to judge a change of person', () => {
    const samples = fewReads((t) => (t >= 3000 && t <= 3500 ? [alice] : []));
    const checks = analyzeFaceChecks(samples, speech(5000), 0, () => 0);
    expect(checks.likeness.described).toBe(5);
    expect(checks.likeness.judged).toBe(false);
    expect(lookAlikes(samples)).toHaveLength(1);
    expect(lookAlikes(samples)[0]).toMatchObject({ severity: 'warn', startS: 3, endS: 3.5 });
  });

  it.each([DESCRIPTOR.minProfileFaces, 4])('should report it with only %d descriptors of the candidate', (reads) => {
    const samples = fewReads((t) => (t === 4000 ? [alice] : [])).map((sample, index) =>
      index % FPS === 0 && index / FPS >= reads
        ? { ...sample, face: sample.face && { ...sample.face, descriptor: null } }
        : sample,
    );
    const checks = analyzeFaceChecks(samples, speech(5000), 0, () => 0);
    expect(checks.likeness.described).toBe(reads);
    expect(lookAlikes(samples)).toHaveLength(1);
  });

  it('should keep a look-alike beside the change of person the descriptors judged', () => {
    // 15 reads of alice, then 5 of bob: the profile is alice's.
    const samples = described((t) => (t < 14_500 ? alice : bob)).map((sample) => ({
      ...sample,
      otherDescriptors: sample.timeMs === 2000 ? [alice] : [],
    }));
    const checks = analyzeFaceChecks(samples, speech(DURATION_MS), 0, () => 0);
    expect(checks.likeness.judged).toBe(true);
    const kinds = checks.findings.map((f) => f.kind);
    expect(kinds).toContain('person-change');
    expect(kinds.filter((kind) => kind === 'look-alike-face')).toHaveLength(1);
  });

  it('should find no look-alike for someone else in the picture', () => {
    expect(lookAlikes(fewReads(() => [bob]))).toEqual([]);
  });
});
