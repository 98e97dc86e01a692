/**
 * `person-change`: the person on camera is replaced. Two cues, both read on near-frontal frames
 * with one face in the picture:
 * - the identity signature: distances between the rigid landmarks (eye corners, nose, temples,
 *   forehead) after pose normalisation, in eye-corner units: the face's build, not its expression;
 * - the skin chroma of forehead and cheeks (skin tone under the same light).
 * At every moment the medians of the frames just before and just after are compared, dimension by
 * dimension, and each difference is divided by that dimension's typical before/after difference
 * over the whole run (its median): so a dimension that wobbles with expression or light counts
 * little, and a step far beyond the usual in many dimensions at once stands out. The two cues
 * are combined as sqrt((geometry / IDENTITY.geometryZ)^2 + (colour / IDENTITY.colourZ)^2).
 */
import { msToS } from '@/utils/common/numbers';
import { FREEZE, IDENTITY } from '@/utils/common/thresholds';
import type { CandidateFace, FaceSample } from '@/utils/features/face-sample';
import { chromaOf } from '@/utils/features/pixel-measures';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { median } from '@/utils/common/stats';
import { personChangeMessage } from '@/utils/wording/findings';
import { frameDiffs } from './freeze';

/** Distances between every pair of rigid points (x y z each), in eye-corner units. */
export function identitySignature(rigidShape: Float32Array): Float32Array {
  const count = rigidShape.length / 3;
  const signature = new Float32Array((count * (count - 1)) / 2);
  let k = 0;
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      signature[k++] = Math.hypot(
        (rigidShape[a * 3] as number) - (rigidShape[b * 3] as number),
        (rigidShape[a * 3 + 1] as number) - (rigidShape[b * 3 + 1] as number),
        (rigidShape[a * 3 + 2] as number) - (rigidShape[b * 3 + 2] as number),
      );
    }
  }
  return signature;
}

/**
 * Frames the cues are read on: after the first IDENTITY.settleMs (the tracker and the camera's
 * exposure settle), one face (who the candidate is is clear), near frontal, with skin measured,
 * and a picture that moved since the frame before (a frozen frame adds no evidence and
 * would make the typical step look smaller than it is).
 */
function usableFrames(samples: readonly FaceSample[]): FaceSample[] {
  const settledMs = (samples[0]?.timeMs ?? 0) + IDENTITY.settleMs;
  const diffs = frameDiffs(samples);
  return samples.filter((sample, i) => {
    const face = sample.face;
    if (sample.timeMs < settledMs) return false;
    if (!face || sample.faceCount !== 1 || !face.skinRgb) return false;
    if (Math.abs(face.pose.yawDeg) > IDENTITY.maxYawDeg || Math.abs(face.pose.pitchDeg) > IDENTITY.maxPitchDeg) {
      return false;
    }
    return !((diffs[i] as number) <= FREEZE.maxFrozenDiff);
  });
}

/** Signature and chroma of a frame, as one vector (chroma last). */
function cues(face: CandidateFace): Float32Array {
  const signature = identitySignature(face.rigidShape);
  const vector = new Float32Array(signature.length + 2);
  vector.set(signature);
  vector.set(chromaOf(...(face.skinRgb as [number, number, number])), signature.length);
  return vector;
}

/** Per-dimension medians of `vectors` (all one length); a typed scratch buffer keeps it fast. */
function medianVector(vectors: readonly Float32Array[]): Float32Array {
  const dims = (vectors[0] as Float32Array).length;
  const scratch = new Float32Array(vectors.length);
  const out = new Float32Array(dims);
  const middle = (vectors.length - 1) / 2;
  for (let k = 0; k < dims; k++) {
    vectors.forEach((vector, i) => {
      scratch[i] = vector[k] as number;
    });
    scratch.sort();
    out[k] = ((scratch[Math.floor(middle)] as number) + (scratch[Math.ceil(middle)] as number)) / 2;
  }
  return out;
}

/** Per-dimension differences scaled by `scale`: RMS over the signature, and the chroma distance. */
function scaledScores(difference: ArrayLike<number>, scale: ArrayLike<number>): { geometry: number; colour: number } {
  const dims = difference.length - 2;
  let sum = 0;
  for (let k = 0; k < dims; k++) sum += ((difference[k] as number) / (scale[k] as number)) ** 2;
  const colour =
    Math.hypot(difference[dims] as number, difference[dims + 1] as number) /
    Math.hypot(scale[dims] as number, scale[dims + 1] as number);
  return { geometry: Math.sqrt(sum / dims), colour };
}

const combinedScore = ({ geometry, colour }: { geometry: number; colour: number }) =>
  Math.hypot(geometry / IDENTITY.geometryZ, colour / IDENTITY.colourZ);

export interface IdentityStep {
  timeMs: number;
  geometry: number;
  colour: number;
  score: number;
}

export interface IdentitySummary {
  /** The largest combined step, its cues and time (s); NaN / null where too few frames. */
  maxScore: number;
  maxGeometry: number;
  maxColour: number;
  maxAtS: number | null;
  /** The first IDENTITY.sideMs against the last, combined score. */
  startToEnd: number;
  /** Frames the cues were read on. */
  frames: number;
}

/** The combined step at every usable frame with IDENTITY.sideMs of frames on both sides. */
function identitySteps(samples: readonly FaceSample[]): {
  steps: IdentityStep[];
  scale: Float32Array | null;
  usable: FaceSample[];
} {
  const usable = usableFrames(samples);
  const times = usable.map((s) => s.timeMs);
  const vectors = usable.map((s) => cues(s.face as CandidateFace));
  const raw: { timeMs: number; difference: Float32Array }[] = [];
  times.forEach((time, i) => {
    let from = i;
    while (from > 0 && time - (times[from - 1] as number) <= IDENTITY.sideMs) from--;
    let to = i;
    while (to < times.length - 1 && (times[to + 1] as number) - time < IDENTITY.sideMs) to++;
    const spanned =
      time - (times[from] as number) >= IDENTITY.minSideMs && (times[to] as number) - time >= IDENTITY.minSideMs;
    if (!spanned || i - from < IDENTITY.minSideFrames || to + 1 - i < IDENTITY.minSideFrames) return;
    const before = medianVector(vectors.slice(from, i));
    const after = medianVector(vectors.slice(i, to + 1));
    raw.push({ timeMs: time, difference: before.map((value, k) => value - (after[k] as number)) });
  });
  // The usual step is only known from enough moments; too few, and nothing is judged.
  if (raw.length < IDENTITY.minSteps) return { steps: [], scale: null, usable };
  const dims = (raw[0] as { difference: Float32Array }).difference.length;
  // A floor keeps a dimension that never moved (a perfectly still stretch) from dividing by 0.
  const scale = Float32Array.from({ length: dims }, (_, k) =>
    Math.max(IDENTITY.minScale, median(raw.map((r) => Math.abs(r.difference[k] as number)))),
  );
  const steps = raw.map(({ timeMs, difference }) => {
    const scores = scaledScores(difference, scale);
    return { timeMs, ...scores, score: combinedScore(scores) };
  });
  return { steps, scale, usable };
}

export function analyzeIdentity(
  samples: readonly FaceSample[],
  offsetMs = 0,
): { findings: Finding[]; summary: IdentitySummary; steps: IdentityStep[] } {
  const { steps, scale, usable } = identitySteps(samples);
  const findings: Finding[] = [];
  const top = steps.reduce<IdentityStep | null>((best, step) => (!best || step.score > best.score ? step : best), null);
  // One finding per stretch above the threshold, at its peak (the step is sharpest at the change).
  let peak: IdentityStep | null = null;
  const close = () => {
    if (!peak) return;
    const { timeMs, geometry, colour, score } = peak;
    const both = geometry >= IDENTITY.highGeometryZ && colour >= IDENTITY.colourZ;
    findings.push({
      kind: 'person-change',
      severity: both ? 'high' : 'warn',
      startS: findingTimeS(timeMs - IDENTITY.sideMs - offsetMs),
      endS: findingTimeS(timeMs + IDENTITY.sideMs - offsetMs),
      message: personChangeMessage({
        pattern: 'moment',
        atMs: timeMs - offsetMs,
        geometryZ: geometry,
        colourZ: colour,
      }),
      evidence: {
        atS: msToS(timeMs - offsetMs),
        geometryZ: Number(geometry.toFixed(2)),
        colourZ: Number(colour.toFixed(2)),
        score: Number(score.toFixed(2)),
        threshold: IDENTITY.warnScore,
      },
    });
    peak = null;
  };
  for (const step of steps) {
    if (step.score >= IDENTITY.warnScore) {
      if (!peak || step.score > peak.score) peak = step;
    } else close();
  }
  close();
  // Start against end: a hand-over hidden in a gap (no face, a turned head) leaves no sharp step.
  let startToEnd = Number.NaN;
  const first = usable[0];
  const last = usable[usable.length - 1];
  if (scale && first && last && last.timeMs - first.timeMs >= 2 * IDENTITY.sideMs) {
    const head = usable
      .filter((s) => s.timeMs - first.timeMs <= IDENTITY.sideMs)
      .map((s) => cues(s.face as CandidateFace));
    const tail = usable
      .filter((s) => last.timeMs - s.timeMs <= IDENTITY.sideMs)
      .map((s) => cues(s.face as CandidateFace));
    if (head.length >= IDENTITY.minSideFrames && tail.length >= IDENTITY.minSideFrames) {
      const headMedian = medianVector(head);
      const tailMedian = medianVector(tail);
      const scores = scaledScores(
        headMedian.map((v, k) => v - (tailMedian[k] as number)),
        scale,
      );
      startToEnd = combinedScore(scores);
      if (findings.length === 0 && startToEnd >= IDENTITY.startToEndScore) {
        findings.push({
          kind: 'person-change',
          severity: 'warn',
          startS: findingTimeS(first.timeMs - offsetMs),
          endS: findingTimeS(last.timeMs - offsetMs),
          message: personChangeMessage({ pattern: 'drift', geometryZ: scores.geometry, colourZ: scores.colour }),
          evidence: {
            geometryZ: Number(scores.geometry.toFixed(2)),
            colourZ: Number(scores.colour.toFixed(2)),
            score: Number(startToEnd.toFixed(2)),
            threshold: IDENTITY.startToEndScore,
          },
        });
      }
    }
  }
  return {
    findings,
    steps,
    summary: {
      maxScore: top ? top.score : Number.NaN,
      maxGeometry: top ? top.geometry : Number.NaN,
      maxColour: top ? top.colour : Number.NaN,
      maxAtS: top ? msToS(top.timeMs - offsetMs) : null,
      startToEnd,
      frames: usable.length,
    },
  };
}
