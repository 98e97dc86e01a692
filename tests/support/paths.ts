import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const SHARED_MEDIA = resolve(process.env.LIVEPROOF_MEDIA_DIR ?? join(ROOT, '../shared/media'));

/** Real clips by name, or null (with the reason printed) when ../shared is not beside the project. */
export function sharedClip(relativePath: string): string | null {
  const path = join(SHARED_MEDIA, relativePath);
  if (existsSync(path)) return path;
  console.warn(`[skip] ${path} is missing: tests on real clips need ../shared/media beside the project.`);
  return null;
}

export function sharedClips(folder: string): string[] {
  const dir = join(SHARED_MEDIA, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.mp4'))
    .map((name) => join(dir, name));
}
