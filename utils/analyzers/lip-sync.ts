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
import { LIP_SYNC } from '@/utils/common/thresholds';
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';

export interface CorrelationCurve {
  lagsMs: Float64Array;
  correlation: Float64Array;
}

const GRID_MS = 10;

function movingAverage(values: Float64Array, valid: Uint8Array, halfWidth: number): Float64Array {
  const out = new Float64Array(values.length);
  let sum = 0;
  let count = 0;
  // Running sum over [i - halfWidth, i + halfWidth] of valid entries.
  for (let i = 0; i < Math.min(values.length, halfWidth); i++) {
    if (valid[i]) {
      sum += values[i] as number;
      count++;
    }
  }
  for (let i = 0; i < values.length; i++) {
    const add = i + halfWidth;
    if (add < values.length && valid[add]) {
      sum += values[add] as number;
      count++;
    }
    const drop = i - halfWidth - 1;
    if (drop >= 0 && valid[drop]) {
      sum -= values[drop] as number;
      count--;
    }
    out[i] = count > 0 ? sum / count : 0;
  }
  return out;
}

/** Difference of moving averages: keeps roughly 1..10 Hz on a 10 ms grid. */
function bandPass(values: Float64Array, valid: Uint8Array): Float64Array {
  const smooth = movingAverage(values, valid, LIP_SYNC.smoothHalfWidthMs / GRID_MS);
  const trend = movingAverage(values, valid, LIP_SYNC.trendHalfWidthMs / GRID_MS);
  return smooth.map((value, i) => value - (trend[i] as number));
}

function difference(values: Float64Array): Float64Array {
  return values.map((value, i) => (i > 0 ? value - (values[i - 1] as number) : 0));
}

/** Divides by the root mean square over valid entries, so two readings weigh the same. */
function normalised(values: Float64Array, valid: Uint8Array): Float64Array {
  let sum = 0;
  let count = 0;
  values.forEach((value, i) => {
    if (valid[i]) {
      sum += value * value;
      count++;
    }
  });
  const rms = count > 0 ? Math.sqrt(sum / count) : 0;
  return rms > 0 ? values.map((value) => value / rms) : values;
}

interface Grid {
  startMs: number;
  mouth: Float64Array;
  mouthValid: Uint8Array;
  audio: Float64Array;
  audioValid: Uint8Array;
  voiced: Uint8Array;
}

/** Puts both series on one 10 ms grid over [startMs, endMs). */
function toGrid(mouth: MouthSeries, speech: SpeechSeries, startMs: number, endMs: number): Grid {
  const length = Math.max(0, Math.floor((endMs - startMs) / GRID_MS));
  const grid: Grid = {
    startMs,
    mouth: new Float64Array(length),
    mouthValid: new Uint8Array(length),
    audio: new Float64Array(length),
    audioValid: new Uint8Array(length),
    voiced: new Uint8Array(length),
  };
  const jaw = new Float64Array(length);
  let frame = 0;
  let hop = 0;
  for (let i = 0; i < length; i++) {
    const t = startMs + i * GRID_MS;
    while (frame + 1 < mouth.timesMs.length && (mouth.timesMs[frame + 1] as number) <= t) frame++;
    const t0 = mouth.timesMs[frame] as number;
    const t1 = mouth.timesMs[frame + 1];
    const v0 = mouth.open[frame] as number;
    const v1 = mouth.open[frame + 1];
    if (
      t1 !== undefined &&
      v1 !== undefined &&
      t0 <= t &&
      t1 - t0 <= LIP_SYNC.maxFrameGapMs &&
      Number.isFinite(v0) &&
      Number.isFinite(v1)
    ) {
      const along = (t - t0) / (t1 - t0);
      const j0 = mouth.jawOpen[frame] as number;
      const j1 = mouth.jawOpen[frame + 1] as number;
      grid.mouth[i] = v0 + (v1 - v0) * along;
      jaw[i] = j0 + (j1 - j0) * along;
      grid.mouthValid[i] = 1;
    }
    while (
      hop + 1 < speech.timesMs.length &&
      Math.abs((speech.timesMs[hop + 1] as number) - t) <= Math.abs((speech.timesMs[hop] as number) - t)
    )
      hop++;
    const hopTime = speech.timesMs[hop];
    if (hopTime !== undefined && Math.abs(hopTime - t) <= GRID_MS) {
      grid.audio[i] = 10 ** (Math.max(speech.db[hop] as number, LIP_SYNC.audioFloorDb) / 20);
      grid.audioValid[i] = 1;
      grid.voiced[i] = speech.voiced[hop] as number;
    }
  }
  const gap = normalised(difference(bandPass(grid.mouth, grid.mouthValid)), grid.mouthValid);
  const jawMotion = normalised(difference(bandPass(jaw, grid.mouthValid)), grid.mouthValid);
  grid.mouth = gap.map((value, i) => value + (jawMotion[i] as number));
  grid.audio = difference(bandPass(grid.audio, grid.audioValid));
  return grid;
}

/** Pearson correlation of mouth(t) with audio(t + lag) over the grid, or NaN if too little overlap. */
function correlationAt(grid: Grid, lagSteps: number): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  const length = grid.mouth.length;
  for (let i = Math.max(0, -lagSteps); i < Math.min(length, length - lagSteps); i++) {
    const j = i + lagSteps;
    if (!grid.mouthValid[i] || !grid.audioValid[j]) continue;
    const x = grid.mouth[i] as number;
    const y = grid.audio[j] as number;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  if (n < LIP_SYNC.minOverlapMs / GRID_MS) return Number.NaN;
  const cov = sxy - (sx * sy) / n;
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : Number.NaN;
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
): CorrelationCurve {
  const grid = toGrid(mouth, speech, startMs, endMs);
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

/** Estimates offset, confidence and verdict over one stretch of a recording or call. */
export function estimateLipSync(
  mouth: MouthSeries,
  speech: SpeechSeries,
  startMs: number,
  endMs: number,
): LipSyncEstimate {
  const grid = toGrid(mouth, speech, startMs, endMs);
  const speechS = (grid.voiced.reduce((a, b) => a + b, 0) * GRID_MS) / 1000;
  const faceShare = grid.mouth.length > 0 ? grid.mouthValid.reduce((a, b) => a + b, 0) / grid.mouth.length : 0;
  const base = { speechS, faceShare, startMs, endMs };
  if (speechS < LIP_SYNC.minSpeechS || faceShare < LIP_SYNC.minFaceShare) {
    return { ...base, ...INSUFFICIENT };
  }
  const curve = curveOver(grid, -LIP_SYNC.maxLagMs, LIP_SYNC.maxLagMs);
  const peak = peakOf(curve);
  const far = [
    ...curveOver(grid, -LIP_SYNC.nullMaxLagMs, -LIP_SYNC.nullMinLagMs).correlation,
    ...curveOver(grid, LIP_SYNC.nullMinLagMs, LIP_SYNC.nullMaxLagMs).correlation,
  ].filter(Number.isFinite);
  const chance = far.length >= 10 ? meanAndStd(far) : { mean: 0, std: Number.NaN };
  const peakZ = chance.std > 0 ? (peak.value - chance.mean) / chance.std : Number.NaN;
  if (!Number.isFinite(peak.value) || !Number.isFinite(peakZ)) {
    return { ...base, ...INSUFFICIENT, peakCorrelation: peak.value, peakZ, chanceStd: chance.std };
  }
  const confidence = Math.max(0, Math.min(1, (peakZ - LIP_SYNC.zNone) / (LIP_SYNC.zFull - LIP_SYNC.zNone)));
  const offsetMs = peak.lagMs - LIP_SYNC.naturalLeadMs;
  const matched = peakZ >= LIP_SYNC.minMatchZ;
  const mismatched =
    !matched &&
    peak.value < LIP_SYNC.maxMismatchCorrelation &&
    chance.std <= LIP_SYNC.maxMismatchChanceStd &&
    faceShare >= LIP_SYNC.minMismatchFaceShare;
  const measured = { peakCorrelation: peak.value, peakZ, chanceStd: chance.std };
  if (mismatched) return { ...base, ...measured, verdict: 'mismatch', offsetMs: Number.NaN, confidence };
  if (!matched) return { ...base, ...INSUFFICIENT, ...measured };
  const outOfSync = offsetMs > LIP_SYNC.maxInSyncLagMs || offsetMs < -LIP_SYNC.maxInSyncLeadMs;
  return { ...base, ...measured, verdict: outOfSync ? 'offset' : 'in-sync', offsetMs, confidence };
}
