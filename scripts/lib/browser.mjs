// Launches Debian Chromium (never a downloaded browser) with the built extension loaded.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

// Flags that keep headless Chromium quiet on a machine without a GPU or internet.
export const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The id Chromium gives the unpacked extension before it is loaded (the first 128 bits of the
 * SHA-256 of its absolute path, hex digits written as a..p), for flags that need it at launch.
 */
export function unpackedExtensionId(dir = EXTENSION_DIR) {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/** Throws a user-facing message when Chromium or the built extension is missing. */
export function checkPrerequisites() {
  if (!existsSync(CHROME_PATH)) {
    throw new Error(`No Chromium at ${CHROME_PATH}. Install it (apt-get install chromium) or set CHROME_PATH.`);
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
}

/**
 * Starts Chromium with the extension in a fresh profile, or in `profileDir` (kept after close, for
 * a restart with the same storage); `extensionDir`: another build (a damaged copy, for fault tests).
 * Returns { context, extensionId, extensionUrl(path), openPage(path), close() }.
 */
export async function launchExtension({
  headless = true,
  args = [],
  viewport = { width: 1280, height: 800 },
  profileDir = null,
  extensionDir = EXTENSION_DIR,
} = {}) {
  checkPrerequisites();
  const userDataDir = profileDir ?? mkdtempSync(join(tmpdir(), 'liveproof-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROME_PATH,
    headless: false,
    viewport: headless ? viewport : null,
    args: [
      ...(headless ? ['--headless=new'] : []),
      ...QUIET_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...args,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  return {
    context,
    extensionId,
    extensionUrl,
    openPage: async (path) => {
      const page = await context.newPage();
      await page.goto(extensionUrl(path));
      return page;
    },
    close: async () => {
      await context.close();
      if (!profileDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

const SOURCES = ['entrypoints', 'components', 'utils', 'public', 'wxt.config.ts', 'package.json'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Builds the extension when there is no build or a source is newer than it; logs to stderr. */
export function ensureBuilt() {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((source) => newestMtime(join(ROOT, source))));
  if (builtAt >= sourcesAt) return;
  console.error('Building the extension…');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error('The extension build failed; see the output above.');
}

/** Where the model of an extension page with the engine card runs, and why where 'Automatic' chose it (else null). */
export async function engineRunsOn(page) {
  const runsOn = page.getByTestId('engine-runs-on');
  const reason = runsOn.getByTestId('engine-delegate-reason');
  return {
    delegate: await runsOn.getAttribute('data-delegate'),
    reason: (await reason.count()) ? ((await reason.textContent())?.trim() ?? null) : null,
  };
}
