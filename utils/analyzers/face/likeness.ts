/**
 * `person-change` from the face descriptor (utils/features/descriptor.ts): the candidate's
 * descriptors, read every DESCRIPTOR interval on near-frontal frames, are compared a few before
 * against a few after every moment (the median of each group, so one spoiled read, a hand passing
 * or a blur, cannot move it); where the two groups are further apart than two recordings of one
 * person are, someone else is on camera. The first descriptors are also compared with the last,
 * for a hand-over hidden in a gap (no face, a turned head).
 */
import { msToS, roundOrNull } from '@/utils/common/numbers';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import {
  descriptorDistance,
  identityProfile,
  medianDescriptor,
  type IdentityProfile,
  type TimedDescriptor,
} from '@/utils/features/descriptor';
import type { FaceSample } from '@/utils/features/face-sample';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { likenessChangeMessage, lookAlikeMessage } from '@/utils/wording/findings';
import type { IdentityStep } from './identity';

export interface LikenessSummary {
  /** Near-frontal frames whose candidate face was described. */
  described: number;
  /** Enough of them to judge a change of person (twice DESCRIPTOR.changeSideFaces). */
  judged: boolean;
  /** The run's candidate as one profile; null with too few descriptors. */
  profile: IdentityProfile | null;
  /** The largest before/after distance and where it was (s); NaN / null where none was judged. */
  maxChangeDistance: number;
  maxChangeAtS: number | null;
  /** The first descriptors against the last; NaN where too few. */
  startToEndDistance: number;
  /** The closest any other face in the picture came to the candidate's profile; NaN where none was described. */
  nearestOtherFace: number;
}

/**
 * Other faces in the picture as close to the candidate as the candidate is to themselves (a
 * photo, a screen, a mirror, the photo ID), one finding per stretch with a gap under
 * DESCRIPTOR.lookAlikeGapMs; and the closest distance seen.
 */
function lookAlikes(
  samples: readonly FaceSample[],
  profile: IdentityProfile | null,
  offsetMs: number,
): { findings: Finding[]; nearest: number } {
  if (!profile) return { findings: [], nearest: Number.NaN };
  const moments = samples.flatMap((sample) =>
    sample.otherDescriptors.map((descriptor) => ({
      timeMs: sample.timeMs,
      distance: descriptorDistance(descriptor, profile.descriptor),
    })),
  );
  const nearest = moments.reduce((best, m) => Math.min(best, m.distance), Infinity);
  const close = moments.filter((m) => m.distance <= DESCRIPTOR.samePersonMax);
  const stretches: { fromMs: number; toMs: number; distance: number }[] = [];
  for (const moment of close) {
    const last = stretches[stretches.length - 1];
    if (last && moment.timeMs - last.toMs <= DESCRIPTOR.lookAlikeGapMs) {
      last.toMs = moment.timeMs;
      last.distance = Math.min(last.distance, moment.distance);
    } else stretches.push({ fromMs: moment.timeMs, toMs: moment.timeMs, distance: moment.distance });
  }
  const findings = stretches.map((stretch): Finding => ({
    kind: 'look-alike-face',
    severity: 'warn',
    startS: findingTimeS(stretch.fromMs - offsetMs),
    endS: findingTimeS(stretch.toMs - offsetMs),
    message: lookAlikeMessage({
      atMs: stretch.fromMs - offsetMs,
      distance: stretch.distance,
      threshold: DESCRIPTOR.samePersonMax,
    }),
    evidence: {
      atS: msToS(stretch.fromMs - offsetMs),
      descriptorDistance: Number(stretch.distance.toFixed(3)),
      threshold: DESCRIPTOR.samePersonMax,
    },
  }));
  return { findings, nearest: Number.isFinite(nearest) ? nearest : Number.NaN };
}

/**
 * The candidate's descriptors on frames where they are comparable (near frontal); `alone`: only
 * frames without a second face as large, where "the candidate" (the largest) cannot be the other.
 */
export function candidateDescriptors(samples: readonly FaceSample[], alone = true): TimedDescriptor[] {
  return samples.flatMap((sample) => {
    const face = sample.face;
    if (!face?.descriptor || (alone && sample.faceCount > 1)) return [];
    if (Math.abs(face.pose.yawDeg) > DESCRIPTOR.maxYawDeg || Math.abs(face.pose.pitchDeg) > DESCRIPTOR.maxPitchDeg) {
      return [];
    }
    return [{ timeMs: sample.timeMs, descriptor: face.descriptor }];
  });
}

interface ChangeStep {
  /** Last descriptor before and first after the boundary, ms. */
  beforeMs: number;
  afterMs: number;
  distance: number;
}

function changeSteps(described: readonly TimedDescriptor[]): ChangeStep[] {
  const side = DESCRIPTOR.changeSideFaces;
  const steps: ChangeStep[] = [];
  for (let k = side; k + side <= described.length; k++) {
    const before = medianDescriptor(described.slice(k - side, k).map((d) => d.descriptor));
    const after = medianDescriptor(described.slice(k, k + side).map((d) => d.descriptor));
    steps.push({
      beforeMs: (described[k - 1] as TimedDescriptor).timeMs,
      afterMs: (described[k] as TimedDescriptor).timeMs,
      distance: descriptorDistance(before, after),
    });
  }
  return steps;
}

/** The largest geometry step (identity.ts) from a second before `step` to a second after; NaN where none. */
function geometrySupport(step: ChangeStep, geometry: readonly IdentityStep[]): number {
  const near = geometry.filter((g) => g.timeMs >= step.beforeMs - 1000 && g.timeMs <= step.afterMs + 1000);
  return near.length ? Math.max(...near.map((g) => g.score)) : Number.NaN;
}

/**
 * Person-change findings from the descriptors, with the landmark geometry's step near each as
 * evidence: a change is `high` only when the faces are as far apart as different people's
 * (geometry also jumps under a hand or a turn, so it never raises the severity).
 */
export function analyzeLikeness(
  samples: readonly FaceSample[],
  offsetMs = 0,
  geometry: readonly IdentityStep[] = [],
): { findings: Finding[]; lookAlikes: Finding[]; summary: LikenessSummary } {
  const described = candidateDescriptors(samples);
  const steps = changeSteps(described);
  const findings: Finding[] = [];
  const finding = (step: ChangeStep, pattern: 'moment' | 'drift'): Finding => {
    const support = pattern === 'moment' ? geometrySupport(step, geometry) : Number.NaN;
    const high = step.distance >= DESCRIPTOR.highChangeDistance;
    return {
      kind: 'person-change',
      severity: high ? 'high' : 'warn',
      startS: findingTimeS(step.beforeMs - offsetMs),
      endS: findingTimeS(step.afterMs - offsetMs),
      message: likenessChangeMessage({
        pattern,
        beforeMs: step.beforeMs - offsetMs,
        afterMs: step.afterMs - offsetMs,
        distance: step.distance,
        threshold: DESCRIPTOR.samePersonMax,
      }),
      evidence: {
        atS: msToS((step.beforeMs + step.afterMs) / 2 - offsetMs),
        descriptorDistance: Number(step.distance.toFixed(3)),
        threshold: DESCRIPTOR.samePersonMax,
        comparedBeforeS: msToS(step.beforeMs - offsetMs),
        comparedAfterS: msToS(step.afterMs - offsetMs),
        facesEachSide: DESCRIPTOR.changeSideFaces,
        geometryScore: roundOrNull(support, 2),
      },
    };
  };
  // One finding per stretch past the threshold, at its peak (the groups differ most at the change).
  let peak: ChangeStep | null = null;
  for (const step of [...steps, null]) {
    if (step && step.distance > DESCRIPTOR.samePersonMax) {
      if (!peak || step.distance > peak.distance) peak = step;
    } else if (peak) {
      findings.push(finding(peak, 'moment'));
      peak = null;
    }
  }
  const top = steps.reduce<ChangeStep | null>((best, s) => (!best || s.distance > best.distance ? s : best), null);
  const side = DESCRIPTOR.changeSideFaces;
  let startToEndDistance = Number.NaN;
  if (described.length >= 2 * side) {
    const head = described.slice(0, side);
    const tail = described.slice(-side);
    const drift: ChangeStep = {
      beforeMs: (head[head.length - 1] as TimedDescriptor).timeMs,
      afterMs: (tail[0] as TimedDescriptor).timeMs,
      distance: descriptorDistance(
        medianDescriptor(head.map((d) => d.descriptor)),
        medianDescriptor(tail.map((d) => d.descriptor)),
      ),
    };
    startToEndDistance = drift.distance;
    if (findings.length === 0 && drift.distance > DESCRIPTOR.samePersonMax) findings.push(finding(drift, 'drift'));
  }
  const profile = identityProfile(described.map((d) => d.descriptor));
  // A look-alike is a second face by definition: the profile it is held against takes those frames too.
  const withOthers = identityProfile(candidateDescriptors(samples, false).map((d) => d.descriptor));
  const others = lookAlikes(samples, withOthers, offsetMs);
  return {
    findings,
    lookAlikes: others.findings,
    summary: {
      described: described.length,
      judged: described.length >= 2 * side,
      profile,
      maxChangeDistance: top ? top.distance : Number.NaN,
      maxChangeAtS: top ? msToS((top.beforeMs + top.afterMs) / 2 - offsetMs) : null,
      startToEndDistance,
      nearestOtherFace: others.nearest,
    },
  };
}
