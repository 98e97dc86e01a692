import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../../scripts/lib/browser.mjs';

export const SHARED_MEDIA = resolve(process.env.LIVEPROOF_MEDIA_DIR ?? join(ROOT, '../shared/media'));

/** A real clip's path, or null (with the reason printed) when ../shared is not beside the project. */
export function sharedClip(relativePath: string): string | null {
  const path = join(SHARED_MEDIA, relativePath);
  if (existsSync(path)) return path;
  console.warn(`[skip] ${path} is missing: tests on real clips need ../shared/media beside the project.`);
  return null;
}
