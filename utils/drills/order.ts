/**
 * The order a drill shows its items in: shuffled, so position gives nothing away, but from a seed,
 * so a trainer can give every trainee the same order on purpose (pure).
 */

import { seededRandom } from '@/utils/common/random';

/** Seeds are unsigned 32-bit integers: what mulberry32 takes, and short enough to type in. */
export const SEED_MAX = 2 ** 32 - 1;

/** The items shuffled by `seed` (Fisher–Yates over seededRandom); the input is left as it was. */
export function drillOrder<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const order = [...items];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as T, order[i] as T];
  }
  return order;
}

/** A fresh seed from `random` (Math.random in the browser), 0..SEED_MAX. */
export function newSeed(random: () => number): number {
  return Math.min(SEED_MAX, Math.floor(random() * 2 ** 32));
}
