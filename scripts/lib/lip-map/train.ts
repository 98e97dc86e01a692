/**
 * Fits the audio-to-mouth map (utils/analyzers/lip-map.ts) on the signals of real clips and checks
 * it on speakers left out (pure and deterministic: the same signals give the same weights).
 *
 * 1. Every clip becomes rows on the 10 ms grid (every second point): the audio context
 *    (AUDIO_INPUT_COUNT band-passed mel levels) and the mouth measures (band-passed, standardised).
 * 2. Ridge regression predicts the measures from the audio (inputs standardised on the fit's
 *    rows); canonical correlation between the predicted and the observed measures then gives
 *    pairs of projections: the audio weights (ridge weights times the predicted side's
 *    projection) and the mouth weights.
 * 3. The clips' own offsets differ (the corpus's sources are only roughly in sync, -300..+300 ms
 *    were seen), so each clip is aligned to the lag where a map fitted without its speaker
 *    predicts its mouth best, and the map is fitted again, ALIGN_ROUNDS times.
 * 4. The shipped map is fitted on every clip; each speaker's held-out row comes from the map
 *    fitted without that speaker.
 */
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { estimateLipSync, lipSyncCurve } from '@/utils/analyzers/lip-sync';
import {
  AUDIO_CONTEXT_MS,
  AUDIO_INPUT_COUNT,
  audioRow,
  mapInputs,
  type LipMap,
  type MapInputs,
} from '@/utils/analyzers/lip-map-inputs';
import { GRID_MS } from '@/utils/analyzers/lip-sync-grid';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';
import { MOUTH_MEASURES, MOUTH_MEASURE_COUNT } from '@/utils/features/mouth-measures';
import { readSignals, signalsToSeries } from '@/utils/report/signals-schema';
import { median } from '@/utils/common/stats';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';

export const TRAINING = {
  /** Ridge penalty per row on standardised inputs. */
  ridge: 1,
  /** Canonical pairs shipped. */
  components: 2,
  /** Rounds of aligning each clip to its own best lag, and the largest lag looked at, ms. */
  alignRounds: 3,
  maxAlignMs: 400,
  /** Rows are taken every this many grid points (20 ms; the mouth is sampled every 67 ms). */
  rowStride: 2,
} as const;

export interface TrainingClip {
  name: string;
  speaker: string;
  /** A signals export (parsed JSON) of the clip, version 4. */
  signals: unknown;
}

export interface PreparedClip {
  name: string;
  speaker: string;
  mouth: MouthSeries;
  speech: SpeechSeries;
  /** The span both signals cover, ms. */
  startMs: number;
  endMs: number;
  inputs: MapInputs;
  seconds: number;
  /** Envelope-method peak correlation over the whole clip, for comparison. */
  envelopePeak: number;
}

function prepareClip(clip: TrainingClip): PreparedClip {
  const read = readSignals(clip.signals);
  if ('problem' in read) throw new Error(`${clip.name}: ${read.problem}`);
  const { mouth, speech } = signalsToSeries(read.signals);
  const startMs = Math.max(mouth.timesMs[0] ?? 0, speech.timesMs[0] ?? 0);
  const endMs = Math.min(mouth.timesMs.at(-1) ?? 0, speech.timesMs.at(-1) ?? 0);
  const inputs = mapInputs(mouth, speech, startMs, endMs);
  if (!inputs) throw new Error(`${clip.name}: the signals have no mouth measures or mel bands (export them again)`);
  const envelope = estimateLipSync(mouth, speech, startMs, endMs, { method: 'envelope' });
  return {
    name: clip.name,
    speaker: clip.speaker,
    mouth,
    speech,
    startMs,
    endMs,
    inputs,
    seconds: (inputs.mouthValid.reduce((a, b) => a + b, 0) * GRID_MS) / 1000,
    envelopePeak: envelope.peakCorrelation,
  };
}

/** Sums over one clip's rows with its audio moved by `lagSteps` grid points. */
interface Sums {
  n: number;
  x: Float64Array;
  y: Float64Array;
  xx: Float64Array;
  xy: Float64Array;
  yy: Float64Array;
}

const X = AUDIO_INPUT_COUNT;
const Y = MOUTH_MEASURE_COUNT;

function emptySums(): Sums {
  return {
    n: 0,
    x: new Float64Array(X),
    y: new Float64Array(Y),
    xx: new Float64Array(X * X),
    xy: new Float64Array(X * Y),
    yy: new Float64Array(Y * Y),
  };
}

function add(values: Float64Array, index: number, amount: number): void {
  values[index] = (values[index] as number) + amount;
}

function clipSums(clip: PreparedClip, lagSteps: number): Sums {
  const sums = emptySums();
  const row = new Float64Array(X);
  const { inputs } = clip;
  for (let i = 0; i < inputs.length; i += TRAINING.rowStride) {
    if (!inputs.mouthValid[i] || !audioRow(inputs, i + lagSteps, row)) continue;
    sums.n++;
    for (let a = 0; a < X; a++) {
      const xa = row[a] as number;
      add(sums.x, a, xa);
      for (let b = a; b < X; b++) add(sums.xx, a * X + b, xa * (row[b] as number));
      for (let m = 0; m < Y; m++) add(sums.xy, a * Y + m, xa * (inputs.mouth[m]?.[i] as number));
    }
    for (let m = 0; m < Y; m++) {
      const ym = inputs.mouth[m]?.[i] as number;
      add(sums.y, m, ym);
      for (let k = 0; k < Y; k++) add(sums.yy, m * Y + k, ym * (inputs.mouth[k]?.[i] as number));
    }
  }
  return sums;
}

function addSums(all: readonly Sums[]): Sums {
  const total = emptySums();
  for (const sums of all) {
    total.n += sums.n;
    for (const key of ['x', 'y', 'xx', 'xy', 'yy'] as const) {
      const into = total[key];
      sums[key].forEach((value, i) => (into[i] = (into[i] as number) + value));
    }
  }
  return total;
}

/** (M + M') / 2: products of symmetric matrices are symmetric only up to rounding. */
function symmetrised(m: Matrix): Matrix {
  return m.clone().add(m.transpose()).mul(0.5);
}

/** Symmetric inverse square root, by eigendecomposition. */
function inverseSqrt(m: Matrix): Matrix {
  const eig = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const vectors = eig.eigenvectorMatrix;
  const scale = Matrix.diag(eig.realEigenvalues.map((value) => 1 / Math.sqrt(Math.max(value, 1e-12))));
  return vectors.mmul(scale).mmul(vectors.transpose());
}

/** Audio standardisation, and the map's canonical pairs, from the sums of the fit's rows. */
function fitMap(sums: Sums): Pick<LipMap, 'audioMean' | 'audioStd' | 'components'> {
  const n = sums.n;
  const meanX = Array.from(sums.x, (value) => value / n);
  const meanY = Array.from(sums.y, (value) => value / n);
  const stdX = meanX.map((mean, a) => Math.sqrt(Math.max(0, (sums.xx[a * X + a] as number) / n - mean * mean)) + 1e-6);
  // Covariances of the standardised inputs (upper triangle was summed) and with the outputs.
  const gram = new Matrix(X, X);
  for (let a = 0; a < X; a++) {
    for (let b = a; b < X; b++) {
      const cov =
        ((sums.xx[a * X + b] as number) / n - (meanX[a] as number) * (meanX[b] as number)) /
        ((stdX[a] as number) * (stdX[b] as number));
      gram.set(a, b, cov);
      gram.set(b, a, cov);
    }
  }
  const cross = new Matrix(X, Y);
  for (let a = 0; a < X; a++) {
    for (let m = 0; m < Y; m++) {
      cross.set(
        a,
        m,
        ((sums.xy[a * Y + m] as number) / n - (meanX[a] as number) * (meanY[m] as number)) / (stdX[a] as number),
      );
    }
  }
  const covY = new Matrix(Y, Y);
  for (let m = 0; m < Y; m++) {
    for (let k = 0; k < Y; k++)
      covY.set(m, k, (sums.yy[m * Y + k] as number) / n - (meanY[m] as number) * (meanY[k] as number));
  }
  const ridge = gram.clone();
  for (let a = 0; a < X; a++) ridge.set(a, a, ridge.get(a, a) + TRAINING.ridge);
  const weights = new CholeskyDecomposition(ridge).solve(cross); // X x Y
  const covPredicted = symmetrised(weights.transpose().mmul(gram).mmul(weights)); // Y x Y
  const covPredictedObserved = weights.transpose().mmul(cross); // Y x Y
  for (let m = 0; m < Y; m++) {
    covY.set(m, m, covY.get(m, m) + 1e-9);
    covPredicted.set(m, m, covPredicted.get(m, m) + 1e-9);
  }
  const whiten = inverseSqrt(covY);
  const problem = whiten
    .mmul(covPredictedObserved.transpose())
    .mmul(new CholeskyDecomposition(covPredicted).solve(covPredictedObserved))
    .mmul(whiten);
  const eig = new EigenvalueDecomposition(symmetrised(problem), { assumeSymmetric: true });
  const order = eig.realEigenvalues.map((value, i) => [value, i] as const).sort((p, q) => q[0] - p[0]);
  const components = order.slice(0, TRAINING.components).map(([value, index]) => {
    const mouth = whiten.mmul(eig.eigenvectorMatrix.getColumnVector(index)).to1DArray();
    // Sign: the largest mouth weight is positive (eigenvectors have no sign of their own).
    const largest = mouth.reduce((best, w) => (Math.abs(w) > Math.abs(best) ? w : best), 0);
    const sign = largest < 0 ? -1 : 1;
    const mouthWeights = mouth.map((w) => w * sign);
    const predictedSide = new CholeskyDecomposition(covPredicted).solve(
      covPredictedObserved.mmul(Matrix.columnVector(mouthWeights)),
    );
    const audioWeights = weights.mmul(predictedSide);
    // Unit variance on the training rows: predicted variance is w' G w.
    const variance = audioWeights.transpose().mmul(gram).mmul(audioWeights).get(0, 0);
    const audio = audioWeights.to1DArray().map((w) => w / Math.sqrt(variance));
    return { audio, mouth: mouthWeights, trainingCorrelation: Math.sqrt(Math.max(0, value)) };
  });
  return { audioMean: meanX, audioStd: stdX, components };
}

/** The clip's best lag under a map (grid steps within ±maxAlignMs) and the correlation there, as lip sync reads it. */
function bestLag(clip: PreparedClip, map: FittedMap): { lagSteps: number; correlation: number } {
  const curve = lipSyncCurve(clip.mouth, clip.speech, clip.startMs, clip.endMs, { method: 'learned', map });
  let best = { lagSteps: 0, correlation: -Infinity };
  curve.lagsMs.forEach((lagMs, i) => {
    const correlation = curve.correlation[i] as number;
    if (Math.abs(lagMs) <= TRAINING.maxAlignMs && correlation > best.correlation) {
      best = { lagSteps: Math.round(lagMs / GRID_MS), correlation };
    }
  });
  return best;
}

export interface HeldOutRow {
  speaker: string;
  clips: string[];
  seconds: number;
  /** The clip's own offset found with the map fitted without its speaker, ms (mean over its clips). */
  ownLagMs: number[];
  /** Correlation of predicted and observed mouth at that lag, mean over components. */
  correlation: number[];
  /** The envelope method's peak correlation on the same clips, for comparison. */
  envelopePeak: number[];
}

export type FittedMap = Pick<LipMap, 'audioMean' | 'audioStd' | 'components'>;

export interface TrainingResult {
  map: LipMap;
  /** The clips as fitted (aligned lags in lagsMs), and each speaker's map fitted without them. */
  prepared: PreparedClip[];
  heldOutMaps: Map<string, FittedMap>;
  heldOut: HeldOutRow[];
  lagsMs: Record<string, number>;
}

/** Fits the shipped map and the leave-one-speaker-out table. */
export function train(clips: readonly TrainingClip[], version: number): TrainingResult {
  const prepared = clips.map(prepareClip);
  const speakers = [...new Set(prepared.map((clip) => clip.speaker))].sort();
  let lags = prepared.map(() => 0);
  let heldOut: HeldOutRow[] = [];
  const heldOutMaps = new Map<string, FittedMap>();
  for (let round = 0; round < TRAINING.alignRounds; round++) {
    const sums = prepared.map((clip, i) => clipSums(clip, lags[i] as number));
    const next = [...lags];
    heldOut = speakers.map((speaker) => {
      const fit = fitMap(addSums(sums.filter((_, i) => prepared[i]?.speaker !== speaker)));
      heldOutMaps.set(speaker, fit);
      const row: HeldOutRow = { speaker, clips: [], seconds: 0, ownLagMs: [], correlation: [], envelopePeak: [] };
      prepared.forEach((clip, i) => {
        if (clip.speaker !== speaker) return;
        const best = bestLag(clip, fit);
        next[i] = best.lagSteps;
        row.clips.push(clip.name);
        row.seconds += clip.seconds;
        row.ownLagMs.push(best.lagSteps * GRID_MS);
        row.correlation.push(best.correlation);
        row.envelopePeak.push(clip.envelopePeak);
      });
      return row;
    });
    lags = next;
  }
  const fitted = fitMap(addSums(prepared.map((clip, i) => clipSums(clip, lags[i] as number))));
  const map: LipMap = {
    kind: 'liveproof-lip-map',
    version,
    inputs: { melBands: MEL_BAND_COUNT, contextMs: [...AUDIO_CONTEXT_MS], mouthMeasures: [...MOUTH_MEASURES] },
    ...fitted,
    training: {
      script: 'scripts/train-lip-map.mjs',
      settings: TRAINING,
      clips: prepared.map((clip, i) => ({
        name: clip.name,
        speaker: clip.speaker,
        seconds: round(clip.seconds, 1),
        alignedLagMs: (lags[i] as number) * GRID_MS,
      })),
      heldOutMedianCorrelation: round(finiteMedian(heldOut.flatMap((row) => row.correlation)), 3),
    },
  };
  return {
    map,
    prepared,
    heldOutMaps,
    heldOut,
    lagsMs: Object.fromEntries(prepared.map((clip, i) => [clip.name, (lags[i] as number) * GRID_MS])),
  };
}

/** The median of the finite values (NaN stands for "none came"). */
export function finiteMedian(values: readonly number[]): number {
  return median(values.filter(Number.isFinite));
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
