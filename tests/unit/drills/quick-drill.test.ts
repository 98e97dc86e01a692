import { describe, expect, it } from 'vitest';
import { quickDrillPlans } from '@/utils/drills/quick-drill';
import type { PlanClip } from '@/utils/drills/variant-plan';

const clip = (n: number, hasAudio = true): PlanClip => ({
  id: `clip-${n}`,
  name: `speaker-${n}.mp4`,
  durationS: 10,
  hasAudio,
});

describe('quickDrillPlans', () => {
  it('should make one variant per clip, of different kinds, the same for the same seed', () => {
    const clips = [1, 2, 3, 4].map((n) => clip(n));
    const plans = quickDrillPlans(clips, 7);
    expect(new Set(plans.map((plan) => plan.key.manipulation)).size).toBe(4);
    expect(plans.map((plan) => plan.name.split('.')[0])).toEqual(['speaker-1', 'speaker-2', 'speaker-3', 'speaker-4']);
    expect(quickDrillPlans(clips, 7)).toEqual(plans);
    const seeds = Array.from({ length: 20 }, (_, seed) =>
      quickDrillPlans(clips, seed)
        .map((p) => p.id)
        .join(),
    );
    expect(new Set(seeds).size).toBeGreaterThan(5);
  });

  it('should use at most five clips, and give silent clips a kind that needs no sound', () => {
    expect(
      quickDrillPlans(
        [1, 2, 3, 4, 5, 6].map((n) => clip(n)),
        1,
      ),
    ).toHaveLength(5);
    const silent = quickDrillPlans(
      [1, 2, 3].map((n) => clip(n, false)),
      3,
    );
    expect(silent).toHaveLength(3);
    for (const plan of silent) expect(['frozen', 'replayed', 'joined']).toContain(plan.id);
  });
});
