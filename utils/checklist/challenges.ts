/**
 * Unpredictable challenge content (pure, given a random source): a phrase of common words to read
 * aloud and which way to turn first, so a recording or a scripted stand-in cannot prepare them.
 * The panel passes a crypto-backed source; tests pass a seeded one.
 */

/** Common, easy-to-say English words with clear mouth shapes (lips together, open, rounded). */
export const PHRASE_WORDS = [
  'apple',
  'baker',
  'blue',
  'bottle',
  'bridge',
  'candle',
  'carpet',
  'window',
  'garden',
  'marble',
  'mountain',
  'orange',
  'paper',
  'pepper',
  'pillow',
  'purple',
  'river',
  'rubber',
  'summer',
  'table',
  'tomato',
  'velvet',
  'water',
  'yellow',
  'morning',
  'bubble',
  'monkey',
  'pocket',
  'ribbon',
  'basket',
  'copper',
  'meadow',
  'puppet',
  'hammer',
  'lemon',
  'museum',
  'number',
  'pumpkin',
  'balloon',
  'wombat',
] as const;

/** Uniform 0..1 numbers. */
export type RandomSource = () => number;

/** Random numbers from the platform's cryptographic generator. */
export const cryptoRandom: RandomSource = () => (crypto.getRandomValues(new Uint32Array(1))[0] as number) / 2 ** 32;

/** `count` distinct words in random order. */
export function randomPhrase(random: RandomSource, count = 8): string {
  const pool: string[] = [...PHRASE_WORDS];
  const words: string[] = [];
  for (let i = 0; i < Math.min(count, pool.length); i++) {
    const index = Math.floor(random() * pool.length);
    words.push(...pool.splice(index, 1));
  }
  return words.join(' ');
}

export type TurnSide = 'left' | 'right';

/** Which side to turn to first. */
export function randomFirstTurn(random: RandomSource): TurnSide {
  return random() < 0.5 ? 'left' : 'right';
}
