import { describe, expect, it } from 'vitest';
import { VectorRing } from '@/utils/features/ring-buffer';

const rows = (ring: VectorRing, fromMs = -Infinity, toMs = Infinity) => {
  const { timesMs, values } = ring.range(fromMs, toMs);
  return Array.from(timesMs, (time, i) => [time, ...values.subarray(i * ring.width, (i + 1) * ring.width)]);
};

describe('VectorRing', () => {
  it('should keep only the newest entries once full', () => {
    const ring = new VectorRing(3, 1);
    for (let i = 0; i < 5; i++) ring.push(i * 10, [i]);
    expect(ring.length).toBe(3);
    expect(Array.from(ring.range(-Infinity, Infinity).values)).toEqual([2, 3, 4]);
    expect(ring.firstTimeMs()).toBe(20);
    expect(ring.lastTimeMs()).toBe(40);
  });

  it('should return a half-open time range', () => {
    const ring = new VectorRing(10, 1);
    for (let i = 0; i < 6; i++) ring.push(i * 10, [i * 2]);
    const { timesMs, values } = ring.range(10, 40);
    expect(Array.from(timesMs)).toEqual([10, 20, 30]);
    expect(Array.from(values)).toEqual([2, 4, 6]);
    expect(ring.range(41, 45).timesMs).toHaveLength(0);
    expect(ring.range(30, 10).timesMs).toHaveLength(0);
  });

  it('should keep rows whole, across the wrap, with NaN for a missing row', () => {
    const ring = new VectorRing(4, 3);
    for (let i = 0; i < 6; i++) ring.push(i * 10, i === 4 ? null : [i, i + 0.5, -i]);
    expect(rows(ring)).toEqual([
      [20, 2, 2.5, -2],
      [30, 3, 3.5, -3],
      [40, NaN, NaN, NaN],
      [50, 5, 5.5, -5],
    ]);
    expect(rows(ring, 30, 50)).toEqual([
      [30, 3, 3.5, -3],
      [40, NaN, NaN, NaN],
    ]);
  });

  it('should keep entries with the same time, in order', () => {
    const ring = new VectorRing(5, 1);
    [0, 10, 10, 10, 20].forEach((time, i) => ring.push(time, [i]));
    expect(Array.from(ring.range(10, 20).values)).toEqual([1, 2, 3]);
  });

  it('should use constant memory however long it runs', () => {
    const ring = new VectorRing(100, 2);
    for (let i = 0; i < 100_000; i++) ring.push(i, [i, -i]);
    expect(ring.length).toBe(100);
    expect(ring.firstTimeMs()).toBe(99_900);
    expect(ring.range(99_990, Infinity).values).toHaveLength(20);
  });

  it('should give NaN times when empty, also after clear', () => {
    expect(new VectorRing(4, 2).lastTimeMs()).toBeNaN();
    const ring = new VectorRing(4, 2);
    ring.push(5, [1, 2]);
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.firstTimeMs()).toBeNaN();
    expect(ring.range(-Infinity, Infinity).timesMs).toHaveLength(0);
    ring.push(6, [3, 4]);
    expect(rows(ring)).toEqual([[6, 3, 4]]);
  });
});
