/**
 * Pure measures on small RGBA samples of a frame (the worker draws the samples; see
 * utils/engine/face-pixels.ts). Kept apart from the canvas code so each has a unit test.
 */

export interface Rgba {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

const luma = (d: ArrayLike<number>, i: number) =>
  0.299 * (d[i] as number) + 0.587 * (d[i + 1] as number) + 0.114 * (d[i + 2] as number);

/** Mean red, green, blue of all pixels. */
export function meanRgb(image: Rgba): [number, number, number] {
  const count = image.width * image.height;
  const sum = [0, 0, 0];
  for (let p = 0; p < count; p++) for (let c = 0; c < 3; c++) sum[c] = (sum[c] as number) + (image.data[p * 4 + c] as number);
  return [(sum[0] as number) / count, (sum[1] as number) / count, (sum[2] as number) / count];
}

/** Mean absolute difference of two equal-length luma planes (0..255). */
export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number));
  return a.length > 0 ? sum / a.length : Number.NaN;
}

/** Luma gradient magnitude (central differences) and chroma at one pixel, clamped to the image. */
function sampleAt(image: Rgba, x: number, y: number): { gradient: number; cb: number; cr: number } {
  const cx = Math.min(image.width - 2, Math.max(1, Math.round(x)));
  const cy = Math.min(image.height - 2, Math.max(1, Math.round(y)));
  const at = (px: number, py: number) => (py * image.width + px) * 4;
  const gx = luma(image.data, at(cx + 1, cy)) - luma(image.data, at(cx - 1, cy));
  const gy = luma(image.data, at(cx, cy + 1)) - luma(image.data, at(cx, cy - 1));
  const i = at(cx, cy);
  const [r, g, b] = [image.data[i] as number, image.data[i + 1] as number, image.data[i + 2] as number];
  return { gradient: Math.hypot(gx, gy) / 2, cb: -0.1687 * r - 0.3313 * g + 0.5 * b, cr: 0.5 * r - 0.4187 * g - 0.0813 * b };
}

export interface SeamMeasure {
  innerGradient: number;
  rimGradient: number;
  innerChroma: [number, number];
  rimChroma: [number, number];
}

/**
 * Texture and colour on two rings of a face outline given in the image's pixels: the inner ring
 * at `innerFraction` of the way from the centroid to each outline point (the middle of the
 * cheeks, inside any pasted face) and the rim ring at `rimFraction` (skin near the outline).
 */
export function seamMeasure(image: Rgba, outline: readonly [number, number][], innerFraction: number, rimFraction: number): SeamMeasure {
  const cx = outline.reduce((sum, p) => sum + p[0], 0) / outline.length;
  const cy = outline.reduce((sum, p) => sum + p[1], 0) / outline.length;
  const ring = (fraction: number) => {
    let gradient = 0;
    let cb = 0;
    let cr = 0;
    for (const [x, y] of outline) {
      const sample = sampleAt(image, cx + (x - cx) * fraction, cy + (y - cy) * fraction);
      gradient += sample.gradient;
      cb += sample.cb;
      cr += sample.cr;
    }
    const n = outline.length;
    return { gradient: gradient / n, chroma: [cb / n, cr / n] as [number, number] };
  };
  const inner = ring(innerFraction);
  const rim = ring(rimFraction);
  return { innerGradient: inner.gradient, rimGradient: rim.gradient, innerChroma: inner.chroma, rimChroma: rim.chroma };
}

/**
 * The RGBA pixels of `region` (in the image's pixels, clamped to it) box-averaged down to
 * `width` x `height`: every source pixel counts, so sensor and codec noise averages out.
 */
export function boxResample(image: Rgba, region: { x: number; y: number; width: number; height: number }, width: number, height: number): Rgba {
  const data = new Float32Array(width * height * 4);
  const x0 = Math.max(0, Math.floor(region.x));
  const y0 = Math.max(0, Math.floor(region.y));
  const x1 = Math.min(image.width, Math.ceil(region.x + region.width));
  const y1 = Math.min(image.height, Math.ceil(region.y + region.height));
  const counts = new Float32Array(width * height);
  for (let y = y0; y < y1; y++) {
    const ty = Math.min(height - 1, Math.floor(((y - region.y) / region.height) * height));
    for (let x = x0; x < x1; x++) {
      const tx = Math.min(width - 1, Math.floor(((x - region.x) / region.width) * width));
      const t = ty * width + tx;
      const s = (y * image.width + x) * 4;
      for (let c = 0; c < 4; c++) data[t * 4 + c] = (data[t * 4 + c] as number) + (image.data[s + c] as number);
      counts[t] = (counts[t] as number) + 1;
    }
  }
  for (let t = 0; t < counts.length; t++) {
    const n = counts[t] as number;
    if (n > 0) for (let c = 0; c < 4; c++) data[t * 4 + c] = (data[t * 4 + c] as number) / n;
  }
  return { data, width, height };
}

/**
 * The whole image shrunk to `side` x `side` luma (0..255, rounded) by averaging every pixel of
 * each cell: one pass over the pixels, no per-channel buffers (this runs on every analysed frame).
 */
export function lumaThumb(image: Rgba, side: number): Uint8Array {
  const sums = new Float64Array(side * side);
  const counts = new Uint32Array(side * side);
  const columns = new Uint16Array(image.width);
  for (let x = 0; x < image.width; x++) columns[x] = Math.min(side - 1, Math.floor((x * side) / image.width));
  const data = image.data;
  for (let y = 0; y < image.height; y++) {
    const rowCell = Math.min(side - 1, Math.floor((y * side) / image.height)) * side;
    let i = y * image.width * 4;
    for (let x = 0; x < image.width; x++, i += 4) {
      const cell = rowCell + (columns[x] as number);
      sums[cell] = (sums[cell] as number) + 0.299 * (data[i] as number) + 0.587 * (data[i + 1] as number) + 0.114 * (data[i + 2] as number);
      counts[cell] = (counts[cell] as number) + 1;
    }
  }
  return Uint8Array.from(sums, (sum, cell) => Math.round(sum / Math.max(1, counts[cell] as number)));
}
