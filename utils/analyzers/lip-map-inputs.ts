/**
 * What the learned audio-to-mouth map (lip-map.ts) reads, and the shape of its weights file (pure;
 * the training script builds its data with the same functions).
 *
 * Both sides are band-passed to the syllabic band on the 10 ms grid (as the envelope method
 * does), the mouth measures standardised per stretch (speaker-independent: only how they move
 * together counts, not their size), the audio with the training set's means and deviations.
 */
import { z } from 'zod';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';
import { MOUTH_MEASURES, MOUTH_MEASURE_COUNT } from '@/utils/features/mouth-measures';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import {
  bandPass,
  framesAround,
  GRID_MS,
  hopsOnGrid,
  measureColumns,
  mouthOnGrid,
  standardised,
} from './lip-sync-grid';

/** Times of the audio context around each moment, ms. */
export const AUDIO_CONTEXT_MS = [-200, -160, -120, -80, -40, 0, 40, 80, 120, 160, 200] as const;
export const AUDIO_INPUT_COUNT = AUDIO_CONTEXT_MS.length * MEL_BAND_COUNT;
/** Band levels below this are all silence alike, dB. */
const BAND_FLOOR_DB = -100;
const CONTEXT_PAD = Math.max(...AUDIO_CONTEXT_MS.map(Math.abs)) / GRID_MS;

const vector = (length: number) => z.array(z.number()).length(length);

export const LipMapSchema = z.object({
  kind: z.literal('liveproof-lip-map'),
  version: z.number().int().positive(),
  inputs: z.object({
    melBands: z.literal(MEL_BAND_COUNT),
    contextMs: z.array(z.number()).refine((ms) => ms.join() === AUDIO_CONTEXT_MS.join(), 'another audio context'),
    mouthMeasures: z.array(z.string()).refine((names) => names.join() === MOUTH_MEASURES.join(), 'other measures'),
  }),
  audioMean: vector(AUDIO_INPUT_COUNT),
  audioStd: vector(AUDIO_INPUT_COUNT),
  /** Canonical pairs, strongest first: audio weights predict the mouth measures' weighted sum. */
  components: z
    .array(
      z.object({
        audio: vector(AUDIO_INPUT_COUNT),
        mouth: vector(MOUTH_MEASURE_COUNT),
        trainingCorrelation: z.number(),
      }),
    )
    .min(1),
  /** How it was made and how it did on speakers it never saw (see scripts/train-lip-map.mjs). */
  training: z.record(z.string(), z.unknown()),
});
export type LipMap = z.infer<typeof LipMapSchema>;

/** The inputs of the map over one stretch, on the 10 ms grid from `startMs`. */
export interface MapInputs {
  length: number;
  /** Band-passed, standardised mouth measures (MOUTH_MEASURE_COUNT arrays). */
  mouth: Float64Array[];
  mouthValid: Uint8Array;
  /** Band-passed mel bands on the grid padded by the audio context on both sides. */
  bands: Float64Array[];
  bandsValid: Uint8Array;
}

/** The map's inputs over [startMs, endMs), or null when the signals carry no mouth measures or bands. */
export function mapInputs(mouth: MouthSeries, speech: SpeechSeries, startMs: number, endMs: number): MapInputs | null {
  // Only the frames around this stretch are copied: a long recording has hundreds of windows.
  const [from, to] = framesAround(mouth.timesMs, startMs, endMs);
  const columns = measureColumns(mouth, MOUTH_MEASURE_COUNT, from, to);
  const allBands = speech.bands;
  if (!columns || !allBands) return null;
  const length = Math.max(0, Math.floor((endMs - startMs) / GRID_MS));
  const seen = mouthOnGrid(mouth.timesMs.subarray(from, to), columns, startMs, length);
  const padded = length + 2 * CONTEXT_PAD;
  const hops = hopsOnGrid(speech, startMs - CONTEXT_PAD * GRID_MS, padded);
  const bandsValid = Uint8Array.from(hops, (hop) => (hop >= 0 ? 1 : 0));
  const bands = Array.from({ length: MEL_BAND_COUNT }, (_, band) => {
    const raw = Float64Array.from(hops, (hop) =>
      hop >= 0 ? Math.max(BAND_FLOOR_DB, allBands[hop * MEL_BAND_COUNT + band] as number) : 0,
    );
    return bandPass(raw, bandsValid);
  });
  return {
    length,
    mouth: seen.channels.map((channel) => standardised(bandPass(channel, seen.valid), seen.valid)),
    mouthValid: seen.valid,
    bands,
    bandsValid,
  };
}

/** The audio context of grid point `i` into `row` (AUDIO_INPUT_COUNT values); false where sound is missing. */
export function audioRow(inputs: MapInputs, i: number, row: Float64Array): boolean {
  let k = 0;
  for (const offsetMs of AUDIO_CONTEXT_MS) {
    const at = i + CONTEXT_PAD + offsetMs / GRID_MS;
    if (!inputs.bandsValid[at]) return false;
    for (const band of inputs.bands) row[k++] = band[at] as number;
  }
  return true;
}
