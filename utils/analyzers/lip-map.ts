/**
 * The learned audio-to-mouth map (pure): from the log-mel bands of the sound around a moment
 * (±200 ms) it predicts how the mouth moves then, as canonical components of the mouth measures.
 * The weights are data (lip-map.json), fitted by `npm run train:lip-map` (scripts/train-lip-map.mjs)
 * on the real clips with sound and checked there on speakers left out of the fit.
 */
import { AUDIO_INPUT_COUNT, audioRow, LipMapSchema, type LipMap, type MapInputs } from './lip-map-inputs';
import weights from './lip-map.json';

let shipped: LipMap | null | undefined;

/**
 * The shipped map, checked on first use; null when the file does not fit the inputs measured
 * now, so lip sync falls back to the envelope method and says so (a unit test keeps the shipped
 * file in step; the training script needs the fallback to measure new inputs in the first place).
 */
export function lipMap(): LipMap | null {
  if (shipped === undefined) {
    const parsed = LipMapSchema.safeParse(weights);
    shipped = parsed.success ? parsed.data : null;
    if (!parsed.success)
      console.warn('Liveproof: the lip map does not fit the current inputs; using the envelope method.');
  }
  return shipped;
}

/** Observed and predicted mouth per component over a stretch, with where each can be read. */
export interface MappedSignals {
  observed: Float64Array[];
  predicted: Float64Array[];
  observedValid: Uint8Array;
  predictedValid: Uint8Array;
}

export function applyMap(map: Pick<LipMap, 'audioMean' | 'audioStd' | 'components'>, inputs: MapInputs): MappedSignals {
  const observed = map.components.map((component) => {
    const out = new Float64Array(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      if (!inputs.mouthValid[i]) continue;
      let sum = 0;
      component.mouth.forEach((weight, m) => (sum += weight * (inputs.mouth[m]?.[i] as number)));
      out[i] = sum;
    }
    return out;
  });
  const predicted = map.components.map(() => new Float64Array(inputs.length));
  const predictedValid = new Uint8Array(inputs.length);
  const row = new Float64Array(AUDIO_INPUT_COUNT);
  for (let i = 0; i < inputs.length; i++) {
    if (!audioRow(inputs, i, row)) continue;
    predictedValid[i] = 1;
    for (let j = 0; j < AUDIO_INPUT_COUNT; j++)
      row[j] = ((row[j] as number) - (map.audioMean[j] as number)) / (map.audioStd[j] as number);
    map.components.forEach((component, c) => {
      let sum = 0;
      for (let j = 0; j < AUDIO_INPUT_COUNT; j++) sum += (component.audio[j] as number) * (row[j] as number);
      (predicted[c] as Float64Array)[i] = sum;
    });
  }
  return { observed, predicted, observedValid: inputs.mouthValid, predictedValid };
}
