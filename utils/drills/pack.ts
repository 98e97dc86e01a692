/**
 * Drill packs: a title, a difficulty and items, each a clip the trainer chose with its answer key
 * (pure). A pack travels as one zip (pack.json and clips/<name>) or as its pack.json alone, the
 * clips chosen again on opening and matched by their sha256 (matchClips). Whatever is wrong with
 * a file is said in plain words and nothing of it is used.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { isNewerVersion } from '@/utils/common/schema-version';
import { z } from 'zod';
import { plainProblem } from '@/utils/common/zod-problem';
import { AnswerKeySchema } from '@/utils/drills/answer-key';
import { DRILL_FILE_NAMES, DRILL_FILE_TEXT } from '@/utils/wording/drills';

export const PACK_KIND = 'liveproof-drill-pack';
export const PACK_SCHEMA_VERSION = 1;
/** The manifest alone: items with keys and segments, far below this even at PACK_MAX_ITEMS. */
export const PACK_MANIFEST_MAX_BYTES = 1024 * 1024;
/** A zip with its clips, checked before unzipping; also the most its clips may unpack to. */
export const PACK_ZIP_MAX_BYTES = 500 * 1024 * 1024;
export const PACK_MAX_ITEMS = 200;
export const PACK_MANIFEST_NAME = 'pack.json';
export const PACK_CLIP_FOLDER = 'clips/';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

/** Encoders round a clip to whole frames and audio packets, so its key may end a little after it. */
const DURATION_SLACK_S = 0.5;

const seconds = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600);
const itemId = z.string().trim().min(1).max(120);
/** Same form as the answer key's prompt ids (utils/checklist/prompts.ts). */
const promptId = z.string().regex(/^[a-z0-9-]{1,48}$/, 'prompt ids are 1..48 lowercase letters, digits or dashes');

const hasControlCharacter = (text: string) => [...text].some((c) => c.charCodeAt(0) < 32);

/** A plain file name: it becomes a path inside the zip and on disk, so no folders, no "..", no control characters. */
const clipName = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (name) => !/[/\\]/.test(name) && name !== '.' && name !== '..' && !hasControlCharacter(name),
    'a clip name is a plain file name, without folders',
  );

const SegmentSchema = z
  .object({
    /** What the person does in it, e.g. "Turns the head to both sides". */
    label: z.string().trim().min(1).max(80),
    startS: seconds,
    endS: seconds,
    /** The checklist prompt this segment answers. */
    promptId: promptId.optional(),
  })
  .refine((segment) => segment.endS > segment.startS, { message: 'a segment ends after it starts', path: ['endS'] });

const ItemSchema = z
  .object({
    id: itemId,
    clip: z.object({
      name: clipName,
      sizeBytes: z.number().int().min(1).max(PACK_ZIP_MAX_BYTES),
      durationS: z
        .number()
        .finite()
        .positive()
        .max(24 * 3600),
      /** Of the clip file, so a clip in a zip or chosen again is checked to be the one the key describes. */
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits'),
    }),
    key: AnswerKeySchema,
    /** Response segments: stretches where the person answers a challenge, which "Ask" plays. */
    segments: z.array(SegmentSchema).max(20).optional(),
    /** For a variant: the item of the genuine clip it was made from. */
    source: z.object({ variantOf: itemId.optional() }).optional(),
  })
  .superRefine((item, ctx) => {
    const lastS = item.clip.durationS + DURATION_SLACK_S;
    if (!item.key.genuine && item.key.endS > lastS)
      ctx.addIssue({ code: 'custom', message: 'the manipulation ends after the clip', path: ['key', 'endS'] });
    item.segments?.forEach((segment, index) => {
      if (segment.endS > lastS)
        ctx.addIssue({ code: 'custom', message: 'the segment ends after the clip', path: ['segments', index, 'endS'] });
    });
  });

export const PackSchema = z
  .object({
    kind: z.literal(PACK_KIND),
    schemaVersion: z.literal(PACK_SCHEMA_VERSION),
    title: z.string().trim().min(1).max(120),
    difficulty: z.enum(DIFFICULTIES),
    createdAtMs: z.number().int().min(0),
    items: z.array(ItemSchema).min(1).max(PACK_MAX_ITEMS),
  })
  .superRefine((pack, ctx) => {
    const ids = new Set(pack.items.map((item) => item.id));
    const seenIds = new Set<string>();
    const seenClips = new Set<string>();
    pack.items.forEach((item, index) => {
      const at = (...path: string[]) => ['items', index, ...path];
      if (seenIds.has(item.id))
        ctx.addIssue({ code: 'custom', message: `two items have the id "${item.id}"`, path: at('id') });
      if (seenClips.has(item.clip.name))
        ctx.addIssue({
          code: 'custom',
          message: `two items use the clip "${item.clip.name}"`,
          path: at('clip', 'name'),
        });
      const variantOf = item.source?.variantOf;
      if (variantOf !== undefined && (variantOf === item.id || !ids.has(variantOf)))
        ctx.addIssue({
          code: 'custom',
          message: 'a variant names another item of the pack as its source',
          path: at('source', 'variantOf'),
        });
      seenIds.add(item.id);
      seenClips.add(item.clip.name);
    });
  });
export type Pack = z.infer<typeof PackSchema>;
export type PackItem = Pack['items'][number];
export type Difficulty = Pack['difficulty'];

/** Hash of bytes as lowercase hex; crypto.subtle in the browser, node:crypto in scripts and tests. */
export type Sha256 = (bytes: Uint8Array) => Promise<string>;

/** Other Liveproof files, named when one is offered in the wrong place. */
const LIVEPROOF_KINDS: Record<string, string> = {
  [PACK_KIND]: DRILL_FILE_NAMES.pack,
  'liveproof-drill-results': DRILL_FILE_NAMES.results,
  'liveproof-session': 'session',
};

/**
 * A drill file of one kind read from JSON text, or a plain-words problem: too large, not JSON,
 * another kind, a newer version, or damaged. Only version 1 exists; a later version adds its
 * frozen schema and migration here the way utils/sessions/migrations.ts does.
 */
export function parseDrillFile<T>(
  text: string,
  sizeBytes: number,
  file: { kind: string; version: number; maxBytes: number; schema: z.ZodType<T> },
): { value: T } | { problem: string } {
  const what = LIVEPROOF_KINDS[file.kind] ?? file.kind;
  if (sizeBytes > file.maxBytes) return { problem: DRILL_FILE_TEXT.tooLarge(what, sizeBytes, file.maxBytes) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: DRILL_FILE_TEXT.notJson(what) };
  }
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (kind !== file.kind) {
    const other = typeof kind === 'string' && Object.hasOwn(LIVEPROOF_KINDS, kind) ? LIVEPROOF_KINDS[kind] : undefined;
    return { problem: other ? DRILL_FILE_TEXT.otherKind(what, other) : DRILL_FILE_TEXT.foreign(what) };
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (isNewerVersion(version, file.version)) return { problem: DRILL_FILE_TEXT.newer(what, version) };
  const parsed = file.schema.safeParse(value);
  return parsed.success
    ? { value: parsed.data }
    : { problem: DRILL_FILE_TEXT.damaged(what, plainProblem(parsed.error)) };
}

/** A pack from its pack.json text; `sizeBytes` is the file's size, refused before reading past the limit. */
export function parsePack(text: string, sizeBytes: number): { pack: Pack } | { problem: string } {
  const read = parseDrillFile(text, sizeBytes, {
    kind: PACK_KIND,
    version: PACK_SCHEMA_VERSION,
    maxBytes: PACK_MANIFEST_MAX_BYTES,
    schema: PackSchema,
  });
  return 'value' in read ? { pack: read.value } : read;
}

/** The pack's pack.json: validated, keys in schema order, so one pack always gives the same text. */
export function packToJson(pack: Pack): string {
  return `${JSON.stringify(PackSchema.parse(pack), null, 2)}\n`;
}

/** The pack's id for results files: the sha256 of its pack.json, so results name exactly the keys answered. */
export function packId(pack: Pack, sha256: Sha256): Promise<string> {
  return sha256(strToU8(packToJson(pack)));
}

/** Zip times are DOS dates, 1980..2099; the pack's creation time, kept inside them, makes the zip reproducible. */
function zipTime(ms: number): number {
  return Math.min(Math.max(ms, Date.UTC(1980, 0, 2)), Date.UTC(2099, 11, 30));
}

/**
 * The pack as one zip: pack.json (deflated) and each item's clip under clips/ (stored: video is
 * compressed already). Throws when a clip's bytes are not given or are not the size the pack says.
 */
export function packToZip(pack: Pack, clips: ReadonlyMap<string, Uint8Array>): Uint8Array {
  // No prototype: a clip may be named "__proto__", which must stay an entry, not change the object.
  const clipFiles: Zippable = Object.create(null) as Zippable;
  for (const { clip } of pack.items) {
    const bytes = clips.get(clip.name);
    if (bytes?.length !== clip.sizeBytes)
      throw new Error(
        `packToZip: the clip "${clip.name}" is ${bytes ? `${bytes.length} bytes` : 'not given'}, ` +
          `the pack says ${clip.sizeBytes} bytes`,
      );
    clipFiles[clip.name] = [bytes, { level: 0 }];
  }
  const files: Zippable = {
    [PACK_MANIFEST_NAME]: strToU8(packToJson(pack)),
    [PACK_CLIP_FOLDER.slice(0, -1)]: clipFiles,
  };
  return zipSync(files, { mtime: zipTime(pack.createdAtMs) });
}

interface ZipEntry {
  name: string;
  /** Declared in the zip's directory; what fflate allocates, and never grows past, when it unpacks. */
  originalSize: number;
}

/** The zip's entries without unpacking any, or null when it is not a zip. */
function listZip(bytes: Uint8Array): ZipEntry[] | null {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(bytes, {
      filter: ({ name, originalSize }) => {
        entries.push({ name, originalSize });
        return false;
      },
    });
  } catch {
    return null;
  }
  return entries;
}

/** The named entries unpacked, or null when their data is damaged. */
function unzipOnly(bytes: Uint8Array, names: ReadonlySet<string>): Record<string, Uint8Array> | null {
  try {
    return unzipSync(bytes, { filter: ({ name }) => names.has(name) });
  } catch {
    return null;
  }
}

/** A path that stays inside the folder it is unpacked to: relative, forward slashes, no "..". */
function isSafePath(path: string): boolean {
  return (
    path.length > 0 &&
    !path.startsWith('/') &&
    !path.includes('\\') &&
    !/^[A-Za-z]:/.test(path) &&
    !path.split('/').includes('..') &&
    !hasControlCharacter(path)
  );
}

/**
 * A pack and its clips from a zip made by packToZip (or by hand with the same layout), each clip
 * checked against the sha256 in pack.json. Sizes are checked before anything is unpacked: the
 * zip's, then what its directory says pack.json and the clips unpack to.
 */
export async function packFromZip(
  bytes: Uint8Array,
  sha256: Sha256,
): Promise<{ pack: Pack; clips: Map<string, Uint8Array> } | { problem: string }> {
  const what = DRILL_FILE_NAMES.pack;
  if (bytes.length > PACK_ZIP_MAX_BYTES)
    return { problem: DRILL_FILE_TEXT.tooLarge(what, bytes.length, PACK_ZIP_MAX_BYTES) };
  const entries = listZip(bytes);
  if (!entries) return { problem: DRILL_FILE_TEXT.notZip };
  const unsafe = entries.find((entry) => !isSafePath(entry.name));
  if (unsafe) return { problem: DRILL_FILE_TEXT.unsafePath(unsafe.name) };
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) {
    // Two entries of one name unpack differently in different tools: refuse rather than pick one.
    if (byName.has(entry.name)) return { problem: DRILL_FILE_TEXT.damaged(what, `: it holds "${entry.name}" twice`) };
    byName.set(entry.name, entry);
  }

  const manifest = byName.get(PACK_MANIFEST_NAME);
  if (!manifest) return { problem: DRILL_FILE_TEXT.noManifest };
  if (manifest.originalSize > PACK_MANIFEST_MAX_BYTES)
    return { problem: DRILL_FILE_TEXT.manifestTooLarge(manifest.originalSize, PACK_MANIFEST_MAX_BYTES) };
  const manifestBytes = unzipOnly(bytes, new Set([PACK_MANIFEST_NAME]))?.[PACK_MANIFEST_NAME];
  if (!manifestBytes) return { problem: DRILL_FILE_TEXT.notZip };
  const read = parsePack(strFromU8(manifestBytes), manifestBytes.length);
  if ('problem' in read) return read;
  const { pack } = read;

  let unpackedBytes = manifest.originalSize;
  for (const { clip } of pack.items) {
    const entry = byName.get(PACK_CLIP_FOLDER + clip.name);
    if (!entry) return { problem: DRILL_FILE_TEXT.clipMissing(clip.name) };
    if (entry.originalSize !== clip.sizeBytes) return { problem: DRILL_FILE_TEXT.clipChanged(clip.name) };
    unpackedBytes += entry.originalSize;
  }
  if (unpackedBytes > PACK_ZIP_MAX_BYTES)
    return { problem: DRILL_FILE_TEXT.unpacksTooLarge(unpackedBytes, PACK_ZIP_MAX_BYTES) };

  const unpacked = unzipOnly(bytes, new Set(pack.items.map(({ clip }) => PACK_CLIP_FOLDER + clip.name)));
  if (!unpacked) return { problem: DRILL_FILE_TEXT.notZip };
  const clips = new Map(
    pack.items.map(({ clip }) => [clip.name, unpacked[PACK_CLIP_FOLDER + clip.name] ?? new Uint8Array()]),
  );
  const hashes = await Promise.all(
    pack.items.map(({ clip }) => {
      const clipBytes = clips.get(clip.name) ?? new Uint8Array();
      // Unpacking stops at the declared size; a stream that ends short of it is not the clip.
      return clipBytes.length === clip.sizeBytes ? sha256(clipBytes) : Promise.resolve('');
    }),
  );
  const changed = pack.items.find(({ clip }, index) => hashes[index]?.toLowerCase() !== clip.sha256);
  if (changed) return { problem: DRILL_FILE_TEXT.clipChanged(changed.clip.name) };
  return { pack, clips };
}

/** A clip file the trainer chose to go with a pack.json, hashed by the caller. */
export interface ChosenClip {
  name: string;
  sizeBytes: number;
  sha256: string;
}

export interface ClipMatch {
  /** Items whose clip is among the files, matched by content (so a renamed copy is found), with that file's name. */
  found: { itemId: string; fileName: string }[];
  /** Items whose clip is not; `differs` when a file of the clip's name was chosen but holds something else. */
  missing: { itemId: string; clipName: string; differs: boolean }[];
  /** What to tell the trainer, or null when every item found its clip. */
  problem: string | null;
}

/** Which items of a pack found their clip among the chosen files, and which did not. */
export function matchClips(pack: Pack, files: readonly ChosenClip[]): ClipMatch {
  const found: ClipMatch['found'] = [];
  const missing: ClipMatch['missing'] = [];
  for (const item of pack.items) {
    const { name, sizeBytes, sha256 } = item.clip;
    const same = files.filter((file) => file.sizeBytes === sizeBytes && file.sha256.toLowerCase() === sha256);
    const file = same.find((candidate) => candidate.name === name) ?? same[0];
    if (file) found.push({ itemId: item.id, fileName: file.name });
    else missing.push({ itemId: item.id, clipName: name, differs: files.some((candidate) => candidate.name === name) });
  }
  const differing = missing.filter((entry) => entry.differs).map((entry) => entry.clipName);
  const absent = missing.filter((entry) => !entry.differs).map((entry) => entry.clipName);
  const sentences = [
    ...differing.map(DRILL_FILE_TEXT.clipDiffersChosen),
    ...(absent.length > 0 ? [DRILL_FILE_TEXT.clipsNotChosen(absent)] : []),
  ];
  return { found, missing, problem: sentences.length > 0 ? sentences.join(' ') : null };
}
