/**
 * Measures, in the landmarker worker, how much the image varies inside each face's mouth box, so
 * a mouth the mesh only guesses (cut off by a tile border, covered by a hand) can be told from a
 * visible one. A 24x12 sample of the region is enough and costs well under a millisecond.
 */
import { LIP_SYNC } from '@/utils/analyzers/thresholds';
import { flatRowShare, lumaStd, mouthRegion } from '@/utils/features/face-features';
import type { FrameLandmarks } from './landmarks';

const SAMPLE_WIDTH = 24;
const SAMPLE_HEIGHT = 12;

let context: OffscreenCanvasRenderingContext2D | null = null;

/** Sets the mouth measures on every face of `result`, taken on the frame the model analysed. */
export function measureMouths(frame: VideoFrame | ImageBitmap, result: FrameLandmarks): void {
  if (result.faces.length === 0) return;
  context ??= new OffscreenCanvas(SAMPLE_WIDTH, SAMPLE_HEIGHT).getContext('2d', { willReadFrequently: true });
  if (!context) return;
  const size = 'displayWidth' in frame ? { width: frame.displayWidth, height: frame.displayHeight } : { width: frame.width, height: frame.height };
  for (const face of result.faces) {
    const region = mouthRegion(face, size);
    if (!region) continue;
    context.drawImage(frame, region.x, region.y, region.width, region.height, 0, 0, SAMPLE_WIDTH, SAMPLE_HEIGHT);
    const pixels = context.getImageData(0, 0, SAMPLE_WIDTH, SAMPLE_HEIGHT).data;
    face.mouthLumaStd = lumaStd(pixels);
    face.mouthFlatRowShare = flatRowShare(pixels, SAMPLE_WIDTH, LIP_SYNC.flatRowLumaStd);
  }
}
