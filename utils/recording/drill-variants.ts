/**
 * Drill variants of a trainer's own clips, made on this device: each clip is planned
 * (utils/drills/variant-plan.ts) with the next clip as the "other person" and rendered.
 */
import { plainProblem } from '@/utils/common/zod-problem';
import type { DecodedSound } from '@/utils/drills/assemble-audio';
import {
  PACK_ZIP_MAX_BYTES,
  PackSchema,
  matchClips,
  packFromZip,
  parsePack,
  packToZip,
  type Difficulty,
  type Pack,
} from '@/utils/drills/pack';
import { QUICK_DRILL_CLIPS, quickDrillPlans } from '@/utils/drills/quick-drill';
import { planVariants, SHORTEST_VARIANT_SOURCE_S, type PlanClip, type VariantPlan } from '@/utils/drills/variant-plan';
import { DRILL_FILE_NAMES, DRILL_FILE_TEXT, DRILL_MAKER_TEXT } from '@/utils/wording/drills';
import { variantPack } from '@/utils/drills/variant-pack';
import { ALL_FORMATS, BlobSource, Input } from 'mediabunny';
import { renderVariant, VariantSourceError } from './render-variant';
import { damagedIndexText } from './open-recording';

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
  const damaged = await damagedIndexText(clip.file);
  if (damaged) throw new VariantSourceError(`${clip.file.name}: ${damaged}`);
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
 * Every clip described; clips whose names differ only in the extension are refused, since a
 * pack names clips and variants by file name.
 */
async function describeClips(clips: readonly DrillClip[]): Promise<PlanClip[]> {
  const bases = clips.map((clip) => clip.file.name.replace(/\.[^.]+$/, ''));
  const repeated = clips.find((_, i) => bases.indexOf(bases[i] as string) !== i);
  if (repeated) throw new VariantSourceError(DRILL_MAKER_TEXT.sameName(repeated.file.name));
  return Promise.all(clips.map(describeClip));
}

/** The trainer's files as drill clips, named clip-1, clip-2… in the order chosen (the items' ids). */
export const drillClips = (files: readonly File[]): DrillClip[] =>
  files.map((file, i) => ({ id: `clip-${i + 1}`, file }));

/** Renders the plans one after the other (the encoder already uses the cores), with progress. */
async function renderPlans(
  plans: readonly { sourceId: string; plan: VariantPlan }[],
  clips: readonly DrillClip[],
  onProgress: (progress: VariantProgress) => void,
  nowMs: () => number,
): Promise<BuiltVariant[]> {
  if (plans.length === 0) throw new VariantSourceError(DRILL_MAKER_TEXT.nothingToMake(SHORTEST_VARIANT_SOURCE_S));
  const files = new Map(clips.map((clip) => [clip.id, { file: clip.file as Blob, name: clip.file.name }]));
  const sounds = new Map<string, DecodedSound | null>();
  const built: BuiltVariant[] = [];
  for (const [done, { sourceId, plan }] of plans.entries()) {
    const startedMs = nowMs();
    const report = (fraction: number) => onProgress({ done, total: plans.length, current: plan.name, fraction });
    report(0);
    const blob = await renderVariant(plan, files, report, sounds).catch((error: unknown) => {
      if (error instanceof VariantSourceError) throw error;
      throw new VariantSourceError(`Could not make ${plan.name}: ${error instanceof Error ? error.message : error}`);
    });
    const file = new File([blob], plan.name, { type: 'video/mp4' });
    built.push({ sourceId, plan, file, renderMs: nowMs() - startedMs });
  }
  onProgress({ done: plans.length, total: plans.length, current: '', fraction: 1 });
  return built;
}

/**
 * The clips as planned (their length and sound) and every variant of every clip; the next clip
 * in the list lends its voice and its person.
 */
export async function buildVariants(
  clips: readonly DrillClip[],
  onProgress: (progress: VariantProgress) => void = () => undefined,
  nowMs: () => number = () => performance.now(),
): Promise<{ sources: PlanClip[]; variants: BuiltVariant[] }> {
  const described = await describeClips(clips);
  const plans = described.flatMap((clip, i) => {
    const other = described.length > 1 ? (described[(i + 1) % described.length] ?? null) : null;
    return planVariants(clip, other).map((plan) => ({ sourceId: clip.id, plan }));
  });
  const built = await renderPlans(plans, clips, onProgress, nowMs);
  return { sources: described, variants: built };
}

/** Lowercase hex sha256 of bytes (the pack's clip check). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A pack with its clips as files, ready to drill. */
export interface OpenPack {
  pack: Pack;
  clips: Map<string, File>;
}

/** The clips and their variants as a pack: each clip a genuine item, each variant keyed. */
export async function packOf(
  made: { clips: readonly DrillClip[]; sources: readonly PlanClip[]; variants: readonly BuiltVariant[] },
  options: { title: string; difficulty: Difficulty; createdAtMs: number },
): Promise<OpenPack> {
  const files = new Map<string, File>();
  const packed = async (file: File, durationS: number) => {
    files.set(file.name, file);
    const bytes = new Uint8Array(await file.arrayBuffer());
    return { name: file.name, sizeBytes: bytes.length, durationS, sha256: await sha256Hex(bytes) };
  };
  const sources = [];
  for (const source of made.sources) {
    const clip = made.clips.find((c) => c.id === source.id) as DrillClip;
    sources.push({ id: source.id, ...(await packed(clip.file, source.durationS)) });
  }
  const variants = [];
  for (const variant of made.variants) {
    variants.push({
      sourceId: variant.sourceId,
      plan: variant.plan,
      ...(await packed(variant.file, variant.plan.durationS)),
    });
  }
  const pack = PackSchema.safeParse(variantPack({ ...options, sources, variants }));
  if (!pack.success) throw new VariantSourceError(DRILL_MAKER_TEXT.notAPack(plainProblem(pack.error)));
  return { pack: pack.data, clips: files };
}

/** The pack as one zip file's bytes. */
export async function packZipOf(open: OpenPack): Promise<Blob> {
  const bytes = new Map<string, Uint8Array>();
  for (const [name, file] of open.clips) bytes.set(name, new Uint8Array(await file.arrayBuffer()));
  return new Blob([packToZip(open.pack, bytes) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

/** A pack zip the trainer chose, checked (sizes, paths, every clip's sha256), or what is wrong with it. */
export async function openPackZip(file: File): Promise<OpenPack | { problem: string }> {
  if (file.size > PACK_ZIP_MAX_BYTES)
    return { problem: DRILL_FILE_TEXT.tooLarge(DRILL_FILE_NAMES.pack, file.size, PACK_ZIP_MAX_BYTES) };
  const read = await packFromZip(new Uint8Array(await file.arrayBuffer()), sha256Hex);
  if ('problem' in read) return read;
  const clips = new Map(
    [...read.clips].map(([name, bytes]) => [
      name,
      new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'video/mp4' }),
    ]),
  );
  return { pack: read.pack, clips };
}

/**
 * A quick drill from the trainer's clips: each clip genuine and once as a variant
 * (utils/drills/quick-drill.ts), packed in memory.
 */
export async function buildQuickDrill(
  files: readonly File[],
  seed: number,
  onProgress: (progress: VariantProgress) => void = () => undefined,
  nowMs: () => number = () => performance.now(),
): Promise<OpenPack> {
  const clips = drillClips(files);
  const sources = await describeClips(clips);
  const plans = quickDrillPlans(sources, seed);
  const variants = await renderPlans(
    plans.map((plan) => ({ sourceId: plan.video[0]?.clip ?? '', plan })),
    clips,
    onProgress,
    nowMs,
  );
  const used = sources.filter((source) => variants.some((variant) => variant.sourceId === source.id));
  if (used.length < QUICK_DRILL_CLIPS.fewest)
    throw new VariantSourceError(
      DRILL_MAKER_TEXT.tooFewUsable(used.length, QUICK_DRILL_CLIPS.fewest, SHORTEST_VARIANT_SOURCE_S),
    );
  return packOf(
    { clips, sources: used, variants },
    { title: `Quick drill from ${used.length} clips`, difficulty: 'easy', createdAtMs: Date.now() },
  );
}

/**
 * A pack.json the trainer chose with its clips (a pack shared without footage: each trainer
 * chooses the clips they hold), every clip matched by its sha256, so a renamed copy is found and
 * a different file is refused.
 */
export async function openPackManifest(
  manifest: File,
  chosen: readonly File[],
): Promise<OpenPack | { problem: string }> {
  const read = parsePack(await manifest.text(), manifest.size);
  if ('problem' in read) return read;
  const hashed = await Promise.all(
    chosen.map(async (file) => ({
      file,
      name: file.name,
      sizeBytes: file.size,
      sha256: await sha256Hex(new Uint8Array(await file.arrayBuffer())),
    })),
  );
  const match = matchClips(read.pack, hashed);
  if (match.problem) return { problem: match.problem };
  const byName = new Map(hashed.map((entry) => [entry.name, entry.file]));
  const clips = new Map(
    match.found.map(({ itemId, fileName }) => {
      const item = read.pack.items.find((candidate) => candidate.id === itemId) as Pack['items'][number];
      return [item.clip.name, byName.get(fileName) as File];
    }),
  );
  return { pack: read.pack, clips };
}
