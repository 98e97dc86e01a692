/** Plain landmark data shared by the engine, the analyzers and the UI (no MediaPipe types). */

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
   * The face's skin seam, measured on a ring well inside the face outline and on a ring at its
   * rim: mean luma gradient (0..255 per sample px) and mean chroma (Cb, Cr) of each.
   */
  seam?: { innerGradient: number; rimGradient: number; innerChroma: [number, number]; rimChroma: [number, number] };
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
}

/** Side of the frame thumbnail, px. */
export const THUMB_SIDE = 32;

export type Delegate = 'CPU' | 'GPU';

export interface LandmarkerOptions {
  delegate: Delegate;
  /** Most faces reported per frame; more than one so extra faces can be flagged. */
  maxFaces: number;
  /**
   * 'video' tracks a face from frame to frame (one stream, increasing timestamps); 'image'
   * treats every frame on its own, for unrelated crops such as a layout scan.
   */
  mode: 'video' | 'image';
  /** Blendshape scores too (a second model per face); a layout scan needs only the landmarks. */
  blendshapes: boolean;
  /** The worker's pixel measures for the face checks (utils/engine/face-pixels.ts); a layout scan needs none. */
  pixelMeasures: boolean;
}

export const DEFAULT_LANDMARKER_OPTIONS: LandmarkerOptions = { delegate: 'CPU', maxFaces: 4, mode: 'video', blendshapes: true, pixelMeasures: true };

/**
 * What a landmarker worker is for. `recording`: every face of a decoded recording, frame after
 * frame. `tracker`: the live candidate's crop; one face, because the model skips its face
 * detector while it tracks as many faces as it may report (seen: about 2x faster per frame).
 * `scanner`: unrelated regions of a call's layout, up to four faces each, boxes only.
 */
export type LandmarkerRole = 'recording' | 'tracker' | 'scanner';

export const ROLE_OPTIONS: Record<LandmarkerRole, Pick<LandmarkerOptions, 'mode' | 'maxFaces' | 'blendshapes' | 'pixelMeasures'>> = {
  recording: { mode: 'video', maxFaces: 4, blendshapes: true, pixelMeasures: true },
  tracker: { mode: 'video', maxFaces: 1, blendshapes: true, pixelMeasures: true },
  scanner: { mode: 'image', maxFaces: 4, blendshapes: false, pixelMeasures: false },
};

/** Where the engine's files are, as URLs inside the extension. */
export interface EngineAssets {
  wasmLoaderUrl: string;
  wasmBinaryUrl: string;
  modelUrl: string;
}

export interface LandmarkerInfo {
  delegate: Delegate;
  /** Time from init() to a ready model, ms. */
  loadMs: number;
  modelName: string;
  modelVersion: string;
  libraryVersion: string;
}
