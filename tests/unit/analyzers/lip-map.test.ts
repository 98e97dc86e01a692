import { describe, expect, it } from 'vitest';
import {
  AUDIO_CONTEXT_MS,
  AUDIO_INPUT_COUNT,
  audioRow,
  LipMapSchema,
  mapInputs,
  type LipMap,
} from '@/utils/analyzers/lip-map-inputs';
import { applyMap, lipMap } from '@/utils/analyzers/lip-map';
import weights from '@/utils/analyzers/lip-map.json';
import { bandPass, GRID_MS, standardised } from '@/utils/analyzers/lip-sync-grid';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';
import { MOUTH_MEASURES, MOUTH_MEASURE_COUNT } from '@/utils/features/mouth-measures';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { seededRandom } from '../../support/generators';

const PAD_MS = Math.max(...AUDIO_CONTEXT_MS.map(Math.abs));
const OPEN = MOUTH_MEASURES.indexOf('open');

/** Mel bands on 10 ms hops at `timesMs`: each band a different slow wave plus noise, dB. */
function speechAt(timesMs: number[], seed = 1): SpeechSeries {
  const random = seededRandom(seed);
  const bands = new Float32Array(timesMs.length * MEL_BAND_COUNT);
  timesMs.forEach((t, hop) => {
    for (let band = 0; band < MEL_BAND_COUNT; band++) {
      const wave = Math.sin((2 * Math.PI * (2 + band / 5) * t) / 1000 + band);
      bands[hop * MEL_BAND_COUNT + band] = -50 + 15 * wave + 3 * random();
    }
  });
  return {
    timesMs: Float64Array.from(timesMs),
    db: new Float32Array(timesMs.length).fill(-30),
    voiced: new Uint8Array(timesMs.length).fill(1),
    bands,
  };
}

/** A hop every 10 ms from `fromMs` to `toMs`, except in [holeFromMs, holeToMs). */
function hopTimes(fromMs: number, toMs: number, hole: [number, number] = [0, 0]): number[] {
  const times: number[] = [];
  for (let t = fromMs; t <= toMs; t += GRID_MS) if (t < hole[0] || t >= hole[1]) times.push(t);
  return times;
}

/** Mouth frames every 10 ms (on the grid, so the grid reads the frames as they are), random measures. */
function mouthAt(fromMs: number, toMs: number, seed = 2): MouthSeries {
  const random = seededRandom(seed);
  const timesMs = Float64Array.from(hopTimes(fromMs, toMs));
  const measures = Float32Array.from({ length: timesMs.length * MOUTH_MEASURE_COUNT }, () => random());
  return {
    timesMs,
    open: Float32Array.from(timesMs, (_, f) => measures[f * MOUTH_MEASURE_COUNT + OPEN] as number),
    jawOpen: new Float32Array(timesMs.length),
    measures,
  };
}

const audioIndex = (contextMs: number, band: number) =>
  (AUDIO_CONTEXT_MS as readonly number[]).indexOf(contextMs) * MEL_BAND_COUNT + band;

/** One component: the audio weight 1 on `band` at context 0 ms, the mouth weight 1 on `open`. */
function toyMap(band: number, mean = 0, std = 1): Pick<LipMap, 'audioMean' | 'audioStd' | 'components'> {
  const audio = new Array<number>(AUDIO_INPUT_COUNT).fill(0);
  audio[audioIndex(0, band)] = 1;
  const mouth = new Array<number>(MOUTH_MEASURE_COUNT).fill(0);
  mouth[OPEN] = 1;
  return {
    audioMean: new Array<number>(AUDIO_INPUT_COUNT).fill(mean),
    audioStd: new Array<number>(AUDIO_INPUT_COUNT).fill(std),
    components: [{ audio, mouth, trainingCorrelation: 1 }],
  };
}

describe('mapInputs', () => {
  it('should give null without mouth measures', () => {
    const { timesMs, open, jawOpen } = mouthAt(0, 4000);
    const mouth: MouthSeries = { timesMs, open, jawOpen };
    expect(mapInputs(mouth, speechAt(hopTimes(0, 4000)), 500, 3500)).toBeNull();
  });

  it('should give null without mel bands', () => {
    const { timesMs, db, voiced } = speechAt(hopTimes(0, 4000));
    const speech: SpeechSeries = { timesMs, db, voiced };
    expect(mapInputs(mouthAt(0, 4000), speech, 500, 3500)).toBeNull();
  });

  it('should pad the bands by the audio context on both sides', () => {
    const inputs = mapInputs(mouthAt(0, 4000), speechAt(hopTimes(0, 4000)), 500, 3500);
    expect(inputs?.length).toBe(300);
    expect(inputs?.mouth).toHaveLength(MOUTH_MEASURE_COUNT);
    expect(inputs?.bands).toHaveLength(MEL_BAND_COUNT);
    expect(inputs?.bands[0]).toHaveLength(300 + (2 * PAD_MS) / GRID_MS);
  });
});

describe('applyMap', () => {
  const [startMs, endMs] = [1000, 7000];
  const speech = speechAt(hopTimes(0, 8000));
  const mouth = mouthAt(0, 8000);
  const inputs = mapInputs(mouth, speech, startMs, endMs);
  if (!inputs) throw new Error('the generated signals carry measures and bands');

  it('should predict the band-passed band a toy map reads at context 0, scaled by its mean and deviation', () => {
    const band = 7;
    const { predicted, predictedValid } = applyMap(toyMap(band, 2, 4), inputs);
    // The band on the padded grid: every 10 ms from 200 ms before the start (the hops are on the grid).
    const firstHop = (startMs - PAD_MS) / GRID_MS;
    const padded = inputs.length + (2 * PAD_MS) / GRID_MS;
    const raw = Float64Array.from(
      { length: padded },
      (_, p) => speech.bands?.[(firstHop + p) * MEL_BAND_COUNT + band] as number,
    );
    const filtered = bandPass(raw, new Uint8Array(padded).fill(1));
    expect(predicted).toHaveLength(1);
    for (let i = 0; i < inputs.length; i++) {
      expect(predictedValid[i]).toBe(1);
      expect(predicted[0]?.[i]).toBeCloseTo(((filtered[i + PAD_MS / GRID_MS] as number) - 2) / 4, 9);
    }
  });

  it('should observe the standardised, band-passed open measure a toy map reads', () => {
    const { observed, observedValid } = applyMap(toyMap(3), inputs);
    const first = startMs / GRID_MS;
    const open = Float64Array.from({ length: inputs.length }, (_, i) => mouth.open[first + i] as number);
    const all = new Uint8Array(inputs.length).fill(1);
    const want = standardised(bandPass(open, all), all);
    expect(Array.from(observedValid)).toEqual(Array.from(all));
    observed[0]?.forEach((value, i) => expect(value).toBeCloseTo(want[i] as number, 9));
  });
});

describe('audioRow', () => {
  // No hops after 3000 ms until 3500 ms: grid points 3020..3480 have none within 10 ms.
  const inputs = mapInputs(mouthAt(0, 8000), speechAt(hopTimes(0, 8000, [3010, 3500])), 1000, 7000);
  if (!inputs) throw new Error('the generated signals carry measures and bands');
  const rowAt = (timeMs: number) => {
    const row = new Float64Array(AUDIO_INPUT_COUNT);
    return { ok: audioRow(inputs, (timeMs - 1000) / GRID_MS, row), row };
  };

  it('should be false wherever the ±200 ms context reaches missing sound', () => {
    for (let t = 2820; t <= 3680; t += GRID_MS) expect(rowAt(t).ok, `${t} ms`).toBe(false);
  });

  it('should be true where the whole context has sound', () => {
    expect(rowAt(2810).ok).toBe(true);
    expect(rowAt(3690).ok).toBe(true);
    expect(rowAt(1000).ok).toBe(true);
    expect(rowAt(6990).ok).toBe(true);
  });

  it('should hold the bands at each context time, context by context', () => {
    const { row } = rowAt(5000);
    const at = (timeMs: number) => (timeMs - 1000 + PAD_MS) / GRID_MS;
    AUDIO_CONTEXT_MS.forEach((contextMs, c) => {
      for (let band = 0; band < MEL_BAND_COUNT; band++) {
        expect(row[c * MEL_BAND_COUNT + band]).toBe(inputs.bands[band]?.[at(5000 + contextMs)]);
      }
    });
  });
});

describe('lipMap', () => {
  it('should parse the shipped map (lip-map.json fits the inputs measured now)', () => {
    const parsed = LipMapSchema.safeParse(weights);
    // On failure this lists what no longer fits: refit with `npm run train:lip-map`.
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(lipMap()).toEqual(parsed.data);
  });

  it('should have one weight per audio input and mouth measure in the shipped map', () => {
    const map = lipMap();
    if (!map) throw new Error('lip-map.json does not fit the current inputs');
    expect(map.kind).toBe('liveproof-lip-map');
    expect(map.inputs.melBands).toBe(MEL_BAND_COUNT);
    expect(map.inputs.contextMs).toEqual([...AUDIO_CONTEXT_MS]);
    expect(map.inputs.mouthMeasures).toEqual([...MOUTH_MEASURES]);
    expect(map.audioMean).toHaveLength(AUDIO_INPUT_COUNT);
    expect(map.audioStd).toHaveLength(AUDIO_INPUT_COUNT);
    expect(map.audioStd.every((std) => std > 0)).toBe(true);
    expect(map.components.length).toBeGreaterThanOrEqual(1);
    for (const component of map.components) {
      expect(component.audio).toHaveLength(AUDIO_INPUT_COUNT);
      expect(component.mouth).toHaveLength(MOUTH_MEASURE_COUNT);
      expect(component.trainingCorrelation).toBeGreaterThan(0);
      expect(component.trainingCorrelation).toBeLessThanOrEqual(1);
    }
  });
});

describe('LipMapSchema', () => {
  /** A well-formed map for today's inputs, built from the constants (not the shipped file). */
  const wellFormed = (): LipMap => ({
    kind: 'liveproof-lip-map',
    version: 1,
    inputs: { melBands: MEL_BAND_COUNT, contextMs: [...AUDIO_CONTEXT_MS], mouthMeasures: [...MOUTH_MEASURES] },
    ...structuredClone(toyMap(4)),
    training: {},
  });

  it('should accept a well-formed map', () => {
    expect(LipMapSchema.safeParse(wellFormed()).success).toBe(true);
  });

  it('should refuse a map fitted on another audio context, saying so', () => {
    const map = wellFormed();
    map.inputs.contextMs = AUDIO_CONTEXT_MS.map((ms) => ms * 2);
    const result = LipMapSchema.safeParse(map);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['inputs', 'contextMs']);
    expect(result.error?.issues[0]?.message).toBe('another audio context');
  });

  it('should refuse a component whose audio weights are one short, naming the field', () => {
    const map = wellFormed();
    map.components[0]?.audio.pop();
    const result = LipMapSchema.safeParse(map);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['components', 0, 'audio']);
    expect(result.error?.issues[0]?.message).toContain(String(AUDIO_INPUT_COUNT));
  });

  it('should refuse audio means of the wrong length', () => {
    const map = wellFormed();
    map.audioMean.push(0);
    const result = LipMapSchema.safeParse(map);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['audioMean']);
    expect(result.error?.issues[0]?.message).toContain(String(AUDIO_INPUT_COUNT));
  });
});
