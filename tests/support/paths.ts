import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

type Env = Record<string, string | undefined>;

const ROOT = resolve(import.meta.dirname, '../..');

export const MODEL_FILE = join(ROOT, 'public/models/face_landmarker.task');

const MEDIA_FIX =
  'Put the shared folder beside the project (../shared/media with real/, synthetic/ and other/) ' +
  'or set LIVEPROOF_MEDIA_DIR to a folder laid out the same way.';
const MODEL_FIX =
  'Run `npm install` (or `node scripts/setup.mjs`): it copies the model from $LIVEPROOF_MODEL_DIR or ' +
  '../shared/models beside the project, or downloads it.';

/**
 * True when a missing clip, model or tool must fail the run instead of skipping: on CI, so that a
 * green run means the real path ran, or when asked with LIVEPROOF_REQUIRE_MEDIA=1.
 */
export function mediaRequired(env: Env = process.env): boolean {
  const ci = (env.CI ?? '').trim().toLowerCase();
  return (ci !== '' && ci !== 'false' && ci !== '0') || env.LIVEPROOF_REQUIRE_MEDIA === '1';
}

export function sharedMediaDir(env: Env = process.env): string {
  return resolve(env.LIVEPROOF_MEDIA_DIR || join(ROOT, '../shared/media'));
}

export interface Prerequisite {
  /** What the tests need, in words ("real clip", "face model"). */
  what: string;
  /** The file it must be at, or the tool's name. */
  path: string;
  /** How to get it. */
  fix: string;
}

/**
 * `need.path` when `present` says it is there. Otherwise throws (media required) or prints why
 * the tests that need it skip and returns null; call it where the test file is collected.
 */
export function prerequisite(
  need: Prerequisite,
  env: Env = process.env,
  present: (path: string) => boolean = existsSync,
): string | null {
  if (present(need.path)) return need.path;
  const reason = `${need.what} missing: ${need.path}. ${need.fix}`;
  if (mediaRequired(env)) {
    throw new Error(`${reason} CI or LIVEPROOF_REQUIRE_MEDIA=1 is set, so a missing prerequisite fails the run.`);
  }
  console.warn(`[skip] ${reason}`);
  return null;
}

/** A real clip under the shared media folder (see `prerequisite` for when it is missing). */
export function sharedClip(
  relativePath: string,
  env: Env = process.env,
  present: (path: string) => boolean = existsSync,
): string | null {
  const dir = sharedMediaDir(env);
  const what = present(dir) ? 'Real clip' : `Real clip (the media folder ${dir} does not exist)`;
  return prerequisite({ what, path: join(dir, relativePath), fix: MEDIA_FIX }, env, present);
}

/** The face model the extension is built with (see `prerequisite` for when it is missing). */
export function faceModel(env: Env = process.env, present: (path: string) => boolean = existsSync): string | null {
  return prerequisite({ what: 'Face model', path: MODEL_FILE, fix: MODEL_FIX }, env, present);
}
