/**
 * Synthetic face-consistency samples with known answers (seeded, no Math.random): a "person" is
 * a fixed rigid-point layout; frames add small landmark noise, a moving picture and a blink score.
 */
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
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
}

/** Frames at `fps` over `durationMs`, one face each unless told otherwise. */
export function frames(options: FramesOptions): FaceSample[] {
  const fps = options.fps ?? 15;
  const random = seededRandom(options.seed ?? 7);
  const noise = options.noise ?? 0.002;
  const samples: FaceSample[] = [];
  for (let i = 0; i * (1000 / fps) < options.durationMs; i++) {
    const timeMs = i * (1000 / fps);
    const overrides = options.face ? options.face(timeMs) : {};
    const layout = (options.layout ?? (() => person(1)))(timeMs);
    const rigidShape = Float32Array.from(layout, (value) => value + (random() - 0.5) * 2 * noise);
    samples.push({
      timeMs,
      faceCount: options.faceCount ? options.faceCount(timeMs) : overrides === null ? 0 : 1,
      face: overrides === null ? null : candidateFace({ rigidShape, ...overrides }),
      thumb: picture(options.pictureSeed ? options.pictureSeed(timeMs, i) : 1000 + i),
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
