/**
 * One analysed frame as the face-consistency analyzers read it (plain numbers and typed arrays,
 * no model types), built the same way for recordings and live calls.
 */
import { PRESENCE } from '@/utils/common/thresholds';
import type { FaceFeatures, HeadPose } from './face-features';

export interface CandidateFace {
  pose: HeadPose;
  /** LM.rigid points, pose-normalised (eye-corner distance = 1). */
  rigidShape: Float32Array;
  eyeDistancePx: number;
  /** Centre of the face box, px of the analysed frame. */
  centreX: number;
  centreY: number;
  /** Mean of the eyeBlinkLeft and eyeBlinkRight blendshapes, 0..1. */
  blink: number;
  /** Whether the mouth was really seen (see PrimaryFaceFeatures.mouthVisible): a hand over it hides it. */
  mouthVisible: boolean;
  skinRgb: [number, number, number] | null;
  /** Lips, above-lip skin and chin against the forehead (FaceObservation.lowerFaceTone); null where not measured. */
  lowerFaceTone: number[] | null;
  /** Inner-ring luma gradient over the rim's; NaN where not measured. */
  seamGradientRatio: number;
  /** Chroma distance (Cb, Cr; 0..255 scale) between the inner ring and the rim; NaN where not measured. */
  seamChromaDelta: number;
  /** Identity descriptor; null on frames it was not computed on. */
  descriptor: Float32Array | null;
}

export interface FaceSample {
  timeMs: number;
  /** Faces at least PRESENCE.minOtherFaceShare as wide as the candidate's (the candidate counted). */
  faceCount: number;
  /** The candidate's face (the largest), or null when no face was found. */
  face: CandidateFace | null;
  /** Luma thumbnail of the analysed frame (THUMB_SIDE square), or null where not measured. */
  thumb: Uint8Array | null;
  /** Identity descriptors of the other faces in the picture, on frames they were computed on. */
  otherDescriptors: Float32Array[];
  /**
   * Faces read beside the candidate's while a photo-ID answer was open (live only): the ID's,
   * expected to look like the candidate, so never a look-alike finding.
   */
  idPhotoDescriptors?: Float32Array[];
}

/** The face-consistency sample of one frame's features (pure). */
export function toFaceSample(features: FaceFeatures, thumb: Uint8Array | null): FaceSample {
  const primary = features.primary;
  const width = primary?.box.width ?? 0;
  const faceCount = primary
    ? features.boxes.filter((box) => box.width >= width * PRESENCE.minOtherFaceShare).length
    : 0;
  const otherDescriptors = features.descriptors.slice(1).filter((d): d is Float32Array => d !== null);
  if (!primary) return { timeMs: features.timestampMs, faceCount, face: null, thumb, otherDescriptors };
  const seam = primary.seam;
  return {
    timeMs: features.timestampMs,
    faceCount,
    thumb,
    otherDescriptors,
    face: {
      pose: primary.pose,
      rigidShape: primary.rigidShape,
      eyeDistancePx: primary.eyeDistancePx,
      centreX: primary.box.x + primary.box.width / 2,
      centreY: primary.box.y + primary.box.height / 2,
      blink: (primary.blendshapes.eyeBlinkLeft + primary.blendshapes.eyeBlinkRight) / 2,
      mouthVisible: primary.mouthVisible,
      skinRgb: primary.skinRgb,
      lowerFaceTone: primary.lowerFaceTone,
      seamGradientRatio: seam && seam.rimGradient > 0 ? seam.innerGradient / seam.rimGradient : Number.NaN,
      seamChromaDelta: seam
        ? Math.hypot(seam.innerChroma[0] - seam.rimChroma[0], seam.innerChroma[1] - seam.rimChroma[1])
        : Number.NaN,
      descriptor: primary.descriptor,
    },
  };
}
