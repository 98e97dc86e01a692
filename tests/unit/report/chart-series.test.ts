import { describe, expect, it } from 'vitest';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { chartSeries } from '@/utils/report/chart-series';

/** Speech hops every 10 ms from 0 over `count` hops, with the level `db(i)` of hop i. */
function hops(count: number, db: (i: number) => number = () => -30): SpeechSeries {
  return {
    timesMs: Float64Array.from({ length: count }, (_, i) => i * 10),
    db: Float32Array.from({ length: count }, (_, i) => db(i)),
    voiced: new Uint8Array(count),
  };
}

/** Mouth frames at the given times; the opening of frame i is i / 100, or NaN where `hidden`. */
function mouthAt(timesMs: number[], hidden: number[] = []): MouthSeries {
  return {
    timesMs: Float64Array.from(timesMs),
    open: Float32Array.from(timesMs, (_, i) => (hidden.includes(i) ? Number.NaN : i / 100)),
    jawOpen: new Float32Array(timesMs.length),
  };
}

/** The chart's mouth value at `ms` (a speech hop time). */
function mouthAtMs(series: ReturnType<typeof chartSeries>, ms: number): number | null | undefined {
  return series.mouth[series.times.findIndex((t) => Math.abs(t - ms / 1000) < 1e-9)];
}

describe('chartSeries', () => {
  it('should thin the 10 ms speech grid to at most maxPoints, every stride-th hop, in seconds', () => {
    const series = chartSeries(mouthAt([0]), hops(1000), 300);
    // ceil(1000 / 300) = 4: hops 0, 4, 8, …, 996.
    expect(series.times).toHaveLength(250);
    expect(series.times.slice(0, 3)).toEqual([0, 0.04, 0.08]);
    expect(series.times.at(-1)).toBeCloseTo(9.96, 9);
    expect(series.mouth).toHaveLength(250);
    expect(series.speechDb).toHaveLength(250);
  });

  it('should keep every hop when they fit in maxPoints', () => {
    expect(chartSeries(mouthAt([0]), hops(120), 4000).times).toHaveLength(120);
    expect(chartSeries(mouthAt([0]), hops(4001), 4000).times).toHaveLength(2001);
  });

  it('should give each point the opening of the nearest earlier frame, never a later one', () => {
    // Frames at 0, 40, 80 and 120 ms: openings 0, 0.01, 0.02, 0.03.
    const series = chartSeries(mouthAt([0, 40, 80, 120]), hops(16));
    expect(mouthAtMs(series, 30)).toBe(0);
    expect(mouthAtMs(series, 40)).toBeCloseTo(0.01, 6);
    expect(mouthAtMs(series, 70)).toBeCloseTo(0.01, 6);
    expect(mouthAtMs(series, 80)).toBeCloseTo(0.02, 6);
    expect(mouthAtMs(series, 150)).toBeCloseTo(0.03, 6);
  });

  it('should leave the mouth null before the first frame, 100 ms or more after the last, and where unseen', () => {
    // Frames at 20, 40, 60, then a gap to 400 ms; frame 1 (40 ms) had its mouth hidden.
    const series = chartSeries(mouthAt([20, 40, 60, 400], [1]), hops(50));
    expect(mouthAtMs(series, 10)).toBeNull();
    expect(mouthAtMs(series, 20)).toBe(0);
    expect(mouthAtMs(series, 50)).toBeNull();
    expect(mouthAtMs(series, 150)).toBeCloseTo(0.02, 6);
    expect(mouthAtMs(series, 160)).toBeNull();
    expect(mouthAtMs(series, 390)).toBeNull();
    expect(mouthAtMs(series, 400)).toBeCloseTo(0.03, 6);
  });

  it('should floor the speech level at -70 dB and keep louder levels as they are', () => {
    const levels = [-20, -69.5, -70, -70.5, -95, -120];
    const series = chartSeries(
      mouthAt([0]),
      hops(levels.length, (i) => levels[i] as number),
    );
    expect(series.speechDb).toEqual([-20, -69.5, -70, -70, -70, -70]);
  });

  it('should chart the mouth on its own frames for a recording without sound, with no speech level', () => {
    expect(chartSeries(mouthAt([0, 40, 80], [1]), hops(0))).toEqual({
      times: [0, 0.04, 0.08],
      mouth: [0, null, Math.fround(0.02)],
      speechDb: [null, null, null],
    });
    expect(chartSeries(mouthAt([0, 40, 80, 120]), hops(0), 2).times).toEqual([0, 0.08]);
    expect(chartSeries(mouthAt([]), hops(0))).toEqual({ times: [], mouth: [], speechDb: [] });
  });
});
