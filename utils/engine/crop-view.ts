import type { FrameCrop } from './landmarker-protocol';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The frame's own rectangle for `crop`, when the crop can be a view of the frame (no copy): on
 * whole even px (frames are chroma-subsampled) inside the visible picture, shown at its own size.
 * Converting only the crop's pixels that way took 0.7 ms against 6.3 ms for cropping a 1280x720
 * I420 frame while converting all of it (createImageBitmap with a source rectangle, in a worker).
 * null: crop the frame itself.
 */
export function viewRect(crop: FrameCrop, visible: Rect, display: { width: number; height: number }): Rect | null {
  const { x, y, width, height } = crop;
  const even = (value: number) => Number.isInteger(value) && value % 2 === 0;
  if (![x, y, width, height].every(even) || width <= 0 || height <= 0) return null;
  if (display.width !== visible.width || display.height !== visible.height) return null;
  if (x + width > visible.width || y + height > visible.height) return null;
  return { x: visible.x + x, y: visible.y + y, width, height };
}
