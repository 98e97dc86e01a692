import { useCallback, useEffect, useRef, useState } from 'react';
import type { Difficulty } from '@/utils/drills/pack';
import type { PlanClip } from '@/utils/drills/variant-plan';
import {
  buildVariants,
  drillClips,
  packOf,
  packZipOf,
  type BuiltVariant,
  type VariantProgress,
} from '@/utils/recording/drill-variants';
import { messageOf } from '@/utils/common/error-message';

export type ShownVariant = BuiltVariant & { url: string };

interface Built {
  clips: readonly File[];
  sources: PlanClip[];
  variants: BuiltVariant[];
}

/** Makes drill variants of the chosen clips, with progress, keeps them downloadable, and packs them. */
export function useVariantBuilder() {
  const [progress, setProgress] = useState<VariantProgress | null>(null);
  const [variants, setVariants] = useState<ShownVariant[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [tookMs, setTookMs] = useState<number | null>(null);
  const [building, setBuilding] = useState(false);
  const urls = useRef<string[]>([]);
  const built = useRef<Built | null>(null);

  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const build = useCallback(async (clips: readonly File[]): Promise<BuiltVariant[]> => {
    urls.current.forEach((url) => URL.revokeObjectURL(url));
    urls.current = [];
    built.current = null;
    setProblem(null);
    setVariants([]);
    setTookMs(null);
    setBuilding(true);
    setProgress(null);
    const startedMs = performance.now();
    try {
      const made = await buildVariants(drillClips(clips), setProgress);
      const shown = made.variants.map((variant) => ({ ...variant, url: URL.createObjectURL(variant.file) }));
      urls.current = shown.map((variant) => variant.url);
      built.current = { clips, ...made };
      setVariants(shown);
      setTookMs(performance.now() - startedMs);
      return made.variants;
    } catch (error) {
      setProblem(messageOf(error));
      setProgress(null);
      return [];
    } finally {
      setBuilding(false);
    }
  }, []);

  /** The clips and their variants as one pack zip: each clip a genuine item, each variant keyed. */
  const packZip = useCallback(async (title: string, difficulty: Difficulty, nowMs: number): Promise<Blob> => {
    const made = built.current;
    if (!made) throw new Error('Make the variants first.');
    return packZipOf(
      await packOf({ ...made, clips: drillClips(made.clips) }, { title, difficulty, createdAtMs: nowMs }),
    );
  }, []);

  return { build, building, progress, variants, problem, tookMs, packZip };
}
