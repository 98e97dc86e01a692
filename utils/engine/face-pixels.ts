/**
 * Pixel measures taken in the landmarker worker on the very frame the model analysed: the mouth
 * box's contrast (is the mouth really seen?), forehead and cheek colour (pulse), the face's inner
 * ring against its rim (pasted-face seams) and a luma thumbnail of the whole frame (freezes and
 * loops). The frame is drawn and read back once, at most SAMPLE_SIDE px on its long side, and
 * every measure is taken from that copy: drawing a video frame and reading a canvas back are the
 * expensive steps (seen: 2 to 3 ms each on a 2-core laptop).
 */
import { FACE_SEAM, LIP_SYNC } from '@/utils/common/thresholds';
import { flatRowShare, LM, lumaStd, mouthRegion, type Box, type FrameSize } from '@/utils/features/face-features';
import {
  boxResample,
  chromaOf,
  lumaOf,
  lumaThumb,
  meanRgb,
  seamMeasure,
  type Rgba,
} from '@/utils/features/pixel-measures';
import { THUMB_SIDE, type FaceObservation, type FrameLandmarks } from '@/utils/features/landmarks';

const SAMPLE_SIDE = 256;
const MOUTH_SAMPLE = { width: 24, height: 12 };

let context: OffscreenCanvasRenderingContext2D | null = null;

/** Landmark `index` in the sample's pixels. */
const pointOf = (face: FaceObservation, index: number, sample: FrameSize): [number, number] => [
  (face.landmarks[index * 3] as number) * sample.width,
  (face.landmarks[index * 3 + 1] as number) * sample.height,
];

const isInside = (box: Box, size: FrameSize) =>
  box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height;

/** Luma, Cb, Cr of a square of `side` px around a point. */
function toneAt(sample: Rgba, [x, y]: [number, number], side: number): [number, number, number] {
  const [r, g, b] = meanRgb(boxResample(sample, { x: x - side / 2, y: y - side / 2, width: side, height: side }, 2, 2));
  return [lumaOf(r, g, b), ...chromaOf(r, g, b)];
}

/**
 * The lips, the skin above them and the chin, each minus the forehead (FaceObservation.lowerFaceTone);
 * undefined when a point's square leaves the picture (clamped edge pixels are not the face).
 */
function lowerFaceTone(face: FaceObservation, sample: Rgba, side: number): number[] | undefined {
  const size = { width: sample.width, height: sample.height };
  const lipPoints = LM.lipBody.map(([outer, inner]): [number, number] => {
    const [ox, oy] = pointOf(face, outer, size);
    const [ix, iy] = pointOf(face, inner, size);
    return [(ox + ix) / 2, (oy + iy) / 2];
  });
  const [forehead, aboveLip, chin] = [LM.foreheadCentre, LM.aboveLip, LM.chinMiddle].map((index) =>
    pointOf(face, index, size),
  ) as [[number, number], [number, number], [number, number]];
  const square = ([x, y]: [number, number]) => ({ x: x - side / 2, y: y - side / 2, width: side, height: side });
  if (![...lipPoints, forehead, aboveLip, chin].every((point) => isInside(square(point), size))) return undefined;
  const lips = lipPoints.map((point) => toneAt(sample, point, side));
  const lipTone = [0, 1, 2].map((c) => lips.reduce((sum, tone) => sum + (tone[c] as number), 0) / lips.length);
  const foreheadTone = toneAt(sample, forehead, side);
  return [lipTone, toneAt(sample, aboveLip, side), toneAt(sample, chin, side)].flatMap((tone) =>
    tone.map((value, c) => value - (foreheadTone[c] as number)),
  );
}

/** Measures one face on the frame's sample (landmarks are 0..1 of the frame, so of the sample too). */
function measureFace(face: FaceObservation, sample: Rgba): void {
  const size = { width: sample.width, height: sample.height };
  const mouth = mouthRegion(face, size);
  if (mouth) {
    const pixels = boxResample(sample, mouth, MOUTH_SAMPLE.width, MOUTH_SAMPLE.height).data;
    face.mouthLumaStd = lumaStd(pixels);
    face.mouthFlatRowShare = flatRowShare(pixels, MOUTH_SAMPLE.width, LIP_SYNC.flatRowLumaStd);
  }
  const [ex, ey] = pointOf(face, LM.eyeOuterRight, size);
  const [fx, fy] = pointOf(face, LM.eyeOuterLeft, size);
  const side = Math.hypot(ex - fx, ey - fy) * FACE_SEAM.skinPatchEyeFraction;
  const patches = LM.skinPatches.map((index) => {
    const [x, y] = pointOf(face, index, size);
    return { x: x - side / 2, y: y - side / 2, width: side, height: side };
  });
  if (side >= 2 && patches.every((patch) => isInside(patch, size))) {
    const means = patches.map((patch) => meanRgb(boxResample(sample, patch, 2, 2)));
    face.skinRgb = [0, 1, 2].map((c) => means.reduce((sum, m) => sum + (m[c] as number), 0) / means.length) as [
      number,
      number,
      number,
    ];
  }
  const tone = side >= 2 ? lowerFaceTone(face, sample, side / 2) : undefined;
  if (tone) face.lowerFaceTone = tone;
  const outline = LM.faceOval.map((index) => pointOf(face, index, size));
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  const box = {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
  if (isInside(box, size) && box.width >= 16)
    face.seam = seamMeasure(sample, outline, FACE_SEAM.innerRingFraction, FACE_SEAM.rimRingFraction);
}

/** Sets the pixel measures on `result` and its faces, taken on the frame the model analysed. */
export function measureFacePixels(
  frame: VideoFrame | ImageBitmap,
  result: FrameLandmarks,
  now: () => number = () => performance.now(),
): void {
  const startMs = now();
  const size =
    'displayWidth' in frame
      ? { width: frame.displayWidth, height: frame.displayHeight }
      : { width: frame.width, height: frame.height };
  const scale = Math.min(1, SAMPLE_SIDE / Math.max(size.width, size.height));
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  context ??= new OffscreenCanvas(SAMPLE_SIDE, SAMPLE_SIDE).getContext('2d', { willReadFrequently: true });
  if (!context) return;
  context.drawImage(frame, 0, 0, size.width, size.height, 0, 0, width, height);
  const sample = context.getImageData(0, 0, width, height);
  result.thumb = lumaThumb(sample, THUMB_SIDE);
  for (const face of result.faces) measureFace(face, sample);
  result.pixelsMs = now() - startMs;
}
