import { describe, expect, it } from 'vitest';
import { TimeSeriesRing } from '@/utils/features/ring-buffer';

describe('TimeSeriesRing', () => {
  it('should keep only the newest entries once full', () => {
    const ring = new TimeSeriesRing(3);
    for (let i = 0; i < 5; i++) ring.push(i * 10, i);
    expect(ring.length).toBe(3);
    expect(Array.from(ring.range(-Infinity, Infinity).values)).toEqual([2, 3, 4]);
    expect(ring.firstTimeMs()).toBe(20);
    expect(ring.lastTimeMs()).toBe(40);
  });

  it('should return a half-open time range', () => {
    const ring = new TimeSeriesRing(10);
    for (let i = 0; i < 6; i++) ring.push(i * 10, i * 2);
    const { timesMs, values } = ring.range(10, 40);
    expect(Array.from(timesMs)).toEqual([10, 20, 30]);
    expect(Array.from(values)).toEqual([2, 4, 6]);
  });

  it('should use constant memory however long it runs', () => {
    const ring = new TimeSeriesRing(100);
    for (let i = 0; i < 100_000; i++) ring.push(i, i);
    expect(ring.length).toBe(100);
    expect(ring.firstTimeMs()).toBe(99_900);
  });

  it('should give NaN times when empty', () => {
    expect(new TimeSeriesRing(4).lastTimeMs()).toBeNaN();
  });
});
