import { describe, expect, it } from 'vitest';
import { cryptoRandom, PHRASE_WORDS, randomFirstTurn, randomPhrase } from '@/utils/checklist/challenges';
import { seededRandom } from '../../support/generators';

describe('challenges', () => {
  it('should build phrases of distinct common words that differ from draw to draw', () => {
    const random = seededRandom(11);
    const phrases = Array.from({ length: 20 }, () => randomPhrase(random));
    for (const phrase of phrases) {
      const words = phrase.split(' ');
      expect(words).toHaveLength(8);
      expect(new Set(words).size).toBe(8);
      for (const word of words) expect(PHRASE_WORDS).toContain(word);
    }
    expect(new Set(phrases).size).toBe(20);
  });

  it('should pick both turn sides about equally often', () => {
    const random = seededRandom(3);
    const lefts = Array.from({ length: 1000 }, () => randomFirstTurn(random)).filter((side) => side === 'left').length;
    expect(lefts).toBeGreaterThan(430);
    expect(lefts).toBeLessThan(570);
  });

  it('should draw crypto-backed numbers in 0..1', () => {
    const values = Array.from({ length: 200 }, cryptoRandom);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(new Set(values).size).toBeGreaterThan(190);
  });
});
