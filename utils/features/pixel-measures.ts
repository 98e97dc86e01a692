/**
 * Pure measures on small RGBA samples of a frame (the worker draws the samples; see
 * utils/engine/face-pixels.ts). Kept apart from the canvas code so each has a unit test.
 */

export interface Rgba {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

/** Rec. 601 luma (0..255) of red, green, blue. */
export const lumaOf = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

/** Rec. 601 chroma (Cb, Cr; about -128..128) of red, green, blue. */
export const chromaOf = (r: number, g: number, b: number): [number, number] => [
  -0.1687 * r - 0.3313 * g + 0.5 * b,
  0.5 * r - 0.4187 * g - 0.0813 * b,
];

const luma = (d: ArrayLike<number>, i: number) => lumaOf(d[i] as number, d[i + 1] as number, d[i + 2] as number);

/** Mean red, green, blue of all pixels. */
export function meanRgb(image: Rgba): [number, number, number] {
  const count = image.width * image.height;
  const sum = [0, 0, 0];
  for (let p = 0; p < count; p++)
    for (let c = 0; c < 3; c++) sum[c] = (sum[c] as number) + (image.data[p * 4 + c] as number);
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
  const [cb, cr] = chromaOf(image.data[i] as number, image.data[i + 1] as number, image.data[i + 2] as number);
  return { gradient: Math.hypot(gx, gy) / 2, cb, cr };
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
export function seamMeasure(
  image: Rgba,
  outline: readonly [number, number][],
  innerFraction: number,
  rimFraction: number,
): SeamMeasure {
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
 * The RGBA pixels of `region` (in the image's pixels, clamped to it) averaged into `width` x
 * `height` cells: each cell averages the source pixels it covers, and at least the one under its
 * centre, so a region smaller than the target is sampled rather than left with empty cells.
 */
export function boxResample(
  image: Rgba,
  region: { x: number; y: number; width: number; height: number },
  width: number,
  height: number,
): Rgba {
  const data = new Float32Array(width * height * 4);
  const clampX = (x: number) => Math.min(image.width - 1, Math.max(0, x));
  const clampY = (y: number) => Math.min(image.height - 1, Math.max(0, y));
  for (let ty = 0; ty < height; ty++) {
    const y0 = clampY(Math.floor(region.y + (ty * region.height) / height));
    const y1 = Math.max(y0 + 1, clampY(Math.ceil(region.y + ((ty + 1) * region.height) / height)));
    for (let tx = 0; tx < width; tx++) {
      const x0 = clampX(Math.floor(region.x + (tx * region.width) / width));
      const x1 = Math.max(x0 + 1, clampX(Math.ceil(region.x + ((tx + 1) * region.width) / width)));
      const t = (ty * width + tx) * 4;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const s = (y * image.width + x) * 4;
          for (let c = 0; c < 4; c++) data[t + c] = (data[t + c] as number) + (image.data[s + c] as number);
        }
      }
      const count = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < 4; c++) data[t + c] = (data[t + c] as number) / count;
    }
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
      sums[cell] = (sums[cell] as number) + lumaOf(data[i] as number, data[i + 1] as number, data[i + 2] as number);
      counts[cell] = (counts[cell] as number) + 1;
    }
  }
  return Uint8Array.from(sums, (sum, cell) => Math.round(sum / Math.max(1, counts[cell] as number)));
}
