// `npm run drill -- build CLIP... --out DIR [--title TEXT] [--difficulty easy|medium|hard]`: makes
// the drill variants of the clips with the extension's own drill page in headless Chromium (the
// same code a trainer runs in the browser) and writes the pack into DIR: pack.json (the manifest
// with every answer key) and clips/ (the clips as genuine items and every variant). Prints what
// each variant is and how long it took. Bad input: one clear line on stderr and exit code 2.
import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { checkPrerequisites, ensureBuilt, launchExtension } from './lib/browser.mjs';
import { importTypeScript } from './lib/import-ts.mjs';
import { RecordingRejected } from './lib/recording-analyzer.mjs';

const USAGE = 'Usage: npm run drill -- build CLIP... --out DIR [--title TEXT] [--difficulty easy|medium|hard]';

function fail(message, code = 2) {
  console.error(`drill: ${message}`);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      title: { type: 'string' },
      difficulty: { type: 'string', default: 'medium' },
    },
  });
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
const [command, ...clips] = parsed.positionals;
if (command !== 'build') fail(`${command ? `unknown command "${command}"` : 'give a command'}.\n${USAGE}`);
if (clips.length === 0) fail(`give at least one clip.\n${USAGE}`);
if (!parsed.values.out) fail(`give --out DIR, the folder the pack is written to.\n${USAGE}`);
const { DIFFICULTIES, PACK_MANIFEST_NAME, packFromZip, packToJson } = await importTypeScript('utils/drills/pack.ts');
if (!DIFFICULTIES.includes(parsed.values.difficulty)) {
  fail(`--difficulty must be one of ${DIFFICULTIES.join(', ')} (got "${parsed.values.difficulty}").`);
}
const paths = clips.map((clip) => {
  const path = resolve(process.cwd(), clip);
  try {
    if (!statSync(path).isFile()) fail(`${clip} is not a file.`);
    accessSync(path, constants.R_OK);
  } catch (error) {
    fail(error.code === 'ENOENT' ? `no such file: ${clip}` : `cannot read ${clip} (${error.code ?? error.message}).`);
  }
  return path;
});
const names = paths.map((path) => basename(path));
const repeated = names.find((name, i) => names.indexOf(name) !== i);
if (repeated) fail(`two clips are named ${repeated}: a pack names its clips by file name.`);
const outDir = resolve(process.cwd(), parsed.values.out);
if (existsSync(outDir) && (!statSync(outDir).isDirectory() || readdirSync(outDir).length > 0)) {
  fail(`${parsed.values.out} exists and is not an empty folder: nothing is overwritten; choose another --out.`);
}

const sha256 = async (bytes) => createHash('sha256').update(bytes).digest('hex');

let browser;
let exit = { code: 0, message: '' };
try {
  ensureBuilt();
  checkPrerequisites();
  browser = await launchExtension();
  const page = await browser.openPage('drill.html');
  await page.getByTestId('variant-clips').setInputFiles(paths);
  const startedMs = Date.now();
  await page.getByRole('button', { name: 'Make variants', exact: true }).click();
  const outcome = await Promise.race([
    page
      .getByTestId('variant-list')
      .waitFor({ timeout: 600_000 })
      .then(() => 'done'),
    page
      .getByTestId('variant-problem')
      .waitFor({ timeout: 600_000 })
      .then(() => 'failed'),
  ]);
  if (outcome === 'failed')
    throw new RecordingRejected((await page.getByTestId('variant-problem').textContent()) ?? '');
  const wallMs = Date.now() - startedMs;
  const rendered = await page
    .getByTestId('variant')
    .evaluateAll((items) =>
      items.map((item) => ({ name: item.dataset.name, renderMs: Number(item.dataset.renderMs) })),
    );
  if (parsed.values.title) await page.getByLabel('Pack title').fill(parsed.values.title);
  await page.getByLabel('Difficulty').selectOption(parsed.values.difficulty);
  const downloaded = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByTestId('download-pack').click();
  const packed = await Promise.race([
    downloaded,
    page
      .getByTestId('pack-problem')
      .waitFor({ timeout: 600_000 })
      .then(() => null),
  ]);
  if (!packed) throw new RecordingRejected((await page.getByTestId('pack-problem').textContent()) ?? 'no pack');
  const zip = new Uint8Array(await readFile(await packed.path()));
  const read = await packFromZip(zip, sha256);
  if ('problem' in read) throw new Error(`the page's pack did not read back: ${read.problem}`);
  mkdirSync(join(outDir, 'clips'), { recursive: true });
  writeFileSync(join(outDir, PACK_MANIFEST_NAME), packToJson(read.pack));
  for (const [name, bytes] of read.clips) writeFileSync(join(outDir, 'clips', name), bytes);
  const renderMs = new Map(rendered.map((r) => [r.name, r.renderMs]));
  console.log(`Pack "${read.pack.title}" (${read.pack.difficulty}) in ${parsed.values.out}:`);
  for (const item of read.pack.items) {
    const key = item.key.genuine ? 'genuine' : item.key.description;
    const ms = renderMs.has(item.clip.name) ? ` (${renderMs.get(item.clip.name)} ms)` : '';
    console.log(`  ${item.clip.name}${ms}: ${key}`);
  }
  console.log(`${rendered.length} variants of ${paths.length} clip(s) in ${wallMs} ms.`);
} catch (error) {
  exit =
    error instanceof RecordingRejected
      ? { code: 2, message: error.message }
      : { code: 1, message: `the build failed: ${error.message}` };
} finally {
  await browser?.close();
}
if (exit.code !== 0) fail(exit.message, exit.code);
