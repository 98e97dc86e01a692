// `npm run bench -- --soak MINUTES`: the demo call (its candidate clip loops) captured through the
// panel's own capture path for MINUTES, with one table row a minute: analysed and offered fps,
// per-frame p95, the worker's model and face-descriptor ms, the JS heap of every extension context,
// the stored session's size and its findings. The panel is read only for its engine meters; heaps
// come from the DevTools protocol and the session from IndexedDB, so the figures hold wherever the
// pipeline runs and while the panel is closed and reopened. After the soak, a fresh pipeline (new
// offscreen document and workers) in the same browser and then a fresh browser run a few minutes
// each, so a decay can be placed: in the pipeline's own state, in the browser's, or on the machine.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, launchExtension, unpackedExtensionId } from '../browser.mjs';
import { DEMO_CALL_ARGS, startDemoCall } from '../demo-call.mjs';
import { connectDevtools } from '../devtools.mjs';

const MB = 1024 * 1024;
/** Contexts named in a row besides the sum. */
const LARGEST_SHOWN = 3;
/** Minutes of each fresh run after the soak; the first is warm-up and not compared. */
const FRESH_MINUTES = 3;

export const median = (values) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The contexts that can do the extension's work: its pages (whatever their type) and every worker. */
export function isWorkTarget({ type, url }) {
  return url.startsWith('chrome-extension://') || /worker/.test(type);
}

/** A short name for a target: its file without the bundler's hash, and the kind of worker. */
export function targetLabel({ type, url }) {
  const file = (url.split(/[?#]/)[0] ?? '').split('/').pop() || url;
  const name = file.replace(/-[\w-]{8}\.js$/, '.js');
  return /worker/.test(type) ? `${name} (${type.replace('_', ' ')})` : name;
}

/**
 * Heaps per V8 isolate from per-target readings `{ label, isolateId, usedBytes, buffersBytes }`:
 * extension pages in one renderer share an isolate and each reports all of it, so one isolate
 * counts once, under all its targets' names (the larger reading, as they are taken moments apart).
 * Largest first.
 */
export function heapsByIsolate(readings) {
  const isolates = new Map();
  for (const reading of readings) {
    const known = isolates.get(reading.isolateId);
    if (!known) isolates.set(reading.isolateId, { ...reading, labels: [reading.label] });
    else {
      known.labels.push(reading.label);
      known.usedBytes = Math.max(known.usedBytes, reading.usedBytes);
      known.buffersBytes = Math.max(known.buffersBytes, reading.buffersBytes);
    }
  }
  return [...isolates.values()]
    .map(({ labels, usedBytes, buffersBytes }) => ({ label: labels.sort().join(' + '), usedBytes, buffersBytes }))
    .sort((a, b) => b.usedBytes - a.usedBytes);
}

const pct = (value) => `${value >= 0 ? '+' : ''}${(100 * value).toFixed(1)} %`;
const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/**
 * The soak's verdict against its targets from the minute rows `{ minute, fps, heapMb, sessionBytes }`:
 * heap after minute 5 grows < 10 %; fps of the last 5 minutes (median) keeps >= 90 % of minutes
 * 2–6's; the stored session grows at a steady rate (the second half's median minute no more than
 * 1.25x the first half's) and would stay under 1 MB (10^6 bytes) at one hour.
 */
export function soakVerdict(rows) {
  const last = rows[rows.length - 1];
  const at5 = rows.find((row) => row.minute === 5);
  const heapGrowth = at5 && last.minute > 5 ? last.heapMb / at5.heapMb - 1 : Number.NaN;
  const fpsEarly = median(rows.filter((row) => row.minute >= 2 && row.minute <= 6).map((row) => row.fps));
  const fpsLate = median(rows.slice(-5).map((row) => row.fps));
  const fpsRatio = fpsLate / fpsEarly;
  const stored = rows.filter((row) => Number.isFinite(row.sessionBytes));
  const growth = stored
    .slice(1)
    .map((row, i) => (row.sessionBytes - stored[i].sessionBytes) / (row.minute - stored[i].minute));
  const half = Math.floor(growth.length / 2);
  const rateEarly = median(growth.slice(0, Math.max(1, half)));
  const rateLate = median(growth.slice(half));
  const steady = rateLate <= 1.25 * Math.max(rateEarly, 1);
  const hourBytes =
    stored.length > 0 ? stored[stored.length - 1].sessionBytes + rateLate * (60 - last.minute) : Number.NaN;
  const mark = (known, ok) => (!known ? 'n/a' : ok ? 'ok' : 'FAIL');
  const parts = [
    `heap after minute 5 ${Number.isFinite(heapGrowth) ? pct(heapGrowth) : '(needs > 5 min)'} ` +
      `(< 10 %): ${mark(Number.isFinite(heapGrowth), heapGrowth < 0.1)}`,
    `fps last 5 min ${fixed(fpsLate, 1)} vs min 2–6 ${fixed(fpsEarly, 1)}` +
      `${rows.length < 11 ? ' (windows overlap: needs >= 11 min)' : ''} (>= 90 %): ` +
      mark(Number.isFinite(fpsRatio), fpsRatio >= 0.9),
    `session ${fixed(rateEarly / 1000, 1)} then ${fixed(rateLate / 1000, 1)} kB/min, ` +
      `~${fixed(hourBytes / 1e6, 2)} MB at 60 min (steady, < 1 MB/h): ` +
      mark(Number.isFinite(hourBytes) && growth.length >= 2, steady && hourBytes < 1e6),
  ];
  return { heapGrowth, fpsEarly, fpsLate, fpsRatio, hourBytes, steady, line: `VERDICT ${parts.join('; ')}` };
}

/**
 * Where a decay of fps lives, from the fps of minutes 2–6 (`early`), of the last 5 (`late`), and of
 * a fresh pipeline in the same browser and a fresh browser after the soak: what a fresh start brings
 * back is state of what was restarted; what none brings back is the machine.
 */
export function decayPlace({ early, late, freshPipeline, freshBrowser }) {
  const back = (fps) => fps >= 0.9 * early;
  const figures =
    `min 2–6 ${fixed(early, 1)}, last 5 ${fixed(late, 1)}, ` +
    `fresh pipeline ${fixed(freshPipeline, 1)}, fresh browser ${fixed(freshBrowser, 1)} fps`;
  if (![early, late, freshPipeline, freshBrowser].every(Number.isFinite)) return `DECAY n/a (${figures})`;
  if (back(late)) return `DECAY none (${figures})`;
  if (back(freshPipeline)) {
    return `DECAY in the pipeline's state: a fresh pipeline in the same browser is back (${figures})`;
  }
  if (back(freshBrowser)) {
    const what = 'a fresh pipeline (same browser, call page and recovered session) stays low, a fresh browser is back';
    return `DECAY in the browser, the call page or the session, outside the pipeline: ${what} (${figures})`;
  }
  return `DECAY outside the browser (the machine, the call's server): a fresh browser is as slow (${figures})`;
}

/**
 * The whole machine's CPU shares since `previous` (Linux /proc/stat; null elsewhere): busy running
 * work here, and stolen by the hypervisor for others.
 */
export function cpuShares(previous, now) {
  if (!previous || !now) return { busy: Number.NaN, steal: Number.NaN };
  const delta = now.map((value, i) => value - previous[i]);
  const total = delta.reduce((sum, value) => sum + value, 0);
  // user nice system idle iowait irq softirq steal …
  const idle = delta[3] + (delta[4] ?? 0);
  const steal = delta[7] ?? 0;
  return total > 0
    ? { busy: 1 - (idle + steal) / total, steal: steal / total }
    : { busy: Number.NaN, steal: Number.NaN };
}

function readCpuTimes() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    return line.trim().split(/\s+/).slice(1, 9).map(Number);
  } catch {
    return null;
  }
}

/** One context's heap after a garbage collection there (so a minute's garbage does not hide or fake growth). */
async function heapReading(devtools, sessionId, label) {
  await devtools.send('HeapProfiler.collectGarbage', {}, sessionId);
  const { id: isolateId } = await devtools.send('Runtime.getIsolateId', {}, sessionId);
  const heap = await devtools.send('Runtime.getHeapUsage', {}, sessionId);
  return { label, isolateId, usedBytes: heap.usedSize, buffersBytes: heap.backingStorageSize ?? 0 };
}

/**
 * The JS heap of every work context: the extension's pages (the offscreen document included), its
 * service worker, and the dedicated workers those pages started, reached through their page. A
 * context that goes away while measured is left out.
 */
async function measureHeaps(devtools) {
  await devtools.watchWorkers();
  const { targetInfos } = await devtools.send('Target.getTargets');
  const direct = targetInfos.filter((target) => target.type !== 'worker' && isWorkTarget(target));
  const readings = await Promise.all([
    ...direct.map(async (target) => {
      let sessionId = null;
      try {
        ({ sessionId } = await devtools.send('Target.attachToTarget', { targetId: target.targetId, flatten: true }));
        return await heapReading(devtools, sessionId, targetLabel(target));
      } catch {
        return null;
      } finally {
        if (sessionId) await devtools.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      }
    }),
    ...[...devtools.workers].map(([sessionId, url]) =>
      heapReading(devtools, sessionId, targetLabel({ type: 'worker', url })).catch(() => null),
    ),
  ]);
  return heapsByIsolate(readings.filter(Boolean));
}

/** The newest stored session's JSON size (UTF-8 bytes) and findings, read in any extension context. */
async function readStoredSession(context) {
  const host =
    context.pages().find((page) => page.url().startsWith('chrome-extension://')) ?? context.serviceWorkers()[0];
  if (!host) return null;
  return host
    .evaluate(async () => {
      const { indexedDB } = globalThis;
      // Opening a database that does not exist yet would create it at a version Dexie does not expect.
      if (!(await indexedDB.databases()).some((db) => db.name === 'liveproof')) return null;
      const request = (target) =>
        new Promise((resolve, reject) => {
          target.onsuccess = () => resolve(target.result);
          target.onerror = () => reject(target.error);
        });
      const db = await request(indexedDB.open('liveproof'));
      try {
        const rows = await request(db.transaction('sessions').objectStore('sessions').getAll());
        const newest = rows.sort((a, b) => b.startedAtMs - a.startedAtMs)[0];
        if (!newest) return null;
        return { bytes: new Blob([JSON.stringify(newest)]).size, findings: newest.findings?.length ?? 0 };
      } finally {
        db.close();
      }
    })
    .catch(() => null);
}

const findPanel = (context) => context.pages().find((page) => /\/sidepanel\.html/.test(page.url())) ?? null;

/**
 * The panel's figures `names` (data attributes of its `testId` element, one read), each NaN while
 * there is no panel, it is reloading, or the figure is not shown.
 */
async function healthFigures(context, names, testId = 'live-health') {
  const panel = findPanel(context);
  const values = panel
    ? await panel
        .getByTestId(testId)
        .evaluate((element, wanted) => wanted.map((name) => element.getAttribute(name)), names, { timeout: 500 })
        .catch(() => [])
    : [];
  return names.map((_, index) => (values[index] == null || values[index] === '' ? Number.NaN : Number(values[index])));
}

/** Opens the panel for the call tab and starts capture the way the panel offers. */
async function startCapture(browser, call) {
  // The call is the active tab until the panel page opens (no "tabs" permission to query by URL).
  await call.bringToFront();
  const [worker] = browser.context.serviceWorkers();
  const tabId = await worker.evaluate(
    async () => (await globalThis.chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  const panel = await browser.openPage(`sidepanel.html?tabId=${tabId}`);
  await panel.getByText('Model loaded').waitFor({ timeout: 60_000 });
  const onThisTab = panel.getByRole('button', { name: 'Start on this tab' });
  const how = (await onThisTab.count()) > 0 ? 'Start on this tab' : 'Pick a tab…';
  await panel.getByRole('button', { name: how }).click();
  await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 30_000 });
  const notice = panel.getByTestId('consent-notice').getByRole('button', { name: 'Got it' });
  if ((await notice.count()) > 0) await notice.click();
  // Face identity on, as in a call where the candidate was told: its cost and memory are part of the soak.
  await panel
    .getByTestId('identity-consent-yes')
    .click({ timeout: 10_000 })
    .catch(() =>
      console.error('soak: identity consent not asked (a recovered session keeps its own; see describe ms)'),
    );
  return how;
}

const HEADER = [
  '| minute | fps | of fps | p95 ms | model ms | describe ms | machine busy; steal % | heap MB (sum; contexts) | ' +
    'largest, heap MB | buffers MB | session bytes | findings |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
].join('\n');

/**
 * Measures `count` minutes of a running capture, printing a row for each (`label` names the minute),
 * and returns the rows and the restarts the engine card showed (null: none shown).
 */
async function measureMinutes({ browser, devtools }, count, label = (minute) => String(minute)) {
  const rows = [];
  let restarts = null;
  const startedAt = Date.now();
  let cpuBefore = readCpuTimes();
  for (let minute = 1; minute <= count; minute++) {
    const samples = [];
    while (Date.now() < startedAt + minute * 60_000) {
      const next = Date.now() + 1000;
      const [fps, offered, p95, modelMs, describeMs] = await healthFigures(browser.context, [
        'data-fps',
        'data-offered-fps',
        'data-p95',
        'data-model-ms',
        'data-describe-ms',
      ]);
      samples.push({ fps, offered, p95, modelMs, describeMs });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
    }
    const cpu = cpuShares(cpuBefore, readCpuTimes());
    const heaps = await measureHeaps(devtools);
    const session = await readStoredSession(browser.context);
    // The engine card shows restarts once there was one; no such line means none.
    const [counted] = await healthFigures(browser.context, ['data-restarts'], 'engine-restarts');
    if (Number.isFinite(counted)) restarts = counted;
    // The next minute's CPU window starts after these reads (a GC in every context), as its fps samples do.
    cpuBefore = readCpuTimes();
    const row = {
      minute,
      fps: median(samples.map((sample) => sample.fps)),
      // The panel's p95 is over a short window; the minute's median of those windows.
      p95: median(samples.map((sample) => sample.p95)),
      // What bounds the rate: the frames the capture offered, and the worker's time per frame.
      offered: median(samples.map((sample) => sample.offered)),
      modelMs: median(samples.map((sample) => sample.modelMs)),
      describeMs: median(samples.map((sample) => sample.describeMs)),
      heapMb: heaps.reduce((sum, heap) => sum + heap.usedBytes, 0) / MB,
      buffersMb: heaps.reduce((sum, heap) => sum + heap.buffersBytes, 0) / MB,
      largest: heaps
        .slice(0, LARGEST_SHOWN)
        .map((heap) => `${heap.label} ${(heap.usedBytes / MB).toFixed(1)}`)
        .join(', '),
      sessionBytes: session?.bytes ?? Number.NaN,
      findings: session?.findings ?? Number.NaN,
    };
    rows.push(row);
    console.log(
      `| ${label(minute)} | ${fixed(row.fps, 1)} | ${fixed(row.offered, 1)} | ${fixed(row.p95, 1)} | ` +
        `${fixed(row.modelMs, 1)} | ${fixed(row.describeMs, 1)} | ` +
        `${fixed(100 * cpu.busy, 0)}; ${fixed(100 * cpu.steal, 1)} | ${row.heapMb.toFixed(1)}; ${heaps.length} | ` +
        `${row.largest} | ${row.buffersMb.toFixed(1)} | ${fixed(row.sessionBytes, 0)} | ${fixed(row.findings, 0)} |`,
    );
  }
  return { rows, restarts };
}

/** A browser with the extension, reachable through DevTools, capturing the demo call; `close` ends it. */
async function startSoakBrowser(server) {
  const profileDir = mkdtempSync(join(tmpdir(), 'liveproof-soak-'));
  const browser = await launchExtension({
    viewport: { width: 1280, height: 720 },
    profileDir,
    // The allowlist stands in for the toolbar click that lets "Start on this tab" capture; the port
    // lets the bench reach the offscreen document's workers (connectDevtools).
    args: [...DEMO_CALL_ARGS, `--allowlisted-extension-id=${unpackedExtensionId()}`, '--remote-debugging-port=0'],
  });
  const devtools = await connectDevtools(profileDir).catch(async (error) => {
    await browser.close();
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    devtools.close();
    await browser.close();
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    const call = await browser.context.newPage();
    await call.goto(server.url);
    await call.waitForTimeout(1000);
    const how = await startCapture(browser, call);
    return { browser, devtools, call, how, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Stops the capture, closes the panel and waits for the offscreen document to close, then starts
 * again: a new offscreen document with new workers in the same browser (the session is recovered).
 */
async function restartPipeline({ browser, devtools, call }) {
  const panel = findPanel(browser.context);
  if (!panel) throw new Error('soak: the panel is gone; cannot restart the pipeline');
  await panel.getByRole('button', { name: 'Stop' }).click();
  await panel.close();
  const offscreenOpen = async () =>
    (await devtools.send('Target.getTargets')).targetInfos.some((target) => /\/offscreen\.html/.test(target.url));
  const closedAt = Date.now();
  while (await offscreenOpen()) {
    if (Date.now() > closedAt + 30_000) {
      throw new Error('soak: the offscreen document stayed open 30 s after the panel closed');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log(
    `Fresh pipeline: the offscreen document closed ${((Date.now() - closedAt) / 1000).toFixed(1)} s after the panel`,
  );
  return startCapture(browser, call);
}

/** The median fps of a fresh run's minutes after its first. */
const freshFps = (rows) => median(rows.slice(1).map((row) => row.fps));

/**
 * The fresh pipeline's and the fresh browser's fps after the soak; ends both browsers. A fresh
 * run that fails is said and gives no figure, so the soak's own result stands.
 */
async function freshRuns(run, server) {
  const fps = { freshPipeline: Number.NaN, freshBrowser: Number.NaN };
  let fresh = null;
  try {
    const how = await restartPipeline(run);
    if (how !== run.how) console.error(`soak: the fresh pipeline started with "${how}", not "${run.how}"`);
    fps.freshPipeline = freshFps((await measureMinutes(run, FRESH_MINUTES, (m) => `fresh pipeline ${m}`)).rows);
    await run.close();
    fresh = await startSoakBrowser(server);
    fps.freshBrowser = freshFps((await measureMinutes(fresh, FRESH_MINUTES, (m) => `fresh browser ${m}`)).rows);
  } catch (error) {
    console.error(`soak: a fresh run failed, so the decay cannot be placed: ${error.message}`);
  } finally {
    await run.close();
    await fresh?.close();
  }
  return fps;
}

export async function benchSoak(media, minutes, candidate = join(media, 'real/real_edtalk_tedlieu_m.mp4')) {
  ensureBuilt();
  const server = await startDemoCall({ candidate });
  let run = null;
  try {
    run = await startSoakBrowser(server);
    console.log(`Soak: ${minutes} min, captured with "${run.how}", candidate ${candidate} (looped)`);
    console.log(HEADER);
    const { rows, restarts } = await measureMinutes(run, minutes);
    const first = rows[0];
    const last = rows[rows.length - 1];
    const heapMax = Math.max(...rows.map((row) => row.heapMb));
    const verdict = soakVerdict(rows);
    console.log(
      [
        '',
        `SOAK minutes=${minutes} fps_first=${first.fps.toFixed(1)} fps_last=${last.fps.toFixed(1)} ` +
          `heap_mb_first=${first.heapMb.toFixed(1)} heap_mb_max=${heapMax.toFixed(1)} ` +
          `heap_mb_last=${last.heapMb.toFixed(1)} restarts=${restarts ?? 0}`,
        verdict.line,
        ...(restarts === null ? ['(restarts=0: the engine card never showed a worker restart)'] : []),
        '',
      ].join('\n'),
    );
    const soaked = run;
    run = null;
    const fresh = await freshRuns(soaked, server);
    console.log(`\n${decayPlace({ early: verdict.fpsEarly, late: verdict.fpsLate, ...fresh })}`);
  } finally {
    await run?.close();
    await server.close();
  }
}
