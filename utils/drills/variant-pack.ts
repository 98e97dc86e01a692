/**
 * A drill pack from a trainer's clips and the variants made of them: each clip is a genuine
 * item, each variant an item with the key its plan wrote.
 */
import type { Difficulty, Pack } from '@/utils/drills/pack';
import { PACK_KIND, PACK_SCHEMA_VERSION } from '@/utils/drills/pack';
import type { VariantPlan } from '@/utils/drills/variant-plan';

export interface PackedFile {
  name: string;
  sizeBytes: number;
  durationS: number;
  sha256: string;
}

export function variantPack(options: {
  title: string;
  difficulty: Difficulty;
  createdAtMs: number;
  sources: readonly (PackedFile & { id: string })[];
  variants: readonly (PackedFile & { sourceId: string; plan: VariantPlan })[];
}): Pack {
  const genuine = options.sources.map((source) => ({
    id: source.id,
    clip: { name: source.name, sizeBytes: source.sizeBytes, durationS: source.durationS, sha256: source.sha256 },
    key: { genuine: true as const },
  }));
  const made = options.variants.map((variant) => ({
    id: `${variant.sourceId}.${variant.plan.id}`,
    clip: { name: variant.name, sizeBytes: variant.sizeBytes, durationS: variant.durationS, sha256: variant.sha256 },
    key: variant.plan.key,
    source: { variantOf: variant.sourceId },
  }));
  return {
    kind: PACK_KIND,
    schemaVersion: PACK_SCHEMA_VERSION,
    title: options.title,
    difficulty: options.difficulty,
    createdAtMs: options.createdAtMs,
    items: [...genuine, ...made],
  };
}
