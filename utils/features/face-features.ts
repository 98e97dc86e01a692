import type { FaceObservation, FrameLandmarks } from '@/utils/features/landmarks';
import { BLENDSHAPE_NAMES, type BlendshapeName } from '@/utils/features/landmarks';
import { HEAD_POSE, LIP_SYNC } from '@/utils/common/thresholds';

/** Face mesh landmark indices used here (MediaPipe canonical face mesh). */
export const LM = {
  upperInnerLip: [13, 82, 312],
  lowerInnerLip: [14, 87, 317],
  mouthCornerRight: 61,
  mouthCornerLeft: 291,
  upperLipTop: 0,
  lowerLipBottom: 17,
  chin: 152,
  eyeOuterRight: 33,
  eyeOuterLeft: 263,
  /**
   * Points that expressions barely move (eye corners, nose bridge and tip, nostrils, temples,
   * forehead): their pose-normalised layout is the face's geometry, for identity and jitter.
   */
  rigid: [33, 133, 362, 263, 168, 6, 1, 2, 98, 327, 127, 356, 234, 454, 10, 151],
  /** Forehead centre and the two cheeks: skin for the pulse signal. */
  skinPatches: [151, 50, 280],
  /** Pairs of outer and inner lip points: halfway between them is lip (upper middle and sides, lower likewise). */
  lipBody: [
    [0, 13],
    [37, 82],
    [267, 312],
    [17, 14],
    [84, 87],
    [314, 317],
  ],
  /** Skin between nose and upper lip, and the chin's middle: what a hand over the mouth covers with the lips. */
  aboveLip: 164,
  chinMiddle: 200,
  foreheadCentre: 151,
  /** The face outline, around from the forehead top (MediaPipe FACEMESH_FACE_OVAL). */
  faceOval: [
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150,
    136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
  ],
} as const;

export interface Box {
  /** Pixels in the analysed frame. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HeadPose {
  /** Degrees; positive yaw = the face turns to the camera's right (the person's left). */
  yawDeg: number;
  /** Degrees; positive pitch = chin up. */
  pitchDeg: number;
  /** Degrees; positive roll = head tilts clockwise as seen by the camera. */
  rollDeg: number;
}

export interface FaceFeatures {
  timestampMs: number;
  faceCount: number;
  /** Boxes of every face, largest first. */
  boxes: Box[];
  /** Features of the primary (largest) face; null when no face was found. */
  primary: PrimaryFaceFeatures | null;
  /** Identity descriptor of each face in `boxes` order; null where not computed (see FaceObservation.descriptor). */
  descriptors: (Float32Array | null)[];
}

export interface PrimaryFaceFeatures {
  box: Box;
  pose: HeadPose;
  /** Inner-lip gap divided by the outer eye-corner distance (0 = closed, ~0.3+ wide open). */
  mouthOpen: number;
  /** Mouth-corner distance divided by the outer eye-corner distance. */
  mouthWidth: number;
  /** Outer eye-corner distance, px; the face scale used for normalising. */
  eyeDistancePx: number;
  /**
   * Whether the mouth can be seen: inside the image and not a flat patch (see LIP_SYNC
   * minMouthLumaStd). A mouth cut off by a tile border or covered is guessed by the mesh, and
   * guesses must not count as lip movement.
   */
  mouthVisible: boolean;
  /** Luma standard deviation inside the mouth's box, 0..255; NaN where not measured. */
  mouthLumaStd: number;
  /** Share of flat pixel rows in the mouth's box, 0..1; NaN where not measured. */
  mouthFlatRowShare: number;
  blendshapes: Pick<Record<BlendshapeName, number>, (typeof FEATURE_BLENDSHAPES)[number]>;
  /** LM.rigid points, pose-normalised (see poseNormalisedShape), x y z each. */
  rigidShape: Float32Array;
  /** Forehead and cheek colour (see FaceObservation.skinRgb); null where not measured. */
  skinRgb: [number, number, number] | null;
  /** See FaceObservation.lowerFaceTone; null where not measured. */
  lowerFaceTone: number[] | null;
  /** The face's inner ring against its rim (see FaceObservation.seam); null where not measured. */
  seam: NonNullable<FaceObservation['seam']> | null;
  /** Identity descriptor (see FaceObservation.descriptor); null where not computed on this frame. */
  descriptor: Float32Array | null;
}

/** Jaw, mouth and eye blendshapes carried into the features. */
export const FEATURE_BLENDSHAPES = [
  'jawOpen',
  'mouthClose',
  'mouthFunnel',
  'mouthPucker',
  'mouthLowerDownLeft',
  'mouthLowerDownRight',
  'mouthUpperUpLeft',
  'mouthUpperUpRight',
  'mouthRollLower',
  'mouthRollUpper',
  'mouthPressLeft',
  'mouthPressRight',
  'mouthStretchLeft',
  'mouthStretchRight',
  'mouthShrugLower',
  'mouthShrugUpper',
  'eyeBlinkLeft',
  'eyeBlinkRight',
] as const satisfies readonly BlendshapeName[];

const BLENDSHAPE_INDEX = new Map<string, number>(BLENDSHAPE_NAMES.map((name, index) => [name, index]));

export interface FrameSize {
  width: number;
  height: number;
}

function point(face: FaceObservation, index: number, size: FrameSize): [number, number, number] {
  const l = face.landmarks;
  // x, y are 0..1 of width and height; z is in the same scale as x.
  return [
    (l[index * 3] as number) * size.width,
    (l[index * 3 + 1] as number) * size.height,
    (l[index * 3 + 2] as number) * size.width,
  ];
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(
    (a[0] as number) - (b[0] as number),
    (a[1] as number) - (b[1] as number),
    (a[2] as number) - (b[2] as number),
  );
}

/** Bounding box of a face's landmarks, px. */
export function faceBox(face: FaceObservation, size: FrameSize): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < face.landmarks.length; i += 3) {
    const x = (face.landmarks[i] as number) * size.width;
    const y = (face.landmarks[i + 1] as number) * size.height;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

const toDeg = (radians: number) => (radians * 180) / Math.PI;

/**
 * Head pose from MediaPipe's facial transformation matrix (column-major 4x4, canonical face to
 * camera space). Euler angles in Y (yaw), X (pitch), Z (roll) order.
 */
export function headPoseFromMatrix(m: ArrayLike<number>): HeadPose {
  // Column-major: element (row r, column c) is m[c * 4 + r].
  const r = (row: number, col: number) => m[col * 4 + row] as number;
  const yaw = Math.atan2(r(0, 2), r(2, 2));
  const pitch = Math.asin(Math.max(-1, Math.min(1, -r(1, 2))));
  const roll = Math.atan2(r(1, 0), r(1, 1));
  return { yawDeg: toDeg(yaw), pitchDeg: toDeg(pitch), rollDeg: toDeg(roll) };
}

/**
 * The head's yaw in true degrees: the matrix's yaw reads short of it (HEAD_POSE.yawGain). Turn
 * challenges judge and report this; the near-frontal gates keep the matrix's own scale, which
 * their thresholds were set on.
 */
export const calibratedYawDeg = (pose: HeadPose): number =>
  Math.max(-90, Math.min(90, pose.yawDeg * HEAD_POSE.yawGain));

function meanGap(face: FaceObservation, size: FrameSize): number {
  let sum = 0;
  LM.upperInnerLip.forEach((upper, i) => {
    sum += distance(point(face, upper, size), point(face, LM.lowerInnerLip[i] as number, size));
  });
  return sum / LM.upperInnerLip.length;
}

function primaryFeatures(face: FaceObservation, box: Box, size: FrameSize): PrimaryFaceFeatures {
  const eyeDistancePx = distance(point(face, LM.eyeOuterRight, size), point(face, LM.eyeOuterLeft, size));
  const mouthWidthPx = distance(point(face, LM.mouthCornerRight, size), point(face, LM.mouthCornerLeft, size));
  const blendshapes = Object.fromEntries(
    FEATURE_BLENDSHAPES.map((name) => [name, face.blendshapes[BLENDSHAPE_INDEX.get(name) as number] ?? 0]),
  ) as PrimaryFaceFeatures['blendshapes'];
  return {
    box,
    pose: headPoseFromMatrix(face.transform),
    mouthOpen: eyeDistancePx > 0 ? meanGap(face, size) / eyeDistancePx : 0,
    mouthWidth: eyeDistancePx > 0 ? mouthWidthPx / eyeDistancePx : 0,
    eyeDistancePx,
    blendshapes,
    mouthVisible:
      mouthRegion(face, size) !== null &&
      !((face.mouthLumaStd ?? Infinity) < LIP_SYNC.minMouthLumaStd) &&
      !((face.mouthFlatRowShare ?? 0) > LIP_SYNC.maxMouthFlatRowShare),
    mouthLumaStd: face.mouthLumaStd ?? Number.NaN,
    mouthFlatRowShare: face.mouthFlatRowShare ?? Number.NaN,
    rigidShape: poseNormalisedShape(face, size, LM.rigid),
    skinRgb: face.skinRgb ?? null,
    lowerFaceTone: face.lowerFaceTone ?? null,
    descriptor: face.descriptor ?? null,
    seam: face.seam ?? null,
  };
}

/**
 * The mouth's box in the analysed image: corner to corner, from the upper-lip top to halfway
 * between the lower-lip bottom and the chin (so a border just under the lower lip is inside it),
 * px; null when it is not wholly inside the image (the mesh then guesses where the mouth is).
 */
export function mouthRegion(face: FaceObservation, size: FrameSize): Box | null {
  const [left] = point(face, LM.mouthCornerRight, size);
  const [right] = point(face, LM.mouthCornerLeft, size);
  const [, top] = point(face, LM.upperLipTop, size);
  const [, lipBottom] = point(face, LM.lowerLipBottom, size);
  const [, chin] = point(face, LM.chin, size);
  const bottom = lipBottom + (chin - lipBottom) / 2;
  const box = {
    x: Math.min(left, right),
    y: Math.min(top, bottom),
    width: Math.abs(right - left),
    height: Math.abs(bottom - top),
  };
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;
  return inside && box.width >= 1 && box.height >= 1 ? box : null;
}

/** Standard deviation of luma (Rec. 601, 0..255) over the RGBA pixels `fromPixel` up to `toPixel`. */
export function lumaStd(rgba: ArrayLike<number>, fromPixel = 0, toPixel = Math.floor(rgba.length / 4)): number {
  const count = toPixel - fromPixel;
  if (count <= 0) return Number.NaN;
  let sum = 0;
  let sumSquares = 0;
  for (let i = fromPixel; i < toPixel; i++) {
    const luma =
      0.299 * (rgba[i * 4] as number) + 0.587 * (rgba[i * 4 + 1] as number) + 0.114 * (rgba[i * 4 + 2] as number);
    sum += luma;
    sumSquares += luma * luma;
  }
  const mean = sum / count;
  return Math.sqrt(Math.max(0, sumSquares / count - mean * mean));
}

/**
 * Share (0..1) of pixel rows of an RGBA image (`width` px wide) whose luma barely varies (std
 * under `maxRowStd`): the flat band of a tile border or an empty tile crossing a mouth box. Every
 * row across a visible mouth crosses lips, skin or teeth.
 */
export function flatRowShare(rgba: ArrayLike<number>, width: number, maxRowStd: number): number {
  const rows = Math.floor(rgba.length / 4 / width);
  if (rows === 0) return Number.NaN;
  let flat = 0;
  for (let row = 0; row < rows; row++) {
    if (lumaStd(rgba, row * width, (row + 1) * width) < maxRowStd) flat++;
  }
  return flat / rows;
}

/** Per-frame features of one landmarker result (pure). The largest face is the primary one. */
export function extractFaceFeatures(frame: FrameLandmarks, size: FrameSize): FaceFeatures {
  const ranked = frame.faces
    .map((face) => ({ face, box: faceBox(face, size) }))
    .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  const first = ranked[0];
  return {
    timestampMs: frame.timestampMs,
    faceCount: frame.faces.length,
    boxes: ranked.map((entry) => entry.box),
    primary: first ? primaryFeatures(first.face, first.box, size) : null,
    descriptors: ranked.map(({ face }) => face.descriptor ?? null),
  };
}

/**
 * Landmarks of a face (all, or those at `indices`) with translation, scale and head rotation
 * removed: centred on their mean, divided by the eye-corner distance and rotated back by the pose
 * matrix (x, y, z per point).
 */
export function poseNormalisedShape(face: FaceObservation, size: FrameSize, indices?: readonly number[]): Float32Array {
  const count = indices ? indices.length : face.landmarks.length / 3;
  const points = new Float64Array(count * 3);
  const mean = [0, 0, 0];
  for (let i = 0; i < count; i++) {
    const [x, y, z] = point(face, indices ? (indices[i] as number) : i, size);
    // Image y grows downwards; flip it so axes match the canonical face (y up, z towards camera).
    points[i * 3] = x;
    points[i * 3 + 1] = -y;
    points[i * 3 + 2] = -z;
    mean[0] = (mean[0] as number) + x / count;
    mean[1] = (mean[1] as number) - y / count;
    mean[2] = (mean[2] as number) - z / count;
  }
  const scale = distance(point(face, LM.eyeOuterRight, size), point(face, LM.eyeOuterLeft, size)) || 1;
  const m = face.transform;
  const r = (row: number, col: number) => (m.length === 16 ? (m[col * 4 + row] as number) : row === col ? 1 : 0);
  const shape = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    const v = [0, 1, 2].map((k) => ((points[i * 3 + k] as number) - (mean[k] as number)) / scale);
    // Rotate back by R^T (the inverse of a rotation).
    for (let row = 0; row < 3; row++) {
      shape[i * 3 + row] = r(0, row) * (v[0] as number) + r(1, row) * (v[1] as number) + r(2, row) * (v[2] as number);
    }
  }
  return shape;
}
