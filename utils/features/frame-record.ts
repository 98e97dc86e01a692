/**
 * What one analysed frame gives the analyzers, built the same way from a recording's frames and
 * from a live call's: the mouth for lip sync and the face sample for the face checks.
 */
import type { FaceFeatures } from './face-features';
import { toFaceSample, type FaceSample } from './face-sample';
import type { MouthSeries } from './signals';

export interface FrameRecord {
  /** Frame time, ms: the media clock for recordings, the pipeline clock live. */
  timeMs: number;
  /** Inner-lip gap over eye-corner distance; NaN where the mouth was not seen (no face, or hidden). */
  mouthOpen: number;
  /** The jawOpen blendshape, 0..1; NaN where the mouth was not seen. */
  jawOpen: number;
  face: FaceSample;
}

/**
 * The record of one frame's features. `faceCount` and `otherDescriptors`, when given, replace
 * what the analysed picture showed (live, the tracker sees one face in a crop and the other
 * faces come from layout scans).
 */
export function toFrameRecord(
  features: FaceFeatures,
  thumb: Uint8Array | null,
  faceCount?: number,
  otherDescriptors?: Float32Array[],
): FrameRecord {
  const seenSample = toFaceSample(features, thumb);
  const sample = otherDescriptors ? { ...seenSample, otherDescriptors } : seenSample;
  const primary = features.primary;
  const seen = primary !== null && primary.mouthVisible;
  return {
    timeMs: features.timestampMs,
    mouthOpen: seen ? primary.mouthOpen : Number.NaN,
    jawOpen: seen ? primary.blendshapes.jawOpen : Number.NaN,
    face: faceCount === undefined ? sample : { ...sample, faceCount },
  };
}

/** The mouth of records in time order, as the series lip sync reads. */
export function mouthSeriesOf(records: readonly FrameRecord[]): MouthSeries {
  return {
    timesMs: Float64Array.from(records, (record) => record.timeMs),
    open: Float32Array.from(records, (record) => record.mouthOpen),
    jawOpen: Float32Array.from(records, (record) => record.jawOpen),
  };
}
