import { describe, expect, it } from 'vitest';
import { LIP_SYNC_VERDICTS, type LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { LIP_SYNC } from '@/utils/common/thresholds';
import {
  describeOffset,
  firstVerdictText,
  insufficientReason,
  lipSyncCountsText,
  lipSyncMeterText,
  lipSyncVerdictDetail,
  lipSyncVerdictTitle,
} from '@/utils/wording/lip-sync';

const estimate = (change: Partial<LipSyncEstimate>): LipSyncEstimate => ({
  verdict: 'in-sync',
  method: 'learned',
  offsetMs: 42,
  confidence: 0.91,
  peakCorrelation: 0.3,
  peakZ: 6,
  chanceStd: 0.05,
  speechS: 12.34,
  faceShare: 1,
  startMs: 0,
  endMs: 30_000,
  ...change,
});

describe('describeOffset', () => {
  it.each([
    [320, 'the sound comes 320 ms after the lips move'],
    [319.6, 'the sound comes 320 ms after the lips move'],
    [-180, 'the sound comes 180 ms before the lips move'],
    [-180.4, 'the sound comes 180 ms before the lips move'],
  ])('should say %d ms as "%s"', (offsetMs, text) => {
    expect(describeOffset(offsetMs)).toBe(text);
  });
});

describe('lipSyncVerdictTitle', () => {
  it.each([
    ['in-sync', 42, 'Lips and voice in sync'],
    ['offset', 512.4, 'Offset: the sound comes 512 ms after the lips move'],
    ['offset', -260, 'Offset: the sound comes 260 ms before the lips move'],
    ['mismatch', Number.NaN, 'The voice does not follow the lips'],
    ['insufficient', Number.NaN, 'Not enough to judge lip-sync'],
  ] as const)('should title %s (offset %d ms) as "%s"', (verdict, offsetMs, title) => {
    expect(lipSyncVerdictTitle({ verdict, offsetMs })).toBe(title);
  });

  it('should have a distinct title for every verdict', () => {
    const titles = LIP_SYNC_VERDICTS.map((verdict) => lipSyncVerdictTitle({ verdict, offsetMs: 300 }));
    expect(new Set(titles).size).toBe(LIP_SYNC_VERDICTS.length);
  });
});

describe('lipSyncVerdictDetail', () => {
  it.each(['in-sync', 'offset', 'mismatch'] as const)('should give confidence and speech for %s', (verdict) => {
    expect(lipSyncVerdictDetail(estimate({ verdict }))).toBe(
      'Confidence 91 % over 12.3 s of speech. Method: the learned audio-to-mouth map.',
    );
    expect(lipSyncVerdictDetail(estimate({ verdict, method: 'envelope' }))).toContain('loudness of the voice');
  });

  it('should give the reason when there is no verdict', () => {
    const unsure = estimate({ verdict: 'insufficient', speechS: 1.5 });
    expect(lipSyncVerdictDetail(unsure)).toBe(insufficientReason(unsure));
  });
});

describe('insufficientReason', () => {
  const { minFaceShare, minSpeechS } = LIP_SYNC;
  const littleFace = `A face was visible for only ${Math.round((minFaceShare - 0.01) * 100)} % of the time.`;
  const littleSpeech = `Only ${(minSpeechS - 0.1).toFixed(1)} s of speech was heard.`;
  const undecided = (speechS: number) =>
    `Over ${speechS.toFixed(1)} s of speech the mouth and voice neither clearly matched nor clearly differed; ` +
    'longer speech settles it.';

  it.each([
    ['face just under the limit', minFaceShare - 0.01, 20, littleFace],
    ['little face and little speech (the face first)', minFaceShare - 0.01, minSpeechS - 0.1, littleFace],
    ['face at the limit, speech just under it', minFaceShare, minSpeechS - 0.1, littleSpeech],
    ['face and speech at their limits', minFaceShare, minSpeechS, undecided(minSpeechS)],
    ['plenty of both', 1, 20, undecided(20)],
  ])('should explain %s', (_, faceShare, speechS, reason) => {
    expect(insufficientReason({ faceShare, speechS, method: 'envelope' })).toBe(reason);
  });
});

describe('lipSyncMeterText', () => {
  const offset = (offsetMs: number, confidence: number) => estimate({ verdict: 'offset', offsetMs, confidence });
  it.each([
    ['in sync', estimate({}), 'In sync, 42 ms, confidence 91 %'],
    ['a late sound', offset(320.4, 0.8), 'Offset, 320 ms, confidence 80 %'],
    ['an early sound', offset(-180, 0.7), 'Offset, -180 ms, confidence 70 %'],
    [
      'a mismatch (no offset)',
      estimate({ verdict: 'mismatch', offsetMs: Number.NaN, confidence: 0.6 }),
      'Voice does not follow the lips, confidence 60 %',
    ],
    ['little speech', estimate({ verdict: 'insufficient', speechS: 1.46 }), 'Listening… (1.5 s of speech so far)'],
  ])('should read %s in short', (_, value, text) => {
    expect(lipSyncMeterText(value)).toBe(text);
  });

  it('should show a dash before the first estimate', () => {
    expect(lipSyncMeterText(null)).toBe('–');
  });
});

describe('session counts and first verdict', () => {
  it('should count signal points per verdict', () => {
    expect(lipSyncCountsText({ 'in-sync': 52, offset: 9, mismatch: 0, insufficient: 5 })).toBe(
      '52 in sync, 9 offset, 0 mismatch, 5 not enough speech',
    );
  });

  it('should say how much speech the first verdict took, to a tenth of a second', () => {
    expect(firstVerdictText(3)).toBe('First verdict after 3.0 s of speech.');
    expect(firstVerdictText(4.26)).toBe('First verdict after 4.3 s of speech.');
  });
});
