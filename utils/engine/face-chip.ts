/**
 * Cuts the descriptor's aligned face chip (utils/features/face-align.ts) out of the frame the
 * landmarker analysed, in the worker that holds the frame: one transformed draw and one read-back.
 */
import { CHIP_SIZE, type ChipTransform } from '@/utils/features/face-align';

let context: OffscreenCanvasRenderingContext2D | null = null;

/** RGB bytes (CHIP_SIZE squared, row by row) of the chip `transform` maps from `frame`. */
export function cutFaceChip(frame: VideoFrame | ImageBitmap, transform: ChipTransform): Uint8Array {
  context ??= new OffscreenCanvas(CHIP_SIZE, CHIP_SIZE).getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('No 2D canvas in this worker to cut face chips.');
  const width = 'displayWidth' in frame ? frame.displayWidth : frame.width;
  const height = 'displayHeight' in frame ? frame.displayHeight : frame.height;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.fillStyle = 'black';
  context.fillRect(0, 0, CHIP_SIZE, CHIP_SIZE);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.setTransform(transform.a, transform.b, transform.c, transform.d, transform.e, transform.f);
  context.drawImage(frame, 0, 0, width, height);
  const rgba = context.getImageData(0, 0, CHIP_SIZE, CHIP_SIZE).data;
  const rgb = new Uint8Array(CHIP_SIZE * CHIP_SIZE * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i] as number;
    rgb[j + 1] = rgba[i + 1] as number;
    rgb[j + 2] = rgba[i + 2] as number;
  }
  return rgb;
}
