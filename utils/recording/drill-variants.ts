/**
 * Drill variants of a trainer's own clips, made on this device: each clip is planned
 * (utils/drills/variant-plan.ts) with the next clip as the "other person" and rendered.
 */
import { planVariants, type PlanClip, type VariantPlan } from '@/utils/drills/variant-plan';
import { ALL_FORMATS, BlobSource, Input } from 'mediabunny';
import { renderVariant, VariantSourceError } from './render-variant';

export interface DrillClip {
  id: string;
  file: File;
}

export interface BuiltVariant {
  /** Id of the clip it was made from. */
  sourceId: string;
  plan: VariantPlan;
  file: File;
  /** Wall time its rendering took, ms. */
  renderMs: number;
}

export interface VariantProgress {
  /** Variants finished, and planned in all. */
  done: number;
  total: number;
  /** The variant being made, and how far it is (0..1). */
  current: string;
  fraction: number;
}

/** Length and sound of a clip, for planning; a clip that cannot be read says so in the trainer's words. */
export async function describeClip(clip: DrillClip): Promise<PlanClip> {
  const input = new Input({ source: new BlobSource(clip.file), formats: ALL_FORMATS });
  try {
    const video = await input.getPrimaryVideoTrack().catch(() => null);
    if (!video) throw new VariantSourceError(`${clip.file.name} is not a video this browser can read.`);
    const audio = await input.getPrimaryAudioTrack();
    return {
      id: clip.id,
      name: clip.file.name,
      durationS: await input.computeDuration(),
      hasAudio: audio !== null && (await audio.canDecode()),
    };
  } finally {
    input.dispose();
  }
}

/**
 * The clips as planned (their length and sound) and every variant of every clip, made one after
 * the other (the encoder already uses the cores); the next clip in the list lends its voice and
 * its person.
 */
export async function buildVariants(
  clips: readonly DrillClip[],
  onProgress: (progress: VariantProgress) => void = () => undefined,
  nowMs: () => number = () => performance.now(),
): Promise<{ sources: PlanClip[]; variants: BuiltVariant[] }> {
  const described = await Promise.all(clips.map(describeClip));
  const plans = described.flatMap((clip, i) => {
    const other = described.length > 1 ? (described[(i + 1) % described.length] ?? null) : null;
    return planVariants(clip, other).map((plan) => ({ sourceId: clip.id, plan }));
  });
  const files = new Map(clips.map((clip) => [clip.id, { file: clip.file as Blob, name: clip.file.name }]));
  const built: BuiltVariant[] = [];
  for (const [done, { sourceId, plan }] of plans.entries()) {
    const startedMs = nowMs();
    const report = (fraction: number) => onProgress({ done, total: plans.length, current: plan.name, fraction });
    report(0);
    const blob = await renderVariant(plan, files, report).catch((error: unknown) => {
      if (error instanceof VariantSourceError) throw error;
      throw new VariantSourceError(`Could not make ${plan.name}: ${error instanceof Error ? error.message : error}`);
    });
    built.push({
      sourceId,
      plan,
      file: new File([blob], plan.name, { type: 'video/mp4' }),
      renderMs: nowMs() - startedMs,
    });
  }
  onProgress({ done: plans.length, total: plans.length, current: '', fraction: 1 });
  return { sources: described, variants: built };
}
