import { useCallback, useEffect, useRef, useState } from 'react';
import { buildVariants, type BuiltVariant, type VariantProgress } from '@/utils/recording/drill-variants';

export type ShownVariant = BuiltVariant & { url: string };

/** Makes drill variants of the chosen clips, with progress, and keeps them downloadable. */
export function useVariantBuilder() {
  const [progress, setProgress] = useState<VariantProgress | null>(null);
  const [variants, setVariants] = useState<ShownVariant[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [tookMs, setTookMs] = useState<number | null>(null);
  const urls = useRef<string[]>([]);

  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const build = useCallback(async (clips: readonly File[]): Promise<BuiltVariant[]> => {
    urls.current.forEach((url) => URL.revokeObjectURL(url));
    urls.current = [];
    setProblem(null);
    setVariants([]);
    setTookMs(null);
    const startedMs = performance.now();
    try {
      const built = await buildVariants(
        clips.map((file, i) => ({ id: `clip-${i + 1}`, file })),
        setProgress,
      );
      const shown = built.map((variant) => ({ ...variant, url: URL.createObjectURL(variant.file) }));
      urls.current = shown.map((variant) => variant.url);
      setVariants(shown);
      setTookMs(performance.now() - startedMs);
      return built;
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      setProgress(null);
      return [];
    }
  }, []);

  const building = progress !== null && progress.done < progress.total;
  return { build, building, progress, variants, problem, tookMs };
}
