// Postinstall: prepare WXT types, copy the MediaPipe wasm and provision the verified model.
// Everything it writes is ignored by git; it is safe to run again at any time.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'utils/engine/model-manifest.json'), 'utf8'));

function fail(lines) {
  console.error(['', 'Liveproof setup failed:', ...lines.map((line) => `  ${line}`), ''].join('\n'));
  process.exit(1);
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function copyWasm() {
  const from = join(root, 'node_modules/@mediapipe/tasks-vision/wasm');
  const to = join(root, 'public/mediapipe/wasm');
  mkdirSync(to, { recursive: true });
  // Chrome always has wasm SIMD, so only the SIMD build ships.
  for (const name of ['vision_wasm_internal.js', 'vision_wasm_internal.wasm']) {
    if (!existsSync(join(from, name))) fail([`${join(from, name)} is missing; run npm install again.`]);
    copyFileSync(join(from, name), join(to, name));
  }
}

async function download(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

async function provisionModel() {
  const target = join(root, 'public/models', manifest.file);
  mkdirSync(dirname(target), { recursive: true });
  const tried = [];
  const accept = (bytes, origin) => {
    const actual = sha256(bytes);
    if (actual === manifest.sha256) return true;
    tried.push(`${origin}: sha256 ${actual} does not match ${manifest.sha256}`);
    return false;
  };

  if (existsSync(target) && accept(readFileSync(target), target)) return `${target} (already present)`;

  const dirs = [process.env.LIVEPROOF_MODEL_DIR, join(root, '../shared/models')].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(resolve(dir), manifest.file);
    if (!existsSync(candidate)) {
      tried.push(`${candidate}: not found`);
      continue;
    }
    const bytes = readFileSync(candidate);
    if (accept(bytes, candidate)) {
      writeFileSync(`${target}.tmp`, bytes);
      renameSync(`${target}.tmp`, target);
      return candidate;
    }
  }

  try {
    const bytes = await download(manifest.url);
    if (accept(bytes, manifest.url)) {
      writeFileSync(`${target}.tmp`, bytes);
      renameSync(`${target}.tmp`, target);
      return manifest.url;
    }
  } catch (error) {
    tried.push(`${manifest.url}: ${error.cause?.code ?? error.message}`);
  }

  fail([
    `Could not provision the model ${manifest.file} (sha256 ${manifest.sha256}). Tried:`,
    ...tried.map((line) => `  - ${line}`),
    'Fix: put the file in a folder and run `LIVEPROOF_MODEL_DIR=/that/folder npm install`,',
    'or place it in ../shared/models/, or allow this machine to reach the official URL above.',
  ]);
}

function prepareWxt() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/wxt/bin/wxt.mjs'), 'prepare'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail(['`wxt prepare` failed; see its output above.']);
}

copyWasm();
const modelFrom = await provisionModel();
prepareWxt();
console.log(`Liveproof setup: MediaPipe wasm copied; model verified (from ${modelFrom}).`);
