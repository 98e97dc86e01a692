/**
 * Lip-sync: does the candidate's mouth explain the speech, and with what audio-video offset?
 *
 * Design note. Mouth opening and the acoustic envelope of speech are correlated, with the
 * strongest coupling at syllabic rates of 2..7 Hz (Chandrasekaran et al. 2009, "The natural
 * statistics of audiovisual speech"); SyncNet (Chung & Zisserman 2016) finds the offset as the
 * lag that best matches mouth and audio features, and its confidence as how far that best match
 * stands out from the other lags. We follow the same recipe with features cheap enough for a
 * 2-core laptop: mouth opening from the face mesh (the inner-lip gap and the model's jawOpen
 * score, two noisy readings of one movement, averaged after normalising) against the envelope
 * of the 1..3 kHz band.
 *  1. Both signals go onto one 10 ms grid (the mouth is interpolated between frames, never
 *     across gaps in the face track; the envelope as linear amplitude), are band-passed to the
 *     syllabic band by a difference of moving averages (removing slow drifts such as head
 *     distance and loudness, and frame jitter), then differenced, so that openings and closings
 *     are matched with onsets and offsets of sound; this gave sharper peaks than levels did.
 *  2. Normalised cross-correlation over lags -maxLag..+maxLag (10 ms steps, parabolic
 *     refinement of the peak for sub-frame resolution). Lag L compares mouth(t) with audio(t+L),
 *     so a peak at L > 0 means the sound comes L ms after the lips.
 *  3. The same correlation at far lags (1..3 s), where no true coupling exists, gives this pair
 *     of signals' chance level; confidence is the peak's distance from it in standard deviations.
 *     A face that moves with its own voice stands out clearly; a face that does not (dubbed,
 *     swapped or proxy audio) does not stand out anywhere: that is a mismatch, not an offset.
 *  4. Windows with too little speech or face are `insufficient`. A match needs a clear peak. A
 *     mismatch needs more: no clear peak, a weak best correlation, AND a chance level low enough
 *     (enough speech) that a real speaker's face would have stood out. Short stretches without a
 *     clear peak stay `insufficient`, because quiet or still speakers look the same there.
 */
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { LIP_SYNC, LIP_SYNC_LEARNED } from '@/utils/common/thresholds';
import type { LipSyncEstimate, LipSyncMethod } from '@/utils/findings/lip-sync-estimate';
import { bandPass, difference, GRID_MS, hopsOnGrid, mouthOnGrid, normalised, validMean } from './lip-sync-grid';
import { mapInputs, type LipMap } from './lip-map-inputs';
import { applyMap, lipMap } from './lip-map';

export interface CorrelationCurve {
  lagsMs: Float64Array;
  correlation: Float64Array;
}

export interface LipSyncOptions {
  /** Which features to match; by default the learned map wherever the signals carry its inputs. */
  method?: LipSyncMethod;
  /** Another map than the shipped one (the training script's held-out folds). */
  map?: Pick<LipMap, 'audioMean' | 'audioStd' | 'components'>;
}

/** One pair of signals to correlate: the mouth's and the sound's reading of the same movement. */
interface Pair {
  mouth: Float64Array;
  audio: Float64Array;
  /** Share of the pair in the combined correlation (the pairs' weights sum to 1). */
  weight: number;
}

interface Grid {
  method: LipSyncMethod;
  startMs: number;
  length: number;
  /** One pair for the envelope method, one per canonical component for the learned map. */
  pairs: Pair[];
  mouthValid: Uint8Array;
  audioValid: Uint8Array;
  voiced: Uint8Array;
}

function voicedOnGrid(speech: SpeechSeries, hops: Int32Array): Uint8Array {
  return Uint8Array.from(hops, (hop) => (hop >= 0 ? (speech.voiced[hop] as number) : 0));
}

/** Mouth opening (gap and jawOpen) against the 1..3 kHz envelope, both differenced. */
function envelopeGrid(mouth: MouthSeries, speech: SpeechSeries, startMs: number, length: number): Grid {
  const seen = mouthOnGrid(mouth.timesMs, [mouth.open, mouth.jawOpen], startMs, length);
  const hops = hopsOnGrid(speech, startMs, length);
  const audioValid = Uint8Array.from(hops, (hop) => (hop >= 0 ? 1 : 0));
  const level = Float64Array.from(hops, (hop) =>
    hop >= 0 ? 10 ** (Math.max(speech.db[hop] as number, LIP_SYNC.audioFloorDb) / 20) : 0,
  );
  const [gapSignal, jawSignal] = seen.channels.map((channel) =>
    normalised(difference(bandPass(channel, seen.valid)), seen.valid),
  ) as [Float64Array, Float64Array];
  return {
    method: 'envelope',
    startMs,
    length,
    pairs: [
      {
        mouth: gapSignal.map((value, i) => value + (jawSignal[i] as number)),
        audio: difference(bandPass(level, audioValid)),
        weight: 1,
      },
    ],
    mouthValid: seen.valid,
    audioValid,
    voiced: voicedOnGrid(speech, hops),
  };
}

/** The mouth's canonical components against their prediction from the sound (utils/analyzers/lip-map.ts). */
function learnedGrid(
  mouth: MouthSeries,
  speech: SpeechSeries,
  startMs: number,
  length: number,
  map: LipSyncOptions['map'],
): Grid | null {
  const weights = map ?? lipMap();
  const inputs = weights && mapInputs(mouth, speech, startMs, startMs + length * GRID_MS);
  if (!weights || !inputs) return null;
  const mapped = applyMap(weights, inputs);
  // A component counts as much as it correlated in training: a weak second one adds less noise.
  const strengths = weights.components.map((component) => component.trainingCorrelation);
  const total = strengths.reduce((a, b) => a + b, 0);
  return {
    method: 'learned',
    startMs,
    length,
    pairs: mapped.observed.map((observed, c) => ({
      mouth: observed,
      audio: mapped.predicted[c] as Float64Array,
      weight: (strengths[c] as number) / total,
    })),
    mouthValid: mapped.observedValid,
    audioValid: mapped.predictedValid,
    voiced: voicedOnGrid(speech, hopsOnGrid(speech, startMs, length)),
  };
}

/** Both series on one 10 ms grid over [startMs, endMs), with the method asked for or the best one available. */
function toGrid(
  mouth: MouthSeries,
  speech: SpeechSeries,
  startMs: number,
  endMs: number,
  options: LipSyncOptions,
): Grid {
  const length = Math.max(0, Math.floor((endMs - startMs) / GRID_MS));
  const learned = options.method === 'envelope' ? null : learnedGrid(mouth, speech, startMs, length, options.map);
  return learned ?? envelopeGrid(mouth, speech, startMs, length);
}

/** Pearson correlation of mouth(t) with audio(t + lag), weighted over the grid's pairs; NaN if too little overlap. */
function correlationAt(grid: Grid, lagSteps: number): number {
  const minOverlap = (grid.method === 'learned' ? LIP_SYNC_LEARNED.minOverlapMs : LIP_SYNC.minOverlapMs) / GRID_MS;
  let total = 0;
  for (const pair of grid.pairs) {
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    for (let i = Math.max(0, -lagSteps); i < Math.min(grid.length, grid.length - lagSteps); i++) {
      const j = i + lagSteps;
      if (!grid.mouthValid[i] || !grid.audioValid[j]) continue;
      const x = pair.mouth[i] as number;
      const y = pair.audio[j] as number;
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
    }
    if (n < minOverlap) return Number.NaN;
    const cov = sxy - (sx * sy) / n;
    const vx = sxx - (sx * sx) / n;
    const vy = syy - (sy * sy) / n;
    if (!(vx > 0 && vy > 0)) return Number.NaN;
    total += pair.weight * (cov / Math.sqrt(vx * vy));
  }
  return total;
}

/** Autocorrelation of a signal over its valid entries at lags 0..maxLag (grid steps). */
function autocorrelation(values: Float64Array, valid: Uint8Array, maxLag: number): Float64Array {
  const mean = validMean(values, valid);
  const out = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag; lag++) {
    let acc = 0;
    for (let i = 0; i + lag < values.length; i++) {
      if (valid[i] && valid[i + lag]) acc += ((values[i] as number) - mean) * ((values[i + lag] as number) - mean);
    }
    out[lag] = acc;
  }
  const zero = out[0] as number;
  return zero > 0 ? out.map((value) => value / zero) : out.fill(0);
}

/**
 * Standard deviation of the pairs' weighted correlation when mouth and sound are unrelated
 * (Bartlett 1935: var r = sum over k of rho_mouth(k) rho_audio(k) / N for two independent
 * smooth series). Used by the learned method, whose short windows have no far lags to measure it on.
 */
function analyticChanceStd(grid: Grid): number {
  const maxLag = LIP_SYNC_LEARNED.chanceMaxLagMs / GRID_MS;
  let n = 0;
  for (let i = 0; i < grid.length; i++) if (grid.mouthValid[i] && grid.audioValid[i]) n++;
  if (n === 0) return Number.NaN;
  let variance = 0;
  for (const pair of grid.pairs) {
    const mouth = autocorrelation(pair.mouth, grid.mouthValid, maxLag);
    const audio = autocorrelation(pair.audio, grid.audioValid, maxLag);
    let sum = 1;
    for (let k = 1; k <= maxLag; k++) sum += 2 * (mouth[k] as number) * (audio[k] as number);
    variance += (pair.weight * pair.weight * Math.max(sum, 1)) / n;
  }
  return Math.sqrt(variance);
}

function curveOver(grid: Grid, fromMs: number, toMs: number): CorrelationCurve {
  const lags: number[] = [];
  const values: number[] = [];
  for (let lag = fromMs; lag <= toMs; lag += GRID_MS) {
    lags.push(lag);
    values.push(correlationAt(grid, Math.round(lag / GRID_MS)));
  }
  return { lagsMs: Float64Array.from(lags), correlation: Float64Array.from(values) };
}

/** Correlation of mouth and audio at each lag in -maxLag..+maxLag over a time range. */
export function lipSyncCurve(
  mouth: MouthSeries,
  speech: SpeechSeries,
  startMs: number,
  endMs: number,
  options: LipSyncOptions = {},
): CorrelationCurve {
  const grid = toGrid(mouth, speech, startMs, endMs, options);
  return curveOver(grid, -LIP_SYNC.maxLagMs, LIP_SYNC.maxLagMs);
}

function meanAndStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

/** Peak of a curve with parabolic refinement between 10 ms lags. */
function peakOf(curve: CorrelationCurve): { lagMs: number; value: number } {
  let best = -1;
  for (let i = 0; i < curve.correlation.length; i++) {
    const value = curve.correlation[i] as number;
    if (Number.isFinite(value) && (best < 0 || value > (curve.correlation[best] as number))) best = i;
  }
  if (best < 0) return { lagMs: Number.NaN, value: Number.NaN };
  const y0 = curve.correlation[best - 1];
  const y1 = curve.correlation[best] as number;
  const y2 = curve.correlation[best + 1];
  let shift = 0;
  if (y0 !== undefined && y2 !== undefined && Number.isFinite(y0) && Number.isFinite(y2)) {
    const denominator = y0 - 2 * y1 + y2;
    if (denominator < 0) shift = Math.max(-0.5, Math.min(0.5, (0.5 * (y0 - y2)) / denominator));
  }
  return { lagMs: (curve.lagsMs[best] as number) + shift * GRID_MS, value: y1 };
}

const INSUFFICIENT = {
  verdict: 'insufficient',
  offsetMs: Number.NaN,
  confidence: 0,
  peakCorrelation: Number.NaN,
  peakZ: Number.NaN,
  chanceStd: Number.NaN,
} as const;

/** The chance level of a grid's peak: far lags for the envelope, the analytic level for the learned map. */
function chanceOf(grid: Grid): { mean: number; std: number } {
  if (grid.method === 'learned') return { mean: 0, std: analyticChanceStd(grid) };
  const far = [
    ...curveOver(grid, -LIP_SYNC.nullMaxLagMs, -LIP_SYNC.nullMinLagMs).correlation,
    ...curveOver(grid, LIP_SYNC.nullMinLagMs, LIP_SYNC.nullMaxLagMs).correlation,
  ].filter(Number.isFinite);
  return far.length >= 10 ? meanAndStd(far) : { mean: 0, std: Number.NaN };
}

/**
 * Estimates offset, confidence and verdict over one stretch of a recording or call: with the
 * learned map where the signals allow, and a mismatch also from the envelope method.
 */
export function estimateLipSync(
  mouth: MouthSeries,
  speech: SpeechSeries,
  startMs: number,
  endMs: number,
  options: LipSyncOptions = {},
): LipSyncEstimate {
  const estimate = estimateOnGrid(toGrid(mouth, speech, startMs, endMs, options), startMs, endMs);
  if (estimate.method !== 'learned' || estimate.verdict !== 'insufficient') return estimate;
  // The learned map's smooth signals have too few independent samples to rule a match out before
  // about 30 s; the envelope's mismatch rule (no real clip ever reached it) still can on long stretches.
  const envelope = estimateOnGrid(toGrid(mouth, speech, startMs, endMs, { method: 'envelope' }), startMs, endMs);
  return envelope.verdict === 'mismatch' ? envelope : estimate;
}

function estimateOnGrid(grid: Grid, startMs: number, endMs: number): LipSyncEstimate {
  const limits = grid.method === 'learned' ? LIP_SYNC_LEARNED : LIP_SYNC;
  const speechS = (grid.voiced.reduce((a, b) => a + b, 0) * GRID_MS) / 1000;
  const faceShare = grid.length > 0 ? grid.mouthValid.reduce((a, b) => a + b, 0) / grid.length : 0;
  const base = { method: grid.method, speechS, faceShare, startMs, endMs };
  if (speechS < limits.minSpeechS || faceShare < limits.minFaceShare) {
    return { ...base, ...INSUFFICIENT };
  }
  const peak = peakOf(curveOver(grid, -LIP_SYNC.maxLagMs, LIP_SYNC.maxLagMs));
  const chance = chanceOf(grid);
  const peakZ = chance.std > 0 ? (peak.value - chance.mean) / chance.std : Number.NaN;
  if (!Number.isFinite(peak.value) || !Number.isFinite(peakZ)) {
    return { ...base, ...INSUFFICIENT, peakCorrelation: peak.value, peakZ, chanceStd: chance.std };
  }
  const confidence = Math.max(0, Math.min(1, (peakZ - limits.zNone) / (limits.zFull - limits.zNone)));
  const offsetMs = peak.lagMs - limits.naturalLeadMs;
  const matched = peakZ >= limits.minMatchZ;
  const mismatched =
    !matched &&
    peak.value < limits.maxMismatchCorrelation &&
    chance.std <= limits.maxMismatchChanceStd &&
    faceShare >= limits.minMismatchFaceShare;
  const measured = { peakCorrelation: peak.value, peakZ, chanceStd: chance.std };
  if (mismatched) return { ...base, ...measured, verdict: 'mismatch', offsetMs: Number.NaN, confidence };
  if (!matched) return { ...base, ...INSUFFICIENT, ...measured };
  const outOfSync = offsetMs > LIP_SYNC.maxInSyncLagMs || offsetMs < -LIP_SYNC.maxInSyncLeadMs;
  return { ...base, ...measured, verdict: outOfSync ? 'offset' : 'in-sync', offsetMs, confidence };
}
