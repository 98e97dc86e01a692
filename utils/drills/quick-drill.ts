/**
 * A quick drill from the clips a new trainer picks: every clip once as it is and once as a
 * variant, so half the items are genuine. The variant kinds take turns, in an order drawn from
 * the seed, and shifts are the large ones: exaggerated examples teach faster than subtle ones.
 */
import { drillOrder } from '@/utils/drills/order';
import { planVariants, type PlanClip, type VariantPlan } from '@/utils/drills/variant-plan';

/** A quick drill has 6..10 items: three to five clips, each genuine and as a variant. */
export const QUICK_DRILL_CLIPS = { fewest: 3, most: 5 } as const;

const QUICK_KINDS = ['shift', 'voice', 'frozen', 'joined', 'replayed'] as const;
const QUICK_SHIFTS = ['shift+500', 'shift-500', 'shift+250'] as const;

/**
 * One variant plan per clip (the first QUICK_DRILL_CLIPS.most clips), the next clip lending its
 * voice or person. A clip that cannot give the kind its turn names gets the next kind it can.
 */
export function quickDrillPlans(clips: readonly PlanClip[], seed: number): VariantPlan[] {
  const used = clips.slice(0, QUICK_DRILL_CLIPS.most);
  const kinds = drillOrder(QUICK_KINDS, seed);
  const shift = QUICK_SHIFTS[seed % QUICK_SHIFTS.length];
  return used.flatMap((clip, i) => {
    const other = used[(i + 1) % used.length] ?? null;
    const plans = planVariants(clip, other);
    for (let turn = 0; turn < kinds.length; turn++) {
      const kind = kinds[(i + turn) % kinds.length];
      const plan = plans.find((candidate) => candidate.id === (kind === 'shift' ? shift : kind));
      if (plan) return [plan];
    }
    return [];
  });
}
