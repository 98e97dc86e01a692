import { describe, expect, it } from 'vitest';
import { analyzeJitter, jitterSeries } from '@/utils/analyzers/face/jitter';
import { JITTER } from '@/utils/common/thresholds';
import { frames, person } from '../../../support/face-samples';

describe('jitterSeries', () => {
  it('should read smooth motion as no jitter', () => {
    const base = person(1);
    const samples = frames({
      durationMs: 2000,
      noise: 0,
      layout: (t) => Float32Array.from(base, (v) => v + t / 10_000),
    });
    const values = jitterSeries(samples).filter((v) => !Number.isNaN(v));
    expect(Math.max(...values)).toBeLessThan(1e-5);
  });

  it('should read points that jump back and forth by d as jitter d', () => {
    const base = person(1);
    const samples = frames({
      durationMs: 2000,
      noise: 0,
      layout: (t) =>
        Float32Array.from(base, (v, i) => v + (i % 3 === 0 ? (Math.round(t / (1000 / 15)) % 2) * 0.05 : 0)),
    });
    const values = jitterSeries(samples).filter((v) => !Number.isNaN(v));
    expect(values[3]).toBeCloseTo(0.05, 4);
  });
});

describe('analyzeJitter', () => {
  it('should flag a flickering face and not a steady one', () => {
    const flicker = analyzeJitter(frames({ durationMs: 10_000, noise: JITTER.warnMedian * 3 }));
    expect(flicker.findings[0]?.kind).toBe('landmark-jitter');
    const steady = analyzeJitter(frames({ durationMs: 10_000, noise: 0.001 }));
    expect(steady.findings).toEqual([]);
    expect(steady.summary.median).toBeLessThan(JITTER.warnMedian);
  });

  it('should not flag a long closure whose lids part every other frame, and flag that shake with eyes steady', () => {
    // 3..7 s the mesh jumps 3x the finding level every other frame; in the closure the eyes jump with it.
    const odd = (t: number) => t >= 3000 && t < 7000 && Math.round(t / (1000 / 15)) % 2 === 1;
    const base = person(1);
    const layout = (t: number) => Float32Array.from(base, (v) => v + (odd(t) ? JITTER.warnMedian * 3 : 0));
    const closure = frames({
      durationMs: 10_000,
      noise: 0.001,
      layout,
      face: (t) => ({ blink: t >= 3000 && t < 7000 ? (odd(t) ? 0.3 : 0.8) : 0.05 }),
    });
    expect(analyzeJitter(closure).findings).toEqual([]);
    const halfShut = frames({ durationMs: 10_000, noise: 0.001, layout, face: () => ({ blink: 0.35 }) });
    expect(analyzeJitter(halfShut).findings[0]?.kind).toBe('landmark-jitter');
  });
});
