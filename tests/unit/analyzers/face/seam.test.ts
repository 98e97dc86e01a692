import { describe, expect, it } from 'vitest';
import { analyzeSeam } from '@/utils/analyzers/face/seam';
import { SEAM } from '@/utils/common/thresholds';
import { boxResample, lumaThumb, meanAbsDiff, meanRgb, seamMeasure } from '@/utils/features/pixel-measures';
import { frames } from '../../../support/face-samples';
import { seededRandom } from '../../../support/generators';

/** A textured square image whose pixels within `smoothRadius` of the centre are flat grey. */
function face(size: number, smoothRadius: number) {
  const random = seededRandom(3);
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inner = Math.hypot(x - size / 2, y - size / 2) < smoothRadius;
      const value = inner ? 150 : 100 + random() * 100;
      data.set([value, value, value, 255], (y * size + x) * 4);
    }
  }
  return { data, width: size, height: size };
}

const circle = (size: number, radius: number): [number, number][] =>
  Array.from({ length: 36 }, (_, i) => [
    size / 2 + radius * Math.cos((i * Math.PI) / 18),
    size / 2 + radius * Math.sin((i * Math.PI) / 18),
  ]);

describe('pixel measures', () => {
  it('should see a smooth inside against a textured rim', () => {
    const smooth = seamMeasure(face(96, 30), circle(96, 44), 0.55, 0.92);
    expect(smooth.innerGradient).toBeLessThan(1);
    expect(smooth.rimGradient).toBeGreaterThan(10);
    const even = seamMeasure(face(96, 0), circle(96, 44), 0.55, 0.92);
    expect(even.innerGradient / even.rimGradient).toBeGreaterThan(0.5);
  });

  it('should average every source pixel when shrinking, and measure colour and difference', () => {
    const image = face(64, 0);
    const small = boxResample(image, { x: 0, y: 0, width: 64, height: 64 }, 1, 1);
    expect(small.data[0]).toBeCloseTo(meanRgb(image)[0], 1);
    expect(meanAbsDiff(lumaThumb(image, 64), lumaThumb(face(64, 10), 64))).toBeGreaterThan(0);
    expect(meanAbsDiff(lumaThumb(image, 64), lumaThumb(image, 64))).toBe(0);
  });

  it('should fill every cell from a region smaller than the target, and keep fractional edges inside', () => {
    const image = face(64, 0);
    const tiny = boxResample(image, { x: 10.4, y: 20.7, width: 6, height: 3 }, 24, 12);
    const values = Array.from({ length: 24 * 12 }, (_, cell) => tiny.data[cell * 4] as number);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(100);
    const edge = boxResample(image, { x: -5, y: -5, width: 20, height: 20 }, 4, 4);
    expect(
      Array.from({ length: 16 }, (_, cell) => edge.data[cell * 4] as number).every((v) => v >= 100 && v <= 200),
    ).toBe(true);
  });

  it('should shrink a picture to a luma thumbnail by averaging each cell', () => {
    const image = face(64, 0);
    const thumb = lumaThumb(image, 2);
    const plane = lumaThumb(image, 64);
    let topLeft = 0;
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) topLeft += plane[y * 64 + x] as number;
    expect(thumb[0]).toBeCloseTo(topLeft / 1024, -0.5);
    expect(lumaThumb(face(64, 40), 2)).toEqual(Uint8Array.from([150, 150, 150, 150]));
  });
});

describe('analyzeSeam', () => {
  it('should note a face much smoother in the middle than at its edge, over many frames', () => {
    const { findings, summary } = analyzeSeam(
      frames({ durationMs: 10_000, face: () => ({ seamGradientRatio: SEAM.minGradientRatio / 2 }) }),
    );
    expect(findings[0]).toMatchObject({ kind: 'boundary-artifact', severity: 'info' });
    expect(summary.gradientRatio).toBeCloseTo(SEAM.minGradientRatio / 2, 5);
  });

  it('should say nothing about an even face or too few frames', () => {
    expect(analyzeSeam(frames({ durationMs: 10_000 })).findings).toEqual([]);
    expect(analyzeSeam(frames({ durationMs: 1000, face: () => ({ seamGradientRatio: 0.01 }) })).findings).toEqual([]);
  });
});
