/**
 * What one analysed frame gives the analyzers, built the same way from a recording's frames and
 * from a live call's: the mouth for lip sync and the face sample for the face checks.
 */
import type { FaceFeatures } from './face-features';
import { toFaceSample, type FaceSample } from './face-sample';
import { MOUTH_MEASURE_COUNT, mouthMeasuresOf } from './mouth-measures';
import type { MouthSeries } from './signals';

export interface FrameRecord {
  /** Frame time, ms: the media clock for recordings, the pipeline clock live. */
  timeMs: number;
  /** Inner-lip gap over eye-corner distance; NaN where the mouth was not seen (no face, or hidden). */
  mouthOpen: number;
  /** The jawOpen blendshape, 0..1; NaN where the mouth was not seen. */
  jawOpen: number;
  /** The mouth's shape (utils/features/mouth-measures.ts); null where the mouth was not seen. */
  mouthMeasures: Float32Array | null;
  face: FaceSample;
}

/**
 * What a live call knows of a frame beyond the tracker's crop: the faces counted and described by
 * layout scans, and the faces read beside the candidate's while a photo-ID answer was open.
 */
export type LiveFrameFaces = Pick<FaceSample, 'faceCount' | 'otherDescriptors' | 'idPhotoDescriptors'>;

/**
 * The record of one frame's features. `live`, when given, replaces the faces the analysed
 * picture showed (live, the tracker sees one face in a crop).
 */
export function toFrameRecord(features: FaceFeatures, thumb: Uint8Array | null, live?: LiveFrameFaces): FrameRecord {
  const seenSample = toFaceSample(features, thumb);
  const sample = live ? { ...seenSample, ...live } : seenSample;
  const primary = features.primary;
  const seen = primary !== null && primary.mouthVisible;
  return {
    timeMs: features.timestampMs,
    mouthOpen: seen ? primary.mouthOpen : Number.NaN,
    jawOpen: seen ? primary.blendshapes.jawOpen : Number.NaN,
    mouthMeasures: seen ? mouthMeasuresOf(primary) : null,
    face: sample,
  };
}

/** The mouth of records in time order, as the series lip sync reads. */
export function mouthSeriesOf(records: readonly FrameRecord[]): MouthSeries {
  const measures = new Float32Array(records.length * MOUTH_MEASURE_COUNT).fill(Number.NaN);
  records.forEach((record, i) => {
    if (record.mouthMeasures) measures.set(record.mouthMeasures, i * MOUTH_MEASURE_COUNT);
  });
  return {
    timesMs: Float64Array.from(records, (record) => record.timeMs),
    open: Float32Array.from(records, (record) => record.mouthOpen),
    jawOpen: Float32Array.from(records, (record) => record.jawOpen),
    measures,
  };
}
