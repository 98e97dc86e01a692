import { describe, expect, it } from 'vitest';
import { median, quantile } from '@/utils/common/stats';

describe('quantile', () => {
  it.each([
    [[1, 2, 3, 4, 5], 0, 1],
    [[1, 2, 3, 4, 5], 1, 5],
    [[5, 1, 4, 2, 3], 0.5, 3],
    [[0, 10], 0.95, 9.5],
    [[7], 0.3, 7],
  ])('should give quantile of %j at %d as %d', (values, q, expected) => {
    expect(quantile(values, q)).toBeCloseTo(expected, 9);
  });

  it('should give NaN for no values', () => {
    expect(median([])).toBeNaN();
  });

  it('should not reorder the input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
