/** What the landmarker gives per frame, as plain data shared by the engine and the features (no MediaPipe types). */

/** Landmarks per face in the MediaPipe Face Landmarker v1 mesh (468 + 10 iris). */
export const LANDMARK_COUNT = 478;
/** ARKit-style blendshape names, in the order of FaceObservation.blendshapes (the model's order). */
export const BLENDSHAPE_NAMES = [
  '_neutral',
  'browDownLeft',
  'browDownRight',
  'browInnerUp',
  'browOuterUpLeft',
  'browOuterUpRight',
  'cheekPuff',
  'cheekSquintLeft',
  'cheekSquintRight',
  'eyeBlinkLeft',
  'eyeBlinkRight',
  'eyeLookDownLeft',
  'eyeLookDownRight',
  'eyeLookInLeft',
  'eyeLookInRight',
  'eyeLookOutLeft',
  'eyeLookOutRight',
  'eyeLookUpLeft',
  'eyeLookUpRight',
  'eyeSquintLeft',
  'eyeSquintRight',
  'eyeWideLeft',
  'eyeWideRight',
  'jawForward',
  'jawLeft',
  'jawOpen',
  'jawRight',
  'mouthClose',
  'mouthDimpleLeft',
  'mouthDimpleRight',
  'mouthFrownLeft',
  'mouthFrownRight',
  'mouthFunnel',
  'mouthLeft',
  'mouthLowerDownLeft',
  'mouthLowerDownRight',
  'mouthPressLeft',
  'mouthPressRight',
  'mouthPucker',
  'mouthRight',
  'mouthRollLower',
  'mouthRollUpper',
  'mouthShrugLower',
  'mouthShrugUpper',
  'mouthSmileLeft',
  'mouthSmileRight',
  'mouthStretchLeft',
  'mouthStretchRight',
  'mouthUpperUpLeft',
  'mouthUpperUpRight',
  'noseSneerLeft',
  'noseSneerRight',
] as const;

export type BlendshapeName = (typeof BLENDSHAPE_NAMES)[number];

export const BLENDSHAPE_COUNT = BLENDSHAPE_NAMES.length;

export interface FaceObservation {
  /** x, y in 0..1 of the frame, z in the same scale as x; LANDMARK_COUNT * 3 values. */
  landmarks: Float32Array;
  /** Blendshape scores 0..1 in BLENDSHAPE_NAMES order (the model reports BLENDSHAPE_COUNT). */
  blendshapes: Float32Array;
  /** Column-major 4x4 facial transformation matrix (canonical face to camera space, cm). */
  transform: Float32Array;
  /**
   * Luma standard deviation (0..255) of the image inside the mouth's box, measured by the worker
   * on the frame it analysed; absent when not measured. Near 0: a flat patch, not a mouth.
   */
  mouthLumaStd?: number;
  /** Share (0..1) of pixel rows in that box that are flat (a border or empty tile crossing it). */
  mouthFlatRowShare?: number;
  /** Mean red, green, blue (0..255) of forehead and cheek skin, for the pulse signal. */
  skinRgb?: [number, number, number];
  /**
   * Colour (luma, Cb, Cr; 0..255 scale) of the lips, the skin above them and the chin, each minus
   * the forehead's (LM.lipBody, aboveLip, chinMiddle, foreheadCentre): a hand over the mouth
   * breaks it (utils/analyzers/face/cover.ts).
   */
  lowerFaceTone?: number[];
  /**
   * The face's skin seam, measured on a ring well inside the face outline and on a ring at its
   * rim: mean luma gradient (0..255 per sample px) and mean chroma (Cb, Cr) of each.
   */
  seam?: { innerGradient: number; rimGradient: number; innerChroma: [number, number]; rimChroma: [number, number] };
  /**
   * The face's identity descriptor (128 numbers; the Euclidean distance between two faces says
   * how alike they are), on frames the caller asked it for and where the face was large enough.
   * Identity only: no model here gives age, gender or emotion.
   */
  descriptor?: Float32Array;
}

export interface FrameLandmarks {
  /** Frame time on the caller's clock, ms. */
  timestampMs: number;
  faces: FaceObservation[];
  /** Time the model took on this frame, ms. */
  detectMs: number;
  /**
   * The whole analysed frame shrunk to THUMB_SIDE x THUMB_SIDE luma (0..255), row by row, for
   * freeze and loop checks (the whole frame: a face's region follows its landmarks, which drift
   * slightly even over identical frames); absent when not measured.
   */
  thumb?: Uint8Array;
  /** Time the worker spent measuring pixels of this frame (mouths, skin, seam, thumb), ms. */
  pixelsMs?: number;
  /** Time the worker spent cutting chips and computing descriptors on this frame, ms (asked-for frames only). */
  describeMs?: number;
  /** The worker's whole time on this frame (model, pixel measures, descriptor), ms. */
  workMs?: number;
}

/** Side of the frame thumbnail, px. */
export const THUMB_SIDE = 32;
