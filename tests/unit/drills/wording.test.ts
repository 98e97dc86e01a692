import { describe, expect, it } from 'vitest';
import { MANIPULATIONS } from '@/utils/drills/answer-key';
import { CUES, ITEM_OUTCOMES } from '@/utils/drills/scoring';
import {
  CONFIDENCE_WORDS,
  CUE_WORDS,
  keyText,
  MANIPULATION_WORDS,
  OUTCOME_TITLES,
  OUTCOME_WORDS,
  stretchText,
} from '@/utils/wording/drills';

describe('drill wording', () => {
  it('should word every manipulation, cue, outcome and confidence, outcomes false accusations first', () => {
    expect(Object.keys(MANIPULATION_WORDS)).toEqual([...MANIPULATIONS]);
    expect(Object.keys(CUE_WORDS)).toEqual([...CUES]);
    expect(Object.keys(OUTCOME_WORDS)).toEqual([...ITEM_OUTCOMES]);
    expect(Object.keys(OUTCOME_TITLES)).toEqual([...ITEM_OUTCOMES]);
    expect(ITEM_OUTCOMES[0]).toBe('false-accusation');
    expect(Object.keys(CONFIDENCE_WORDS)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('should state each outcome in words: what the clip was and what the trainee said', () => {
    expect(OUTCOME_WORDS).toEqual({
      'false-accusation': 'Genuine, but you called it fake — a false accusation',
      'missed-fake': 'Fake, but you called it genuine — a missed fake',
      hit: 'Fake, and you called it fake — a hit',
      'correct-genuine': 'Genuine, and you called it genuine — correct',
    });
  });

  it('should state a key and where it is, to a tenth of a second', () => {
    expect(stretchText(4.8333, 7.25)).toBe('4.8–7.3 s');
    expect(keyText(null, 0, 0, '')).toBe('Genuine clip');
    expect(keyText(MANIPULATION_WORDS['replayed-stretch'], 12, 15, 'Seconds 12 to 15 play twice.')).toBe(
      'Manipulated (A stretch replayed (looped), 12–15 s): Seconds 12 to 15 play twice.',
    );
  });
});
