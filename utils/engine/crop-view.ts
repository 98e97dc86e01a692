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
  const rect = { x: visible.x + crop.x, y: visible.y + crop.y, width: crop.width, height: crop.height };
  const even = (value: number) => Number.isInteger(value) && value % 2 === 0;
  if (!Object.values(rect).every(even) || crop.x < 0 || crop.y < 0 || crop.width <= 0 || crop.height <= 0) {
    return null;
  }
  if (display.width !== visible.width || display.height !== visible.height) return null;
  if (crop.x + crop.width > visible.width || crop.y + crop.height > visible.height) return null;
  return rect;
}
