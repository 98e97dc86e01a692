// Finds, verifies and installs the face model; used by setup.mjs and tested on its own.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

async function fetchBytes(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/**
 * Puts a verified copy of the model at `target`: keeps a good existing file, else copies from
 * the first folder in `searchDirs` holding a file with the right sha256, else downloads it.
 * Returns { ok: true, from } or { ok: false, tried } with one line per place tried.
 */
export async function provisionModel({ manifest, target, searchDirs, download = fetchBytes }) {
  const tried = [];
  const matches = (bytes, origin) => {
    const actual = sha256(bytes);
    if (actual === manifest.sha256) return true;
    tried.push(`${origin}: sha256 ${actual} does not match`);
    return false;
  };
  const install = (bytes) => {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(`${target}.tmp`, bytes);
    renameSync(`${target}.tmp`, target);
  };

  if (existsSync(target) && matches(readFileSync(target), target)) return { ok: true, from: `${target} (kept)` };

  for (const dir of searchDirs) {
    const candidate = join(resolve(dir), manifest.file);
    if (!existsSync(candidate)) {
      tried.push(`${candidate}: not found`);
      continue;
    }
    const bytes = readFileSync(candidate);
    if (matches(bytes, candidate)) {
      install(bytes);
      return { ok: true, from: candidate };
    }
  }

  try {
    const bytes = await download(manifest.url);
    if (matches(bytes, manifest.url)) {
      install(bytes);
      return { ok: true, from: manifest.url };
    }
  } catch (error) {
    tried.push(`${manifest.url}: ${error.cause?.code ?? error.message}`);
  }
  return { ok: false, tried };
}
