import { describe, expect, it } from 'vitest';
import { drillOrder, newSeed, SEED_MAX } from '@/utils/drills/order';

const IDS = Array.from({ length: 10 }, (_, i) => `item-${i}`);

describe('drillOrder', () => {
  it('should give the same order for the same seed, and leave the input as it was', () => {
    const input = [...IDS];
    expect(drillOrder(input, 12345)).toEqual(drillOrder(IDS, 12345));
    expect(input).toEqual(IDS);
  });

  it('should give every item once, in another order than the input', () => {
    const order = drillOrder(IDS, 7);
    expect([...order].sort()).toEqual([...IDS].sort());
    expect(order).not.toEqual(IDS);
  });

  it('should give different orders for different seeds', () => {
    const orders = new Set([0, 1, 2, 3, SEED_MAX].map((seed) => drillOrder(IDS, seed).join(',')));
    expect(orders.size).toBe(5);
  });

  it('should put each item first about equally often over many seeds', () => {
    const firsts = new Map<string, number>();
    for (let seed = 0; seed < 5000; seed++) {
      const first = drillOrder(IDS, seed)[0] as string;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    expect(firsts.size).toBe(IDS.length);
    for (const count of firsts.values()) expect(count).toBeGreaterThan(400);
    for (const count of firsts.values()) expect(count).toBeLessThan(600);
  });

  it('should keep empty and one-item lists as they are', () => {
    expect(drillOrder([], 3)).toEqual([]);
    expect(drillOrder(['only'], 3)).toEqual(['only']);
  });
});

describe('newSeed', () => {
  it('should map the random number onto 0..SEED_MAX', () => {
    expect(newSeed(() => 0)).toBe(0);
    expect(newSeed(() => 0.5)).toBe(2 ** 31);
    expect(newSeed(() => 1 - Number.EPSILON)).toBe(SEED_MAX);
    expect(Number.isInteger(newSeed(Math.random))).toBe(true);
  });
});
