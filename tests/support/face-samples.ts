/**
 * Synthetic face-consistency samples with known answers (seeded, no Math.random): a "person" is
 * a fixed rigid-point layout and, for the descriptor, a fixed 128-d vector; frames add small
 * landmark and descriptor noise, a moving picture and a blink score.
 */
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { DESCRIPTOR_LENGTH } from '@/utils/features/descriptor';
import { THUMB_SIDE } from '@/utils/features/landmarks';
import { LM } from '@/utils/features/face-features';
import type { CandidateFace, FaceSample } from '@/utils/features/face-sample';
import type { SpeechSeries } from '@/utils/features/signals';
import { seededRandom } from './generators';

const RIGID_POINTS = LM.rigid.length;

/** A person's rigid-point layout (eye-corner units), different for every seed. */
export function person(seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: RIGID_POINTS * 3 }, () => (random() - 0.5) * 1.5);
}

/** A thumbnail whose pixels are seeded noise: every seed a different picture. */
export function picture(seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length: THUMB_SIDE * THUMB_SIDE }, () => Math.floor(random() * 256));
}

export { DESCRIPTOR_LENGTH };

/** A seeded random direction of length `length` in descriptor space. */
function direction(seed: number, length: number): Float32Array {
  const random = seededRandom(seed);
  const values = Array.from({ length: DESCRIPTOR_LENGTH }, () => random() - 0.5);
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (value) => (value / norm) * length);
}

/** A person's face descriptor, different for every seed, of length 1 (dlib's are about that long). */
export function faceDescriptor(seed: number): Float32Array {
  return direction(seed, 1);
}

/** A face exactly `distance` from `base`: `base` moved that far in a seeded random direction. */
export function descriptorAway(base: Float32Array, distance: number, seed: number): Float32Array {
  const step = direction(seed, distance);
  return base.map((value, i) => value + (step[i] as number));
}

/**
 * Default descriptor noise, standard deviation per value: two reads of one face then differ by
 * about 0.0125 * sqrt(2 * 128) = 0.2, and each read lies about 0.14 from the face itself.
 */
export const DESCRIPTOR_NOISE = 0.0125;

function candidateFace(overrides: Partial<CandidateFace> = {}): CandidateFace {
  return {
    pose: { yawDeg: 0, pitchDeg: 0, rollDeg: 0 },
    rigidShape: person(1),
    eyeDistancePx: 80,
    centreX: 320,
    centreY: 240,
    blink: 0.05,
    mouthVisible: true,
    skinRgb: [180, 130, 110],
    seamGradientRatio: 1,
    seamChromaDelta: 2,
    lowerFaceTone: null,
    descriptor: null,
    ...overrides,
  };
}

interface FramesOptions {
  durationMs: number;
  fps?: number;
  seed?: number;
  /** Rigid layout at a time (default: person 1). */
  layout?: (timeMs: number) => Float32Array;
  /** Landmark noise, eye-corner units (default 0.002). */
  noise?: number;
  /** Thumbnail seed at a time (default: a new picture every frame). */
  pictureSeed?: (timeMs: number, index: number) => number;
  face?: (timeMs: number) => Partial<CandidateFace> | null;
  faceCount?: (timeMs: number) => number;
  /** The candidate's true descriptor at a time, null on frames not described (default: none described). */
  descriptor?: (timeMs: number, index: number) => Float32Array | null;
  /** Descriptor noise, standard deviation per value (default DESCRIPTOR_NOISE). */
  descriptorNoise?: number;
}

/** Frames at `fps` over `durationMs`, one face each unless told otherwise. */
export function frames(options: FramesOptions): FaceSample[] {
  const fps = options.fps ?? 15;
  const random = seededRandom(options.seed ?? 7);
  const noise = options.noise ?? 0.002;
  // Its own stream, so adding descriptors leaves the landmark noise of existing tests as it was.
  const descriptorRandom = seededRandom((options.seed ?? 7) + 1_000_003);
  // Uniform noise of this half-width has the asked standard deviation.
  const descriptorHalfWidth = (options.descriptorNoise ?? DESCRIPTOR_NOISE) * Math.sqrt(3);
  const samples: FaceSample[] = [];
  for (let i = 0; i * (1000 / fps) < options.durationMs; i++) {
    const timeMs = i * (1000 / fps);
    const overrides = options.face ? options.face(timeMs) : {};
    const layout = (options.layout ?? (() => person(1)))(timeMs);
    const rigidShape = Float32Array.from(layout, (value) => value + (random() - 0.5) * 2 * noise);
    const truth = overrides !== null && options.descriptor ? options.descriptor(timeMs, i) : null;
    const descriptor = truth
      ? truth.map((value) => value + (descriptorRandom() - 0.5) * 2 * descriptorHalfWidth)
      : null;
    samples.push({
      timeMs,
      faceCount: options.faceCount ? options.faceCount(timeMs) : overrides === null ? 0 : 1,
      face: overrides === null ? null : candidateFace({ rigidShape, descriptor, ...overrides }),
      thumb: picture(options.pictureSeed ? options.pictureSeed(timeMs, i) : 1000 + i),
      otherDescriptors: [],
    });
  }
  return samples;
}

/** Speech hops every 10 ms over `durationMs`, voiced where `voiced(t)` says. */
export function speech(durationMs: number, voiced: (timeMs: number) => boolean = () => true): SpeechSeries {
  const count = Math.floor(durationMs / 10);
  const timesMs = Float64Array.from({ length: count }, (_, i) => i * 10);
  return {
    timesMs,
    db: Float32Array.from(timesMs, (t) => (voiced(t) ? -25 : -70)),
    voiced: Uint8Array.from(timesMs, (t) => (voiced(t) ? 1 : 0)),
  };
}

/** A lip-sync estimate with the given verdict and offset over [startMs, endMs], the rest typical of a clear match. */
export function lipSyncEstimate(
  verdict: LipSyncEstimate['verdict'],
  offsetMs: number,
  startMs = 0,
  endMs = 6000,
): LipSyncEstimate {
  return {
    verdict,
    method: 'learned',
    offsetMs,
    confidence: 0.8,
    peakCorrelation: 0.4,
    peakZ: 5,
    chanceStd: 0.05,
    speechS: 6,
    faceShare: 1,
    startMs,
    endMs,
  };
}
