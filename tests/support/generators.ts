/**
 * Synthetic signals with known answers, each a pure function of its inputs (seeded, no Math.random).
 */
import { LIP_SYNC } from '@/utils/common/thresholds';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { seededRandom } from '@/utils/common/random';

export { seededRandom } from '@/utils/common/random';

/**
 * An articulation curve 0..1: syllables of 120..320 ms with random strength, and a pause of
 * 300..700 ms after every 3..7 syllables. `articulation(t)` is its value at t ms.
 */
export function articulation(seed: number, durationMs: number): (timeMs: number) => number {
  const random = seededRandom(seed);
  const syllables: { start: number; end: number; strength: number }[] = [];
  let t = 200;
  while (t < durationMs + 2000) {
    const run = 3 + Math.floor(random() * 5);
    for (let i = 0; i < run; i++) {
      const length = 120 + random() * 200;
      syllables.push({ start: t, end: t + length, strength: 0.4 + random() * 0.6 });
      t += length;
    }
    t += 300 + random() * 400;
  }
  return (timeMs) => {
    const s = syllables.find((syllable) => timeMs >= syllable.start && timeMs < syllable.end);
    return s ? s.strength * Math.sin((Math.PI * (timeMs - s.start)) / (s.end - s.start)) : 0;
  };
}

/** Mouth opening sampled at `fps` from an articulation curve; NaN where `faceAt` is false. */
export function mouthSeries(
  curve: (timeMs: number) => number,
  durationMs: number,
  fps: number,
  faceAt: (timeMs: number) => boolean = () => true,
): MouthSeries {
  const count = Math.floor((durationMs / 1000) * fps);
  const timesMs = Float64Array.from({ length: count }, (_, i) => (i * 1000) / fps);
  const open = Float32Array.from(timesMs, (t) => (faceAt(t) ? 0.02 + 0.25 * curve(t) : Number.NaN));
  // The jaw moves with the lips, on its own non-linear scale.
  const jawOpen = Float32Array.from(timesMs, (t) => (faceAt(t) ? 0.05 + 0.5 * curve(t) ** 0.8 : Number.NaN));
  return { timesMs, open, jawOpen };
}

/**
 * The speech envelope that the articulation curve makes, heard `offsetMs` late (positive: the
 * sound comes after the lips) on top of the natural lead of the lips, at a 10 ms hop.
 */
export function speechSeries(
  curve: (timeMs: number) => number,
  durationMs: number,
  offsetMs: number,
  noiseSeed = 7,
): SpeechSeries {
  const random = seededRandom(noiseSeed);
  const count = Math.floor(durationMs / 10);
  const timesMs = Float64Array.from({ length: count }, (_, i) => i * 10 + 5);
  const db = Float32Array.from(timesMs, (t) => {
    const level = curve(t - offsetMs - LIP_SYNC.naturalLeadMs);
    return 20 * Math.log10(0.002 + 0.3 * level) + (random() - 0.5) * 2;
  });
  const voiced = Uint8Array.from(db, (value) => (value > -40 ? 1 : 0));
  return { timesMs, db, voiced };
}
