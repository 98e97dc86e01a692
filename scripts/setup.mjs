// Postinstall: copy the MediaPipe wasm, provision the verified model, prepare WXT types.
// Everything it writes is ignored by git; it is safe to run again at any time.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionModel } from './lib/provision-model.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'utils/engine/model-manifest.json'), 'utf8'));

function fail(lines) {
  console.error(['', 'Liveproof setup failed:', ...lines.map((line) => `  ${line}`), ''].join('\n'));
  process.exit(1);
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

function prepareWxt() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/wxt/bin/wxt.mjs'), 'prepare'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail(['`wxt prepare` failed; see its output above.']);
}

copyWasm();
const model = await provisionModel({
  manifest,
  target: join(root, 'public/models', manifest.file),
  searchDirs: [process.env.LIVEPROOF_MODEL_DIR, join(root, '../shared/models')].filter(Boolean),
});
if (!model.ok) {
  fail([
    `Could not provision the model ${manifest.file} (sha256 ${manifest.sha256}). Tried:`,
    ...model.tried.map((line) => `  - ${line}`),
    'Fix: put the file in a folder and run `LIVEPROOF_MODEL_DIR=/that/folder npm install`,',
    'or place it in ../shared/models/, or let this machine reach the official URL above.',
  ]);
}
prepareWxt();
console.log(`Liveproof setup: MediaPipe wasm copied; model verified (from ${model.from}).`);
