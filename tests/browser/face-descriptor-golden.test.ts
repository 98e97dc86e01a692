import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_PATH, QUIET_ARGS, ROOT } from '../../scripts/lib/browser.mjs';
import { startMediaServer, type MediaServer } from '../../scripts/lib/media-server.mjs';
import type { DescriptorPage, DescriptorRun } from '../support/face-descriptor-page';
import { seededRandom } from '../support/generators';
import { prerequisite } from '../support/paths';

// Golden test of utils/engine/face-descriptor-net.ts, the port of @vladmandic/face-api's
// FaceRecognitionNet (dlib's ResNet, 128-d) onto tfjs-core with the scale layers folded into fused
// convolutions: on the same 150x150 inputs it must give what face-api itself gives. The reference
// is face-api's own dist/face-api.esm.js with the tfjs it bundles, on the plain JavaScript 'cpu'
// backend; the port runs on tfjs's wasm backend as in the extension. Each runs in its own page:
// two tfjs copies in one page would share one engine.

const SIZE = 150;
const SETUP_FIX = 'Run `npm install` (or `node scripts/setup.mjs`): it copies them from node_modules.';
const weights = prerequisite({
  what: 'Face descriptor weights',
  path: join(ROOT, 'public/models/face_recognition_model.bin'),
  fix: SETUP_FIX,
});
const manifest = prerequisite({
  what: 'Face descriptor weights manifest',
  path: join(ROOT, 'public/models/face_recognition_model-weights_manifest.json'),
  fix: SETUP_FIX,
});
const TFJS_WASM = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
const tfjsWasm = TFJS_WASM.map((name) =>
  prerequisite({ what: 'tfjs wasm binary', path: join(ROOT, 'public/tfjs', name), fix: SETUP_FIX }),
);

/**
 * Largest allowed difference, per value and as Euclidean distance. Both compute the same float32
 * graph; only the order of the sums differs (the folded scale layers, wasm's SIMD kernels against
 * tfjs's JavaScript ones). Measured: at most 4e-7 per value, 1e-6 apart, on descriptors of norm
 * about 1.3 whose inputs are 0.4 and more apart. The bound leaves room for other CPUs; a mean
 * normalisation off by one level in one channel already moves them 0.9e-3 to 1.9e-3 apart (caught
 * on two of the four inputs), and a wrong layer, padding or weight far more.
 */
const TOLERANCE = 1e-4;
/** Timed runs per input and page (the median is printed). */
const REPEATS = 3;

/** Row-major RGB bytes of a SIZE x SIZE picture, from the colour of each pixel. */
function picture(colour: (x: number, y: number) => [number, number, number]): number[] {
  const bytes: number[] = [];
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      bytes.push(...colour(x, y).map((value) => Math.max(0, Math.min(255, Math.round(value)))));
    }
  }
  return bytes;
}

const random = seededRandom(150);
const INPUTS: Array<{ name: string; bytes: number[] }> = [
  { name: 'seeded noise', bytes: picture(() => [random() * 256, random() * 256, random() * 256]) },
  {
    name: 'colour gradient',
    bytes: picture((x, y) => [(x * 255) / (SIZE - 1), (y * 255) / (SIZE - 1), ((x + y) * 255) / (2 * SIZE - 2)]),
  },
  {
    // Concentric rings around an off-centre point, warm on cool: curved edges of every orientation.
    name: 'rings',
    bytes: picture((x, y) => {
      const wave = Math.sin(Math.hypot(x - 60, y - 85) / 4);
      return [128 + 110 * wave, 110 - 60 * wave, 90 + 40 * Math.cos((x * y) / 900)];
    }),
  },
  {
    // Hard edges with 10-pixel blocks of uneven size against the 2x2 down-samplings.
    name: 'checkerboard',
    bytes: picture((x, y) => ((Math.floor(x / 10) + Math.floor(y / 10)) % 2 ? [230, 200, 170] : [30, 45, 60])),
  },
];

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot(...a.map((value, index) => value - (b[index] ?? NaN)));
}

function maxDifference(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((value, index) => Math.abs(value - (b[index] ?? NaN))));
}

/** face-api stays out of the reference bundle: the page imports the package's own file. */
const faceApiFromServer: Plugin = {
  name: 'face-api-from-server',
  setup(plugin) {
    plugin.onResolve({ filter: /^@vladmandic\/face-api$/ }, () => ({ path: '/face-api.esm.js', external: true }));
  },
};

async function openDescriptorPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  // Every file the page asks for is served; only the browser's own favicon request is not.
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
      errors.push(`${response.url()}: HTTP ${response.status()}`);
    }
  });
  await page.goto(url);
  await page.waitForFunction(() => 'descriptorPage' in window || 'descriptorPageError' in window, null, {
    timeout: 60_000,
  });
  const error = await page.evaluate(() => (window as { descriptorPageError?: string }).descriptorPageError);
  if (error) throw new Error(`${url} did not load: ${error}\n${errors.join('\n')}`);
  return { page, errors };
}

async function describeAll(page: Page): Promise<DescriptorRun & { backend: string }> {
  return page.evaluate(
    async ({ inputs, repeats }) => {
      const api = (window as unknown as { descriptorPage: DescriptorPage }).descriptorPage;
      return { backend: api.backend, ...(await api.run(inputs, repeats)) };
    },
    { inputs: INPUTS.map((input) => input.bytes), repeats: REPEATS },
  );
}

describe.skipIf(!weights || !manifest || tfjsWasm.includes(null))('face descriptor port against face-api', () => {
  let dir: string;
  let server: MediaServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'liveproof-descriptor-'));
    await build({
      entryPoints: {
        port: join(ROOT, 'tests/support/face-descriptor-port-entry.ts'),
        reference: join(ROOT, 'tests/support/face-descriptor-reference-entry.ts'),
      },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir: dir,
      alias: { '@': ROOT },
      plugins: [faceApiFromServer],
      logLevel: 'error',
    });
    for (const name of ['port', 'reference']) {
      writeFileSync(
        join(dir, `${name}.html`),
        `<!doctype html><meta charset="utf-8"><title>${name}</title><script type="module" src="/${name}.js"></script>`,
      );
    }
    const routes: Record<string, string> = {
      '/face-api.esm.js': join(ROOT, 'node_modules/@vladmandic/face-api/dist/face-api.esm.js'),
      '/models/face_recognition_model.bin': weights ?? '',
      '/models/face_recognition_model-weights_manifest.json': manifest ?? '',
    };
    for (const name of ['port', 'reference']) {
      routes[`/${name}.html`] = join(dir, `${name}.html`);
      routes[`/${name}.js`] = join(dir, `${name}.js`);
    }
    for (const name of TFJS_WASM) routes[`/tfjs/${name}`] = join(ROOT, 'public/tfjs', name);
    for (const path of Object.values(routes)) expect(existsSync(path), path).toBe(true);
    server = await startMediaServer(routes);
    browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: QUIET_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("should give face-api's descriptor for every input", async () => {
    if (!browser || !server) throw new Error('The browser did not start.');
    const reference = await openDescriptorPage(browser, `${server.url}/reference.html`);
    const expected = await describeAll(reference.page);
    await reference.page.close();
    const port = await openDescriptorPage(browser, `${server.url}/port.html`);
    const actual = await describeAll(port.page);
    await port.page.close();

    expect(expected.backend).toBe('cpu');
    expect(actual.backend).toBe('wasm');
    const rows = INPUTS.map((input, index) => {
      const want = expected.descriptors[index] ?? [];
      const got = actual.descriptors[index] ?? [];
      return { input: input.name, want, got, maxDiff: maxDifference(want, got), distance: distance(want, got) };
    });
    const apart = rows.flatMap((row, index) =>
      rows
        .slice(index + 1)
        .map((other) => ({ pair: `${row.input} vs ${other.input}`, distance: distance(row.want, other.want) })),
    );
    const nearest = Math.min(...apart.map((pair) => pair.distance));
    const ratio = actual.msPerDescriptor / expected.msPerDescriptor;
    console.log(
      rows
        .map(
          (row) =>
            `[descriptor] ${row.input}: max |port - face-api| ${row.maxDiff.toExponential(2)}, ` +
            `distance ${row.distance.toExponential(2)}, norm ${Math.hypot(...row.want).toFixed(3)}`,
        )
        .concat(
          `[descriptor] inputs apart (face-api): nearest pair ${nearest.toFixed(3)}`,
          `[descriptor] ms per descriptor: port (wasm) ${actual.msPerDescriptor.toFixed(1)}, ` +
            `face-api (cpu) ${expected.msPerDescriptor.toFixed(1)}, ratio ${ratio.toFixed(3)}`,
        )
        .join('\n'),
    );

    for (const row of rows) {
      expect(row.want, row.input).toHaveLength(128);
      expect(row.got, row.input).toHaveLength(128);
      expect(row.want.every(Number.isFinite) && row.got.every(Number.isFinite), row.input).toBe(true);
      expect(row.maxDiff, row.input).toBeLessThan(TOLERANCE);
      expect(row.distance, row.input).toBeLessThan(TOLERANCE);
    }
    // The inputs really are different pictures to the network, so agreeing on each means something.
    for (const pair of apart) expect(pair.distance, pair.pair).toBeGreaterThan(0.05);
    expect(expected.repeatable && actual.repeatable).toBe(true);
    expect([...reference.errors, ...port.errors]).toEqual([]);
  });
});
