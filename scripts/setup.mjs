// Postinstall: copy the MediaPipe and tfjs wasm, provision the verified models, prepare WXT types.
// Everything it writes is ignored by git; it is safe to run again at any time.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reuseSyncIds } from './lib/mediapipe-glue.mjs';
import { provisionModel } from './lib/provision-model.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const landmarkerManifest = readJson('utils/engine/model-manifest.json');
const descriptorManifest = readJson('utils/engine/descriptor-manifest.json');

function fail(lines) {
  console.error(['', 'Liveproof setup failed:', ...lines.map((line) => `  ${line}`), ''].join('\n'));
  process.exit(1);
}

function copyFiles(fromDir, toDir, names) {
  const from = join(root, fromDir);
  const to = join(root, toDir);
  mkdirSync(to, { recursive: true });
  for (const name of names) {
    if (!existsSync(join(from, name))) fail([`${join(from, name)} is missing; run npm install again.`]);
    copyFileSync(join(from, name), join(to, name));
  }
}

async function provision(manifest, searchDirs) {
  const result = await provisionModel({ manifest, target: join(root, 'public/models', manifest.file), searchDirs });
  if (!result.ok) {
    fail([
      `Could not provision the model file ${manifest.file} (sha256 ${manifest.sha256}). Tried:`,
      ...result.tried.map((line) => `  - ${line}`),
      'Fix: put the file in a folder and run `LIVEPROOF_MODEL_DIR=/that/folder npm install`,',
      'or place it in ../shared/models/, or let this machine reach the official URL above.',
    ]);
  }
  return result.from;
}

function prepareWxt() {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/wxt/bin/wxt.mjs'), 'prepare'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail(['`wxt prepare` failed; see its output above.']);
}

// Chrome always has wasm SIMD, so only MediaPipe's SIMD build ships.
copyFiles('node_modules/@mediapipe/tasks-vision/wasm', 'public/mediapipe/wasm', [
  'vision_wasm_internal.js',
  'vision_wasm_internal.wasm',
]);
const gluePath = join(root, 'public/mediapipe/wasm/vision_wasm_internal.js');
try {
  writeFileSync(gluePath, reuseSyncIds(readFileSync(gluePath, 'utf8')));
} catch (error) {
  fail([error.message]);
}
// tfjs picks its build at run time (SIMD in Chrome; threads are off, see face-describer.ts) and wants all three.
copyFiles('node_modules/@tensorflow/tfjs-backend-wasm/dist', 'public/tfjs', [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
]);
const modelDirs = [process.env.LIVEPROOF_MODEL_DIR, join(root, '../shared/models')].filter(Boolean);
const landmarkerFrom = await provision(landmarkerManifest, modelDirs);
// The descriptor's weights ship in the face-api package; its files are checked like any download.
for (const file of descriptorManifest.files) {
  await provision(file, [...modelDirs, join(root, 'node_modules/@vladmandic/face-api/model')]);
}
prepareWxt();
console.log(`Liveproof setup: wasm copied; models verified (landmarker from ${landmarkerFrom}; face descriptor).`);
