/**
 * Where to cut the face descriptor's input from a frame: dlib's face chip (the alignment its face
 * recognition network was trained on; `get_face_chip_details(shape, 150, 0.25)`), computed from
 * the MediaPipe landmarks instead of dlib's 68 points. The chip maps dlib's mean face to fixed
 * places by the least-squares similarity transform (rotation, scale, shift) over the nose,
 * eyes and upper lip, exactly the points dlib uses.
 */
import type { FrameSize } from './face-features';

export const CHIP_SIZE = 150;
const CHIP_PADDING = 0.25;

/**
 * [MediaPipe mesh index, dlib mean-face x, y] for iBUG points 27..35 (nose), 36..47 (eyes),
 * 48..54 and 60..64 (upper lip), as in dlib's get_face_chip_details.
 */
const TEMPLATE: ReadonlyArray<readonly [number, number, number]> = [
  [168, 0.490127, 0.203352],
  [197, 0.490127, 0.307009],
  [5, 0.490127, 0.409805],
  [4, 0.490127, 0.515625],
  [98, 0.36688, 0.587326],
  [97, 0.426036, 0.609345],
  [2, 0.490127, 0.628106],
  [326, 0.554217, 0.609345],
  [327, 0.613373, 0.587326],
  [33, 0.121737, 0.216423],
  [160, 0.187122, 0.178758],
  [158, 0.265825, 0.179852],
  [133, 0.334606, 0.231733],
  [153, 0.260918, 0.245099],
  [144, 0.182743, 0.244077],
  [362, 0.645647, 0.231733],
  [385, 0.714428, 0.179852],
  [387, 0.793132, 0.178758],
  [263, 0.858516, 0.216423],
  [373, 0.79751, 0.244077],
  [380, 0.719335, 0.245099],
  [61, 0.254149, 0.780233],
  [39, 0.340985, 0.745405],
  [37, 0.428858, 0.727388],
  [0, 0.490127, 0.742578],
  [267, 0.551395, 0.727388],
  [269, 0.639268, 0.745405],
  [291, 0.726104, 0.780233],
  [78, 0.290379, 0.784792],
  [82, 0.428096, 0.778746],
  [13, 0.490127, 0.785343],
  [312, 0.552157, 0.778746],
  [308, 0.689874, 0.784792],
];

const toChip = (value: number) => ((CHIP_PADDING + value) / (2 * CHIP_PADDING + 1)) * CHIP_SIZE;

/**
 * A similarity transform from frame pixels to chip pixels, in the order of a canvas's
 * setTransform(a, b, c, d, e, f): x' = a x + c y + e, y' = b x + d y + f.
 */
export interface ChipTransform {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
  /** Chip pixels per frame pixel: above ~2.5 the chip is an upscaled blur of a small face. */
  scale: number;
}

/** The chip transform for a face's landmarks (x, y in 0..1 of `frame`), or null for a degenerate fit. */
export function chipTransform(landmarks: Float32Array, frame: FrameSize): ChipTransform | null {
  const n = TEMPLATE.length;
  let px = 0;
  let py = 0;
  let qx = 0;
  let qy = 0;
  const source = TEMPLATE.map(([index]) => [
    (landmarks[index * 3] as number) * frame.width,
    (landmarks[index * 3 + 1] as number) * frame.height,
  ]);
  source.forEach(([x, y], i) => {
    const [, tx, ty] = TEMPLATE[i] as readonly [number, number, number];
    px += x as number;
    py += y as number;
    qx += toChip(tx);
    qy += toChip(ty);
  });
  px /= n;
  py /= n;
  qx /= n;
  qy /= n;
  // Umeyama's closed form in 2-D: the rotation-scale [[a, -b], [b, a]] minimising the squared error.
  let dot = 0;
  let cross = 0;
  let norm = 0;
  source.forEach(([x, y], i) => {
    const [, tx, ty] = TEMPLATE[i] as readonly [number, number, number];
    const sx = (x as number) - px;
    const sy = (y as number) - py;
    const dx = toChip(tx) - qx;
    const dy = toChip(ty) - qy;
    dot += sx * dx + sy * dy;
    cross += sx * dy - sy * dx;
    norm += sx * sx + sy * sy;
  });
  if (!(norm > 0)) return null;
  const a = dot / norm;
  const b = cross / norm;
  const scale = Math.hypot(a, b);
  if (!Number.isFinite(scale) || scale === 0) return null;
  return { a, b, c: -b, d: a, e: qx - (a * px - b * py), f: qy - (b * px + a * py), scale };
}

/** Where `transform` sends a frame point, chip pixels. */
export function toChipPoint(transform: ChipTransform, x: number, y: number): [number, number] {
  return [transform.a * x + transform.c * y + transform.e, transform.b * x + transform.d * y + transform.f];
}

/** The template's place in the chip for a mesh index listed in it (tests and overlays). */
export function chipTemplatePoint(meshIndex: number): [number, number] | null {
  const entry = TEMPLATE.find(([index]) => index === meshIndex);
  return entry ? [toChip(entry[1]), toChip(entry[2])] : null;
}
