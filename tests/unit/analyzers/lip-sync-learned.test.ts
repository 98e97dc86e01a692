import { describe, expect, it } from 'vitest';
import { estimateLipSync, lipSyncCurve } from '@/utils/analyzers/lip-sync';
import { AUDIO_CONTEXT_MS, AUDIO_INPUT_COUNT, type LipMap } from '@/utils/analyzers/lip-map-inputs';
import { GRID_MS } from '@/utils/analyzers/lip-sync-grid';
import { LIP_SYNC, LIP_SYNC_LEARNED } from '@/utils/common/thresholds';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';
import { MOUTH_MEASURES, MOUTH_MEASURE_COUNT, type MouthMeasure } from '@/utils/features/mouth-measures';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { seededRandom } from '../../support/generators';

type ToyMap = Pick<LipMap, 'audioMean' | 'audioStd' | 'components'>;

/** The bands the synthetic voice's loudness shows in; the rest is room noise. */
const VOICE_BANDS = [4, 5, 6, 7, 8, 9];
const MARGIN_MS = 1000;

/**
 * A speaking envelope 0..1 at 1 ms resolution: syllables at a random rate of 2..7 Hz, each a
 * half-sine of random strength, with a pause of 200..600 ms after about one syllable in five.
 * `envelope(t)` is its value at t ms (0 outside -MARGIN_MS..durationMs + MARGIN_MS).
 */
function envelope(seed: number, durationMs: number): (timeMs: number) => number {
  const random = seededRandom(seed);
  const samples = new Float64Array(durationMs + 2 * MARGIN_MS);
  let t = 0;
  while (t < samples.length) {
    const length = Math.round(1000 / (2 + 5 * random()));
    const strength = 0.3 + 0.7 * random();
    for (let k = 0; k < length && t + k < samples.length; k++)
      samples[t + k] = strength * Math.sin((Math.PI * k) / length);
    t += length;
    if (random() < 0.2) t += Math.round(200 + 400 * random());
  }
  return (timeMs) => samples[Math.round(timeMs) + MARGIN_MS] ?? 0;
}

/** The level of the voice in a band, dB, for an envelope value. */
const voiceDb = (level: number) => 20 * Math.log10(0.002 + 0.3 * level);

/** Mel bands every 10 ms: the envelope heard `offsetMs` late in VOICE_BANDS, noise elsewhere; all voiced. */
function speechOf(curve: (timeMs: number) => number, durationMs: number, offsetMs: number, seed = 7): SpeechSeries {
  const random = seededRandom(seed);
  const count = Math.floor(durationMs / GRID_MS);
  const timesMs = Float64Array.from({ length: count }, (_, i) => i * GRID_MS + 5);
  const bands = new Float32Array(count * MEL_BAND_COUNT);
  const db = new Float32Array(count);
  timesMs.forEach((t, hop) => {
    const voice = voiceDb(curve(t - offsetMs));
    db[hop] = voice + (random() - 0.5) * 2;
    for (let band = 0; band < MEL_BAND_COUNT; band++) {
      bands[hop * MEL_BAND_COUNT + band] = VOICE_BANDS.includes(band)
        ? voice - band + (random() - 0.5) * 4
        : -70 + (random() - 0.5) * 6;
    }
  });
  return { timesMs, db, voiced: new Uint8Array(count).fill(1), bands };
}

/** The mouth at `fps`: `open`, `jawOpen` and `lowerDown` follow the envelope, the other measures are noise. */
function mouthOf(curve: (timeMs: number) => number, durationMs: number, fps = 15, seed = 3): MouthSeries {
  const random = seededRandom(seed);
  const count = Math.floor((durationMs / 1000) * fps);
  const timesMs = Float64Array.from({ length: count }, (_, i) => (i * 1000) / fps);
  const measures = new Float32Array(count * MOUTH_MEASURE_COUNT);
  timesMs.forEach((t, frame) => {
    const level = curve(t);
    const moving: Partial<Record<MouthMeasure, number>> = {
      open: 0.02 + 0.25 * level + 0.01 * random(),
      jawOpen: 0.05 + 0.5 * level + 0.03 * random(),
      lowerDown: 0.2 * level + 0.05 * random(),
    };
    const value = (name: MouthMeasure) => moving[name] ?? 0.05 * random();
    MOUTH_MEASURES.forEach((name, m) => (measures[frame * MOUTH_MEASURE_COUNT + m] = value(name)));
  });
  const column = (name: MouthMeasure) =>
    Float32Array.from(
      timesMs,
      (_, frame) => measures[frame * MOUTH_MEASURE_COUNT + MOUTH_MEASURES.indexOf(name)] as number,
    );
  return { timesMs, open: column('open'), jawOpen: column('jawOpen'), measures };
}

/** One component per entry: the audio weight 1 on `bands` at context 0 ms, the mouth weight 1 on `measure`. */
function toyMap(components: { bands: number[]; measure: MouthMeasure }[]): ToyMap {
  const zero = AUDIO_CONTEXT_MS.indexOf(0);
  return {
    audioMean: new Array<number>(AUDIO_INPUT_COUNT).fill(0),
    audioStd: new Array<number>(AUDIO_INPUT_COUNT).fill(1),
    components: components.map(({ bands, measure }) => {
      const audio = new Array<number>(AUDIO_INPUT_COUNT).fill(0);
      for (const band of bands) audio[zero * MEL_BAND_COUNT + band] = 1;
      const mouth = new Array<number>(MOUTH_MEASURE_COUNT).fill(0);
      mouth[MOUTH_MEASURES.indexOf(measure)] = 1;
      return { audio, mouth, trainingCorrelation: 1 };
    }),
  };
}

const VOICE_MAP = toyMap([{ bands: VOICE_BANDS, measure: 'open' }]);

describe('estimateLipSync with the learned map', () => {
  const durationMs = 12_000;
  const curve = envelope(21, durationMs);
  const mouth = mouthOf(curve, durationMs);

  it.each([
    [0, 'in-sync'],
    [250, 'offset'],
    [-250, 'offset'],
    [500, 'offset'],
  ])('should find the sound %d ms after the lips (negative: before), and call it %s', (offsetMs, verdict) => {
    const estimate = estimateLipSync(mouth, speechOf(curve, durationMs, offsetMs), 0, durationMs, { map: VOICE_MAP });
    expect(estimate.method).toBe('learned');
    expect(Math.abs(estimate.offsetMs - offsetMs)).toBeLessThan(20);
    expect(estimate.verdict).toBe(verdict);
    expect(estimate.peakZ).toBeGreaterThan(LIP_SYNC_LEARNED.minMatchZ);
  });

  it.each([
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
    [9, 10],
  ])(
    'should stay insufficient, never mismatch, on 4 s of another voice (envelopes %d and %d)',
    (mouthSeed, soundSeed) => {
      const shortMs = 4000;
      const estimate = estimateLipSync(
        mouthOf(envelope(mouthSeed, shortMs), shortMs),
        speechOf(envelope(soundSeed, shortMs), shortMs, 0),
        0,
        shortMs,
        { map: VOICE_MAP },
      );
      expect(estimate.method).toBe('learned');
      expect(estimate.chanceStd).toBeGreaterThan(LIP_SYNC_LEARNED.maxMismatchChanceStd);
      expect(estimate.verdict).toBe('insufficient');
    },
  );

  it('should call 40 s of another voice a mismatch, by the envelope where the map cannot rule a match out', () => {
    const longMs = 40_000;
    const mouthCurve = envelope(1, longMs);
    const otherVoice = speechOf(envelope(2, longMs), longMs, 0);
    const estimate = estimateLipSync(mouthOf(mouthCurve, longMs), otherVoice, 0, longMs, { map: VOICE_MAP });
    expect(estimate.verdict).toBe('mismatch');
    expect(Number.isNaN(estimate.offsetMs)).toBe(true);
    const own = estimateLipSync(mouthOf(mouthCurve, longMs), speechOf(mouthCurve, longMs, 0), 0, longMs, {
      map: VOICE_MAP,
    });
    expect(own).toMatchObject({ verdict: 'in-sync', method: 'learned' });
  });
});

describe('estimateLipSync method', () => {
  const durationMs = 8000;
  const curve = envelope(5, durationMs);
  const mouth = mouthOf(curve, durationMs);
  const speech = speechOf(curve, durationMs, 0);

  it('should use the learned map where the signals carry mouth measures and mel bands', () => {
    expect(estimateLipSync(mouth, speech, 0, durationMs, { map: VOICE_MAP }).method).toBe('learned');
  });

  it('should use the shipped map when given none', () => {
    expect(estimateLipSync(mouth, speech, 0, durationMs).method).toBe('learned');
  });

  it('should fall back to the envelope without mouth measures', () => {
    const older: MouthSeries = { timesMs: mouth.timesMs, open: mouth.open, jawOpen: mouth.jawOpen };
    expect(estimateLipSync(older, speech, 0, durationMs, { map: VOICE_MAP }).method).toBe('envelope');
  });

  it('should fall back to the envelope without mel bands', () => {
    const older: SpeechSeries = { timesMs: speech.timesMs, db: speech.db, voiced: speech.voiced };
    expect(estimateLipSync(mouth, older, 0, durationMs, { map: VOICE_MAP }).method).toBe('envelope');
  });

  it('should use the envelope when asked to, even where the map could be used', () => {
    const estimate = estimateLipSync(mouth, speech, 0, durationMs, { method: 'envelope', map: VOICE_MAP });
    expect(estimate.method).toBe('envelope');
  });
});

describe('the learned method chance level', () => {
  const durationMs = 20_000;
  /** Grid points where both sides are read: mouth frames and hops from 0 to durationMs. */
  const gridPoints = durationMs / GRID_MS - 1;
  /** Two components reading independent bands and measures. */
  const twoPairs = toyMap([
    { bands: [2], measure: 'open' },
    { bands: [12], measure: 'width' },
  ]);

  /** Independent noise in every band and measure, each smoothed by a `smoothMs` moving average, every 10 ms. */
  function noise(seed: number, smoothMs: number): { mouth: MouthSeries; speech: SpeechSeries } {
    const random = seededRandom(seed);
    const count = durationMs / GRID_MS;
    const width = Math.max(1, Math.round(smoothMs / GRID_MS));
    const series = (length: number) => {
      const white = Float64Array.from({ length: length + width }, () => random() - 0.5);
      return Float32Array.from({ length }, (_, i) => white.subarray(i, i + width).reduce((a, b) => a + b, 0));
    };
    const interleave = (columns: Float32Array[]) =>
      Float32Array.from(
        { length: count * columns.length },
        (_, k) => columns[k % columns.length]?.[Math.floor(k / columns.length)] as number,
      );
    const timesMs = Float64Array.from({ length: count }, (_, i) => i * GRID_MS);
    const measures = interleave(Array.from({ length: MOUTH_MEASURE_COUNT }, () => series(count)));
    const bands = interleave(
      Array.from({ length: MEL_BAND_COUNT }, () => series(count)).map((band) => band.map((v) => -40 + 5 * v)),
    );
    return {
      mouth: { timesMs, open: new Float32Array(count), jawOpen: new Float32Array(count), measures },
      speech: { timesMs, db: new Float32Array(count).fill(-30), voiced: new Uint8Array(count).fill(1), bands },
    };
  }

  /**
   * Bartlett's sum 1 + 2 sum_k rho(k)^2 for white noise after the analyzers' band-pass (a 9-point
   * minus an 81-point moving average), from the filter's taps alone, over the lags the analyzer sums.
   */
  function bandPassedWhiteNoiseSum(): number {
    const smooth = LIP_SYNC.smoothHalfWidthMs / GRID_MS;
    const trend = LIP_SYNC.trendHalfWidthMs / GRID_MS;
    const taps = Array.from({ length: 2 * trend + 1 }, (_, n) => {
      const k = n - trend;
      return (Math.abs(k) <= smooth ? 1 / (2 * smooth + 1) : 0) - 1 / (2 * trend + 1);
    });
    const auto = (lag: number) => taps.reduce((sum, tap, n) => sum + tap * (taps[n + lag] ?? 0), 0);
    let sum = 1;
    for (let lag = 1; lag <= LIP_SYNC_LEARNED.chanceMaxLagMs / GRID_MS; lag++) sum += 2 * (auto(lag) / auto(0)) ** 2;
    return sum;
  }

  // White noise is not white once band-passed (the 9-point smoothing correlates neighbours), so
  // its chance level is 1 / sqrt(pairs x N) times the filter's own Bartlett factor, about 2.6.
  it('should put white noise at 1 / sqrt(pairs x N) times the Bartlett factor of the band-pass', () => {
    const { mouth, speech } = noise(1, 0);
    const estimate = estimateLipSync(mouth, speech, 0, durationMs, { map: twoPairs });
    expect(estimate.method).toBe('learned');
    const white = 1 / Math.sqrt(2 * gridPoints);
    const expected = white * Math.sqrt(bandPassedWhiteNoiseSum());
    expect(estimate.chanceStd / expected).toBeGreaterThan(0.7);
    expect(estimate.chanceStd / expected).toBeLessThan(1.3);
  });

  it('should match the spread of the correlation between independent series', () => {
    // Correlations 300 ms apart are nearly independent samples of the same chance spread.
    const lags = [-600, -300, 0, 300, 600].map((lagMs) => (lagMs + LIP_SYNC.maxLagMs) / GRID_MS);
    const correlations: number[] = [];
    const levels: number[] = [];
    for (let trial = 0; trial < 24; trial++) {
      const { mouth, speech } = noise(100 + trial, 0);
      const curve = lipSyncCurve(mouth, speech, 0, durationMs, { map: twoPairs });
      correlations.push(...lags.map((lag) => curve.correlation[lag] as number));
      levels.push(estimateLipSync(mouth, speech, 0, durationMs, { map: twoPairs }).chanceStd);
    }
    const spread = Math.sqrt(correlations.reduce((sum, r) => sum + r * r, 0) / correlations.length);
    const level = levels.reduce((a, b) => a + b, 0) / levels.length;
    expect(level / spread).toBeGreaterThan(0.75);
    expect(level / spread).toBeLessThan(1.25);
  }, 20_000);

  it('should fall by sqrt(2) with two independent pairs instead of one', () => {
    const { mouth, speech } = noise(3, 0);
    const onePair = toyMap([{ bands: [2], measure: 'open' }]);
    const one = estimateLipSync(mouth, speech, 0, durationMs, { map: onePair }).chanceStd;
    const two = estimateLipSync(mouth, speech, 0, durationMs, { map: twoPairs }).chanceStd;
    expect(one / two).toBeCloseTo(Math.SQRT2, 1);
  });

  it('should be larger for smoother series, which hold fewer independent samples', () => {
    const estimate = ({ mouth, speech }: ReturnType<typeof noise>) =>
      estimateLipSync(mouth, speech, 0, durationMs, { map: twoPairs });
    const white = estimate(noise(1, 0));
    const smooth = estimate(noise(1, 150));
    expect(smooth.chanceStd).toBeGreaterThan(1.3 * white.chanceStd);
  });
});
