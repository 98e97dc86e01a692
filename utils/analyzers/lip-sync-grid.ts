/**
 * The 10 ms grid both lip-sync methods put the mouth and the sound on, and the filters they share
 * (pure). Values outside a valid mask never enter a filter.
 */
import { LIP_SYNC } from '@/utils/common/thresholds';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';

export const GRID_MS = 10;

/** Index of the first of `times` (increasing) at or after `t`; times.length when none is. */
export function firstAtOrAfter(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last of `times` (increasing) at or before `t`, or 0 when none is: where a scan to `t` starts. */
function lastAtOrBefore(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/**
 * The frames a grid over [startMs, endMs) interpolates between, as [from, to): the last frame at
 * or before the start through the first at or after the end.
 */
export function framesAround(timesMs: ArrayLike<number>, startMs: number, endMs: number): [number, number] {
  return [lastAtOrBefore(timesMs, startMs), Math.min(timesMs.length, firstAtOrAfter(timesMs, endMs) + 1)];
}

export function movingAverage(values: Float64Array, valid: Uint8Array, halfWidth: number): Float64Array {
  const out = new Float64Array(values.length);
  let sum = 0;
  let count = 0;
  // Running sum over [i - halfWidth, i + halfWidth] of valid entries.
  for (let i = 0; i < Math.min(values.length, halfWidth); i++) {
    if (valid[i]) {
      sum += values[i] as number;
      count++;
    }
  }
  for (let i = 0; i < values.length; i++) {
    const add = i + halfWidth;
    if (add < values.length && valid[add]) {
      sum += values[add] as number;
      count++;
    }
    const drop = i - halfWidth - 1;
    if (drop >= 0 && valid[drop]) {
      sum -= values[drop] as number;
      count--;
    }
    out[i] = count > 0 ? sum / count : 0;
  }
  return out;
}

/** Difference of moving averages: keeps roughly 1..10 Hz on a 10 ms grid (the syllabic band). */
export function bandPass(values: Float64Array, valid: Uint8Array): Float64Array {
  const smooth = movingAverage(values, valid, LIP_SYNC.smoothHalfWidthMs / GRID_MS);
  const trend = movingAverage(values, valid, LIP_SYNC.trendHalfWidthMs / GRID_MS);
  return smooth.map((value, i) => value - (trend[i] as number));
}

export function difference(values: Float64Array): Float64Array {
  return values.map((value, i) => (i > 0 ? value - (values[i - 1] as number) : 0));
}

/** Divides by the root mean square over valid entries, so two readings weigh the same. */
export function normalised(values: Float64Array, valid: Uint8Array): Float64Array {
  let sum = 0;
  let count = 0;
  values.forEach((value, i) => {
    if (valid[i]) {
      sum += value * value;
      count++;
    }
  });
  const rms = count > 0 ? Math.sqrt(sum / count) : 0;
  return rms > 0 ? values.map((value) => value / rms) : values;
}

/** The mean over valid entries (0 where none is). */
export function validMean(values: Float64Array, valid: Uint8Array): number {
  let sum = 0;
  let count = 0;
  values.forEach((value, i) => {
    if (valid[i]) {
      sum += value;
      count++;
    }
  });
  return count > 0 ? sum / count : 0;
}

/** Subtracts the mean and divides by the standard deviation over valid entries. */
export function standardised(values: Float64Array, valid: Uint8Array): Float64Array {
  const mean = validMean(values, valid);
  return normalised(
    values.map((value) => value - mean),
    valid,
  );
}

/**
 * Mouth channels on the grid from `startMs`, `length` points: each per-frame channel (values at
 * `channels` stride, index `channel`) is interpolated between frames, never across a gap in the face
 * track (a frame without a face, or frames more than LIP_SYNC.maxFrameGapMs apart).
 */
export function mouthOnGrid(
  timesMs: Float64Array,
  channelValues: readonly (Float32Array | Float64Array)[],
  startMs: number,
  length: number,
): { channels: Float64Array[]; valid: Uint8Array } {
  const channels = channelValues.map(() => new Float64Array(length));
  const valid = new Uint8Array(length);
  // Found, not scanned from the first frame: a long recording has hundreds of windows.
  let frame = lastAtOrBefore(timesMs, startMs);
  for (let i = 0; i < length; i++) {
    const t = startMs + i * GRID_MS;
    while (frame + 1 < timesMs.length && (timesMs[frame + 1] as number) <= t) frame++;
    const t0 = timesMs[frame] as number;
    const t1 = timesMs[frame + 1];
    if (t1 === undefined || t0 > t || t1 - t0 > LIP_SYNC.maxFrameGapMs) continue;
    const finite = channelValues.every(
      (values) => Number.isFinite(values[frame] as number) && Number.isFinite(values[frame + 1] as number),
    );
    if (!finite) continue;
    const along = (t - t0) / (t1 - t0);
    channelValues.forEach((values, c) => {
      const v0 = values[frame] as number;
      (channels[c] as Float64Array)[i] = v0 + ((values[frame + 1] as number) - v0) * along;
    });
    valid[i] = 1;
  }
  return { channels, valid };
}

/** For each grid point, the nearest speech hop if within one grid step of it, or -1. */
export function hopsOnGrid(speech: SpeechSeries, startMs: number, length: number): Int32Array {
  const hops = new Int32Array(length).fill(-1);
  let hop = lastAtOrBefore(speech.timesMs, startMs);
  for (let i = 0; i < length; i++) {
    const t = startMs + i * GRID_MS;
    while (
      hop + 1 < speech.timesMs.length &&
      Math.abs((speech.timesMs[hop + 1] as number) - t) <= Math.abs((speech.timesMs[hop] as number) - t)
    )
      hop++;
    const hopTime = speech.timesMs[hop];
    if (hopTime !== undefined && Math.abs(hopTime - t) <= GRID_MS) hops[i] = hop;
  }
  return hops;
}

/** Column `index` of a flat array of rows `width` wide, rows [from, to) (all by default). */
export function column(
  rows: Float32Array,
  width: number,
  index: number,
  from = 0,
  to = rows.length / width,
): Float32Array {
  const out = new Float32Array(to - from);
  for (let i = 0; i < out.length; i++) out[i] = rows[(from + i) * width + index] as number;
  return out;
}

/**
 * The mouth measure columns of a series (utils/features/mouth-measures.ts), one array per measure,
 * over frames [from, to) (all by default).
 */
export function measureColumns(
  mouth: MouthSeries,
  count: number,
  from = 0,
  to = mouth.timesMs.length,
): Float32Array[] | null {
  const measures = mouth.measures;
  if (!measures) return null;
  return Array.from({ length: count }, (_, c) => column(measures, count, c, from, to));
}
