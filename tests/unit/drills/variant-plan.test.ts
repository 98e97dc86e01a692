import { describe, expect, it } from 'vitest';
import { AnswerKeySchema } from '@/utils/drills/answer-key';
import { assembleAudio } from '@/utils/drills/assemble-audio';
import { DRILL_SHIFTS_MS, pieceSeconds, planVariants, type PlanClip } from '@/utils/drills/variant-plan';

const ada: PlanClip = { id: 'a', name: 'ada.mp4', durationS: 30, hasAudio: true };
const bob: PlanClip = { id: 'b', name: 'bob.webm', durationS: 12, hasAudio: true };
const total = (pieces: Parameters<typeof pieceSeconds>[0][]) => pieces.reduce((sum, p) => sum + pieceSeconds(p), 0);

describe('planVariants', () => {
  it('should plan every variant with a valid key, and picture and sound as long as the variant', () => {
    const plans = planVariants(ada, bob);
    expect(plans.map((plan) => plan.id)).toEqual([
      ...DRILL_SHIFTS_MS.map((ms) => `shift${ms > 0 ? '+' : ''}${ms}`),
      'frozen',
      'replayed',
      'voice',
      'joined',
    ]);
    for (const plan of plans) {
      expect(AnswerKeySchema.safeParse(plan.key).success).toBe(true);
      expect(total(plan.video)).toBeCloseTo(plan.durationS, 6);
      expect(total(plan.audio ?? [])).toBeCloseTo(plan.durationS, 6);
    }
    expect(new Set(plans.map((plan) => plan.name)).size).toBe(plans.length);
  });

  it('should shift the sound later by leading silence and earlier by dropping its start', () => {
    const [early, , , , , late] = planVariants(ada);
    expect(late).toMatchObject({ key: { shiftMs: 500, startS: 0, endS: 30 }, name: 'ada.shift+500ms.mp4' });
    expect(late?.audio).toEqual([{ silenceS: 0.5 }, { clip: 'a', fromS: 0, toS: 29.5 }]);
    expect(early?.audio).toEqual([{ clip: 'a', fromS: 0.5, toS: 30 }, { silenceS: 0.5 }]);
    expect(early?.key.description).toBe('The sound was moved 500 ms earlier than the picture.');
  });

  it('should freeze and replay a stretch at 40 % of the clip, at most 3 s and a fifth of it', () => {
    const plans = planVariants(ada);
    const frozen = plans.find((plan) => plan.id === 'frozen');
    expect(frozen?.key).toMatchObject({ manipulation: 'frozen-stretch', startS: 12, endS: 15 });
    expect(frozen?.video[1]).toEqual({ clip: 'a', holdAtS: 12, durationS: 3 });
    const replayed = plans.find((plan) => plan.id === 'replayed');
    expect(replayed).toMatchObject({ durationS: 30, key: { startS: 15, endS: 18 } });
    expect(replayed?.video).toEqual([
      { clip: 'a', fromS: 0, toS: 15 },
      { clip: 'a', fromS: 12, toS: 15 },
      { clip: 'a', fromS: 18, toS: 30 },
    ]);
    const short = planVariants({ ...ada, durationS: 5 }).find((plan) => plan.id === 'frozen');
    expect(short?.key).toMatchObject({ startS: 2, endS: 3 });
  });

  it('should lend the other voice and join the other person at half the clip', () => {
    const plans = planVariants(ada, bob);
    expect(plans.find((plan) => plan.id === 'voice')?.audio).toEqual([
      { clip: 'b', fromS: 0, toS: 12 },
      { silenceS: 18 },
    ]);
    const joined = plans.find((plan) => plan.id === 'joined');
    expect(joined?.video).toEqual([
      { clip: 'a', fromS: 0, toS: 15 },
      { clip: 'b', fromS: 0, toS: 12 },
    ]);
    expect(joined?.key).toMatchObject({ manipulation: 'person-swapped', startS: 15, endS: 27 });
  });

  it('should leave out what needs sound when there is none, and clips too short to drill', () => {
    const silent = { ...ada, hasAudio: false };
    expect(planVariants(silent, { ...bob, hasAudio: false }).map((plan) => plan.id)).toEqual([
      'frozen',
      'replayed',
      'joined',
    ]);
    expect(planVariants(silent).find((plan) => plan.id === 'frozen')?.audio).toBeNull();
    expect(planVariants({ ...ada, durationS: 3.9 })).toEqual([]);
    expect(planVariants(ada, ada).map((plan) => plan.id)).not.toContain('joined');
  });
});

describe('assembleAudio', () => {
  const ramp = (length: number, rate: number) => ({
    samples: Float32Array.from({ length }, (_, i) => i / rate),
    sampleRate: rate,
  });

  it('should lay pieces end to end, silence included, resampled to the output rate', () => {
    const sounds = new Map([['a', ramp(16_000, 16_000)]]);
    const out = assembleAudio([{ silenceS: 0.25 }, { clip: 'a', fromS: 0.1, toS: 0.6 }], sounds, 48_000);
    expect(out.length).toBe(36_000);
    expect(out[11_999]).toBe(0);
    // Each output sample reads the source's own time (the ramp's value).
    expect(out[12_000]).toBeCloseTo(0.1, 6);
    expect(out[12_000 + 4_800]).toBeCloseTo(0.2, 5);
  });

  it('should be silent past the end of a clip and refuse a clip it was not given', () => {
    const sounds = new Map([['a', ramp(8_000, 8_000)]]);
    const out = assembleAudio([{ clip: 'a', fromS: 0.5, toS: 1.5 }], sounds, 8_000);
    expect(out[3_999]).toBeCloseTo(0.999875, 5);
    expect(out[4_001]).toBe(0);
    expect(() => assembleAudio([{ clip: 'z', fromS: 0, toS: 1 }], sounds, 8_000)).toThrow(/clip z/);
  });
});
