import { describe, expect, it } from 'vitest';
import {
  bandPass,
  GRID_MS,
  hopsOnGrid,
  measureColumns,
  mouthOnGrid,
  movingAverage,
  standardised,
} from '@/utils/analyzers/lip-sync-grid';
import { LIP_SYNC } from '@/utils/common/thresholds';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { seededRandom } from '../../support/generators';

/** Random values with a random share of invalid entries, which hold garbage that must never count. */
function noisy(seed: number, length: number, validShare: number): { values: Float64Array; valid: Uint8Array } {
  const random = seededRandom(seed);
  const valid = Uint8Array.from({ length }, () => (random() < validShare ? 1 : 0));
  const values = Float64Array.from(valid, (ok) => (ok ? random() * 2 - 1 : 1e9));
  return { values, valid };
}

/** The moving average by its definition: the mean of the valid entries within halfWidth, 0 where none. */
function movingAverageByDefinition(values: Float64Array, valid: Uint8Array, halfWidth: number): Float64Array {
  return values.map((_, i) => {
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, i - halfWidth); j <= Math.min(values.length - 1, i + halfWidth); j++) {
      if (!valid[j]) continue;
      sum += values[j] as number;
      count++;
    }
    return count > 0 ? sum / count : 0;
  });
}

const maxAbs = (values: ArrayLike<number>, from = 0, to = values.length) => {
  let max = 0;
  for (let i = from; i < to; i++) max = Math.max(max, Math.abs(values[i] as number));
  return max;
};

const speechAt = (timesMs: number[]): SpeechSeries => ({
  timesMs: Float64Array.from(timesMs),
  db: new Float32Array(timesMs.length),
  voiced: new Uint8Array(timesMs.length),
});

describe('movingAverage', () => {
  it('should average only the valid entries within the half-width, edges included', () => {
    const { values, valid } = noisy(1, 300, 0.7);
    const got = movingAverage(values, valid, 4);
    const want = movingAverageByDefinition(values, valid, 4);
    got.forEach((value, i) => expect(value).toBeCloseTo(want[i] as number, 9));
  });

  it('should give 0 where no entry within the half-width is valid', () => {
    const values = Float64Array.from({ length: 40 }, () => 5);
    const valid = Uint8Array.from({ length: 40 }, (_, i) => (i < 10 || i >= 30 ? 1 : 0));
    const got = movingAverage(values, valid, 3);
    expect(Array.from(got.subarray(13, 27))).toEqual(new Array(14).fill(0));
    expect(got[12]).toBe(5);
    expect(got[27]).toBe(5);
  });
});

describe('bandPass', () => {
  it('should remove a constant, whatever the invalid entries hold', () => {
    const { valid } = noisy(2, 1000, 0.75);
    const values = Float64Array.from(valid, (ok) => (ok ? 3.5 : -1e9));
    expect(maxAbs(bandPass(values, valid))).toBeLessThan(1e-9);
  });

  it('should remove a slow ramp away from the edges', () => {
    const trend = LIP_SYNC.trendHalfWidthMs / GRID_MS;
    const length = 1000;
    const ramp = Float64Array.from({ length }, (_, i) => 0.02 * i - 7);
    const out = bandPass(ramp, new Uint8Array(length).fill(1));
    // A centred average of a straight line is the line itself, for both widths.
    expect(maxAbs(out, trend, length - trend)).toBeLessThan(1e-9);
  });

  it('should keep most of a 4 Hz syllabic rhythm', () => {
    const length = 1000;
    const rhythm = Float64Array.from({ length }, (_, i) => Math.sin((2 * Math.PI * 4 * i * GRID_MS) / 1000));
    const trend = LIP_SYNC.trendHalfWidthMs / GRID_MS;
    const out = bandPass(rhythm, new Uint8Array(length).fill(1));
    // Gain of a 9-point minus an 81-point moving average at 0.04 cycles per point: 0.80 + 0.07.
    expect(maxAbs(out, trend, length - trend)).toBeCloseTo(0.87, 1);
  });

  it('should not let a value at an invalid entry reach its neighbours', () => {
    const { values, valid } = noisy(3, 600, 0.8);
    const changed = values.map((value, i) => (valid[i] ? value : -value * 7));
    expect(Array.from(bandPass(changed, valid))).toEqual(Array.from(bandPass(values, valid)));
  });
});

describe('standardised', () => {
  it('should give mean 0 and rms 1 over the valid entries', () => {
    const { values, valid } = noisy(4, 500, 0.5);
    const shifted = values.map((value, i) => (valid[i] ? 10 + 3 * value : value));
    const out = standardised(shifted, valid);
    let sum = 0;
    let squares = 0;
    let count = 0;
    out.forEach((value, i) => {
      if (!valid[i]) return;
      sum += value;
      squares += value * value;
      count++;
    });
    expect(sum / count).toBeCloseTo(0, 9);
    expect(Math.sqrt(squares / count)).toBeCloseTo(1, 9);
  });

  it('should leave a constant at 0 rather than divide by zero', () => {
    const out = standardised(new Float64Array(20).fill(2), new Uint8Array(20).fill(1));
    expect(Array.from(out)).toEqual(new Array(20).fill(0));
  });
});

describe('mouthOnGrid', () => {
  it('should interpolate each channel linearly between frames', () => {
    // Frames every 66.7 ms (15 fps); channel 0 a straight line, channel 1 a parabola.
    const timesMs = Float64Array.from({ length: 30 }, (_, i) => (i * 1000) / 15);
    const line = Float32Array.from(timesMs, (t) => 0.5 + t / 1000);
    const curve = Float32Array.from(timesMs, (t) => (t / 1000) ** 2);
    const { channels, valid } = mouthOnGrid(timesMs, [line, curve], 5, 150);
    for (let i = 0; i < 150; i++) {
      const t = 5 + i * GRID_MS;
      expect(valid[i]).toBe(1);
      expect(channels[0]?.[i]).toBeCloseTo(0.5 + t / 1000, 6);
      const frame = Math.floor((t * 15) / 1000);
      const [t0, t1] = [timesMs[frame] as number, timesMs[frame + 1] as number];
      const between =
        (curve[frame] as number) + (((curve[frame + 1] as number) - (curve[frame] as number)) * (t - t0)) / (t1 - t0);
      expect(channels[1]?.[i]).toBeCloseTo(between, 6);
    }
  });

  it('should leave points before the first frame and from the last frame on invalid', () => {
    const timesMs = Float64Array.of(100, 200, 300);
    const { valid } = mouthOnGrid(timesMs, [Float32Array.of(1, 2, 3)], 50, 30);
    const validTimes = Array.from(valid.entries())
      .filter(([, ok]) => ok)
      .map(([i]) => 50 + i * GRID_MS);
    expect(validTimes[0]).toBe(100);
    expect(validTimes.at(-1)).toBe(290);
    expect(validTimes).toHaveLength(20);
  });

  it('should bridge frames up to LIP_SYNC.maxFrameGapMs apart and no further', () => {
    const gap = LIP_SYNC.maxFrameGapMs;
    // 0..100 every 50 ms, then a gap of exactly the limit, then one just over it.
    const timesMs = Float64Array.of(0, 50, 100, 100 + gap, 150 + gap, 150 + gap + gap + 10, 200 + 2 * gap + 10);
    const open = Float32Array.from(timesMs, (t) => t / 1000);
    const length = Math.floor((200 + 2 * gap + 10) / GRID_MS);
    const { channels, valid } = mouthOnGrid(timesMs, [open], 0, length);
    for (let i = 0; i < length; i++) {
      const t = i * GRID_MS;
      const inLongGap = t >= 150 + gap && t < 150 + 2 * gap + 10;
      expect(valid[i], `${t} ms`).toBe(inLongGap ? 0 : 1);
      if (!inLongGap) expect(channels[0]?.[i]).toBeCloseTo(t / 1000, 6);
    }
  });

  it('should not interpolate across a frame without a face, in any channel', () => {
    const timesMs = Float64Array.from({ length: 11 }, (_, i) => i * 100);
    const open = Float32Array.from(timesMs, (t) => t / 1000);
    const width = Float32Array.from(timesMs, (t) => (t === 500 ? Number.NaN : 1));
    const { valid } = mouthOnGrid(timesMs, [open, width], 0, 100);
    for (let i = 0; i < 100; i++) {
      const t = i * GRID_MS;
      // Every point interpolated from the frame at 500 ms (400 < t < 600) has no value.
      if (t > 400 && t < 600) expect(valid[i], `${t} ms`).toBe(0);
      if (t < 400 || t >= 600) expect(valid[i], `${t} ms`).toBe(1);
    }
  });
});

describe('hopsOnGrid', () => {
  it('should pick the nearest hop within one grid step and -1 elsewhere', () => {
    const speech = speechAt([0, 30, 34, 100]);
    const hops = hopsOnGrid(speech, 0, 13);
    // Grid at 0, 10, ..., 120 ms.
    expect(Array.from(hops)).toEqual([0, 0, 1, 1, 2, -1, -1, -1, -1, 3, 3, 3, -1]);
  });

  it('should find the hop of every grid point on a regular 10 ms hop, offset by half a step', () => {
    const speech = speechAt(Array.from({ length: 100 }, (_, i) => i * 10 + 5));
    const hops = hopsOnGrid(speech, 200, 50);
    // 200 ms lies between the hops at 195 and 205; ties go to the later one.
    expect(Array.from(hops)).toEqual(Array.from({ length: 50 }, (_, i) => 20 + i));
  });

  it('should give -1 everywhere without speech hops', () => {
    expect(Array.from(hopsOnGrid(speechAt([]), 0, 5))).toEqual([-1, -1, -1, -1, -1]);
  });
});

describe('measureColumns', () => {
  it('should split the flat per-frame measures into one column per measure', () => {
    const frames = 4;
    const count = 3;
    const mouth: MouthSeries = {
      timesMs: Float64Array.from({ length: frames }, (_, i) => i * 66),
      open: new Float32Array(frames),
      jawOpen: new Float32Array(frames),
      measures: Float32Array.from({ length: frames * count }, (_, k) => 10 * Math.floor(k / count) + (k % count)),
    };
    const columns = measureColumns(mouth, count);
    expect(columns?.map((column) => Array.from(column))).toEqual([
      [0, 10, 20, 30],
      [1, 11, 21, 31],
      [2, 12, 22, 32],
    ]);
  });

  it('should give null for a series without measures', () => {
    const mouth: MouthSeries = { timesMs: Float64Array.of(0), open: Float32Array.of(0), jawOpen: Float32Array.of(0) };
    expect(measureColumns(mouth, 3)).toBeNull();
  });
});
