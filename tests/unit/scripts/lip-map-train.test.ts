import { describe, expect, it } from 'vitest';
import { AUDIO_CONTEXT_MS, LipMapSchema } from '@/utils/analyzers/lip-map-inputs';
import { GRID_MS } from '@/utils/analyzers/lip-sync-grid';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';
import { MOUTH_MEASURES, MOUTH_MEASURE_COUNT } from '@/utils/features/mouth-measures';
import type { RecordingSignals } from '@/utils/report/recording-pass';
import { signalsToJson } from '@/utils/report/signals-export';
import { applyMap } from '@/utils/analyzers/lip-map';
import { train, TRAINING, type TrainingClip } from '../../../scripts/lib/lip-map/train';
import { seededRandom } from '../../support/generators';

/** The band the mouth follows, and one that carries another voice (a distractor the fit must ignore). */
const MOUTH_BAND = 6;
const OTHER_VOICE_BAND = 15;
const OPEN = MOUTH_MEASURES.indexOf('open');
const CLIP_MS = 7000;

/** A speaking envelope 0..1 at 1 ms: half-sine syllables at 2..7 Hz, with pauses (see lip-sync-learned.test.ts). */
function envelope(seed: number, durationMs: number): (timeMs: number) => number {
  const random = seededRandom(seed);
  const samples = new Float64Array(durationMs + 2000);
  let t = 0;
  while (t < samples.length) {
    const length = Math.round(1000 / (2 + 5 * random()));
    const strength = 0.3 + 0.7 * random();
    for (let k = 0; k < length && t + k < samples.length; k++) {
      samples[t + k] = strength * Math.sin((Math.PI * k) / length);
    }
    t += length;
    if (random() < 0.2) t += Math.round(200 + 400 * random());
  }
  return (timeMs) => samples[Math.round(timeMs) + 1000] ?? 0;
}

/** The voice's level in a band, dB. */
const levelDb = (level: number) => 20 * Math.log10(0.002 + 0.3 * level);

/**
 * A clip's signals: mel bands every 10 ms (MOUTH_BAND the voice, OTHER_VOICE_BAND an unrelated
 * voice, the rest room noise), the mouth at 15 fps with `open` = 0.3 + 0.005 x MOUTH_BAND's level
 * (without its noise), the sound heard `offsetMs` after the lips, the other measures noise.
 */
function clipSignals(seed: number, offsetMs = 0): RecordingSignals {
  const random = seededRandom(seed);
  const voice = envelope(seed, CLIP_MS);
  const other = envelope(seed + 1000, CLIP_MS);
  const hops = CLIP_MS / GRID_MS;
  const speechTimes = Float64Array.from({ length: hops }, (_, i) => i * GRID_MS);
  const bands = new Float32Array(hops * MEL_BAND_COUNT);
  speechTimes.forEach((t, hop) => {
    for (let band = 0; band < MEL_BAND_COUNT; band++) {
      const level =
        band === MOUTH_BAND
          ? levelDb(voice(t - offsetMs))
          : band === OTHER_VOICE_BAND
            ? levelDb(other(t))
            : -70 + 4 * random();
      bands[hop * MEL_BAND_COUNT + band] = level + random();
    }
  });
  const frames = Math.floor((CLIP_MS / 1000) * 15);
  const mouthTimes = Float64Array.from({ length: frames }, (_, i) => (i * 1000) / 15);
  const measures = new Float32Array(frames * MOUTH_MEASURE_COUNT);
  mouthTimes.forEach((t, frame) => {
    for (let m = 0; m < MOUTH_MEASURE_COUNT; m++) {
      measures[frame * MOUTH_MEASURE_COUNT + m] = m === OPEN ? 0.3 + 0.005 * levelDb(voice(t)) : 0.2 * random();
    }
  });
  return {
    mouth: {
      timesMs: mouthTimes,
      open: Float32Array.from(mouthTimes, (_, frame) => measures[frame * MOUTH_MEASURE_COUNT + OPEN] as number),
      jawOpen: Float32Array.from(mouthTimes, (t) => 0.5 * voice(t)),
      measures,
    },
    speech: {
      timesMs: speechTimes,
      db: Float32Array.from(speechTimes, (t) => levelDb(voice(t - offsetMs))),
      voiced: new Uint8Array(hops).fill(1),
      bands,
    },
    faces: [],
  };
}

/** A clip as the training script reads it: a signals export (version 4) parsed back from JSON. */
function clip(speaker: string, seed: number, offsetMs = 0): TrainingClip {
  const name = `${speaker}.mp4`;
  return { name, speaker, signals: JSON.parse(signalsToJson(name, clipSignals(seed, offsetMs))) };
}

const CLIPS = [clip('ann', 1), clip('ben', 2), clip('cat', 3), clip('dan', 4)];

/** Context (ms) and band of an index into the audio weights. */
const inputAt = (index: number) => ({
  contextMs: AUDIO_CONTEXT_MS[Math.floor(index / MEL_BAND_COUNT)] as number,
  band: index % MEL_BAND_COUNT,
});
/** Pearson correlation over the entries where `valid` is set. */
function correlation(x: Float64Array, y: Float64Array, valid: Uint8Array): number {
  let [n, sx, sy, sxx, syy, sxy] = [0, 0, 0, 0, 0, 0];
  x.forEach((xi, i) => {
    if (!valid[i]) return;
    const yi = y[i] as number;
    n++;
    sx += xi;
    sy += yi;
    sxx += xi * xi;
    syy += yi * yi;
    sxy += xi * yi;
  });
  return (sxy - (sx * sy) / n) / Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
}

const largestAt = (weights: number[]) =>
  weights.reduce((best, w, i) => (Math.abs(w) > Math.abs(weights[best] as number) ? i : best), 0);

describe('train', () => {
  const result = train(CLIPS, 1);
  const [first] = result.map.components;
  if (!first) throw new Error('the fit gives at least one component');

  it('should write a map the analyzer reads', () => {
    expect(LipMapSchema.safeParse(result.map).success).toBe(true);
    expect(result.map.components).toHaveLength(TRAINING.components);
  });

  it('should fit a first component that predicts the mouth closely', () => {
    // Not a strong check alone: the second component, fitted on noise, reaches about 0.8 in training.
    expect(first.trainingCorrelation).toBeGreaterThan(0.9);
  });

  it('should put the largest audio weight on the band the mouth follows, near context 0', () => {
    const { contextMs, band } = inputAt(largestAt(first.audio));
    expect(band).toBe(MOUTH_BAND);
    expect(Math.abs(contextMs)).toBeLessThanOrEqual(40);
    expect(first.audio[largestAt(first.audio)]).toBeGreaterThan(0);
  });

  it('should put the largest mouth weight on the measure that follows the band', () => {
    expect(largestAt(first.mouth)).toBe(OPEN);
  });

  it('should give identical weights when fitted again on the same clips', () => {
    expect(train(CLIPS, 1).map).toEqual(result.map);
  });

  it('should hold each speaker out of one fit, and find its clip in sync with that map', () => {
    expect(result.heldOut.map((row) => row.speaker)).toEqual(['ann', 'ben', 'cat', 'dan']);
    expect([...result.heldOutMaps.keys()].sort()).toEqual(['ann', 'ben', 'cat', 'dan']);
    for (const row of result.heldOut) {
      expect(row.clips).toEqual([`${row.speaker}.mp4`]);
      expect(row.seconds).toBeGreaterThan(6);
      // The row's lag and correlation average both components, the second of which carries no
      // signal here: the lag wanders by a grid step or two and the correlation is about halved.
      expect(Math.abs(row.ownLagMs[0] as number)).toBeLessThanOrEqual(3 * GRID_MS);
      expect(row.correlation[0]).toBeGreaterThan(0.35);
    }
  });

  it("should predict each held-out clip's mouth with the first component of the map fitted without it", () => {
    for (const clip of result.prepared) {
      const map = result.heldOutMaps.get(clip.speaker);
      if (!map) throw new Error(`no held-out map for ${clip.speaker}`);
      const { observed, predicted, observedValid, predictedValid } = applyMap(map, clip.inputs);
      const both = Uint8Array.from(observedValid, (ok, i) => ok & (predictedValid[i] as number));
      expect(correlation(observed[0] as Float64Array, predicted[0] as Float64Array, both)).toBeGreaterThan(0.85);
    }
  });

  it('should align a clip whose sound comes 150 ms late to about that much after the others', () => {
    const shifted = train([...CLIPS.slice(0, 3), clip('dan', 4, 150)], 1);
    const others = ['ann.mp4', 'ben.mp4', 'cat.mp4'].map((name) => shifted.lagsMs[name] as number);
    // Only offsets between clips are known: their common offset is free (the map can absorb it).
    const relative = (shifted.lagsMs['dan.mp4'] as number) - others.reduce((a, b) => a + b, 0) / others.length;
    expect(relative).toBeGreaterThan(100);
    expect(relative).toBeLessThan(200);
  });
});
