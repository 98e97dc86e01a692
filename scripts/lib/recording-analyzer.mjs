// Drives the extension's "Analyze a recording" page in headless Chromium, as a user would:
// pick the file, wait for the result, press "Export report (JSON)" and read the download.
import { readFile } from 'node:fs/promises';
import { engineRunsOn, launchExtension } from './browser.mjs';

/** A file the page refused, with the page's own words. */
export class RecordingRejected extends Error {}

/**
 * The page stopped answering or stopped moving: no outcome will come (e.g. a damaged file the
 * extension's index check does not catch sends the demuxer into a loop on the page's main thread).
 */
export class AnalysisStalled extends Error {}

/** The page is asked for its state this often. */
const POLL_MS = 1000;
/**
 * Before the first frame (opening the file, decoding all its sound) the page keeps answering:
 * silence this long means it froze, as a damaged index the extension missed sends the demuxer into a loop.
 */
const OPENING_SILENCE_MS = 30_000;
/**
 * Otherwise the progress bar must move within this, or within twice the time the work took so
 * far, whichever is longer: the analyzers after the last frame hold the page without progress,
 * for a time that grows with the recording (under 30 s after a 300 s frame pass for 2 hours of
 * black; 141 s before each window found its own frames).
 */
const MIN_STALL_MS = 300_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs in the page: its outcome when it has one, else its progress (0..1; null before the bar shows). */
function readPageState() {
  const { document } = globalThis;
  if (document.querySelector('[data-testid="lipsync"]')) return { outcome: 'done' };
  const error = document.querySelector('[data-testid="run-error"]');
  if (error) return { outcome: 'failed', text: error.textContent ?? '' };
  const bar = document.querySelector('progress');
  return { outcome: null, progress: bar ? Number(bar.value) : null };
}

/**
 * Waits for the page's result or error. No fixed limit by default, so a two-hour recording is
 * not cut off; a frozen or stuck page ends the wait with AnalysisStalled instead.
 */
async function waitForOutcome(page, timeoutMs) {
  const started = Date.now();
  let answeredAt = started;
  let movedAt = started;
  let progress = null;
  let asking = null;
  for (;;) {
    // One question at a time: a frozen page queues them, and its silence is what is measured.
    asking ??= page.evaluate(readPageState).finally(() => (asking = null));
    const state = await Promise.race([asking, sleep(POLL_MS).then(() => null)]);
    const now = Date.now();
    if (state) {
      if (state.outcome) return state;
      answeredAt = now;
      if (state.progress !== progress) [progress, movedAt] = [state.progress, now];
    }
    const opening = !progress;
    const at = opening ? 'before the first frame' : `at ${Math.round(progress * 100)} %`;
    const silentS = Math.round((now - answeredAt) / 1000);
    if (opening && now - answeredAt > OPENING_SILENCE_MS) {
      throw new AnalysisStalled(
        `the page stopped responding ${at} (no answer for ${silentS} s); the file may be damaged`,
      );
    }
    if (now - movedAt > Math.max(MIN_STALL_MS, 2 * (movedAt - started))) {
      const why = now - answeredAt > POLL_MS * 5 ? `the page has not answered for ${silentS} s` : 'the page answers';
      throw new AnalysisStalled(`no progress for ${Math.round((now - movedAt) / 1000)} s ${at} (${why})`);
    }
    if (now - started > timeoutMs) throw new AnalysisStalled(`no result within ${timeoutMs / 1000} s (${at})`);
    if (state) await sleep(POLL_MS);
  }
}

export async function startRecordingAnalyzer() {
  const browser = await launchExtension();
  const page = await browser.openPage('analyze.html');
  await page.getByText('Model loaded').waitFor({ timeout: 60_000 });
  const engine = await engineRunsOn(page);

  /**
   * Analyses one file; resolves to the report object, with `format` (md, csv, json) to the
   * session export's text from the page's own exporters, or with `format: 'signals'` to
   * { report, signals } (the per-frame signals export); with `descriptors` the JSON report carries
   * the candidate's face descriptors; throws RecordingRejected (the page refused the file) or
   * AnalysisStalled (the page froze or stopped making progress).
   */
  async function analyze(path, { timeoutMs = Infinity, everyFrame = false, format = null, descriptors = false } = {}) {
    await page.reload();
    await page.getByText('Model loaded').waitFor({ timeout: 60_000 });
    await page.getByLabel(/Analyse every frame/).setChecked(everyFrame);
    // Not awaited alone: a file that freezes the page as it is opened would hold setInputFiles
    // until its own timeout; the watchdog below tells that apart and says so.
    const picked = page.getByTestId('file-input').setInputFiles(path, { timeout: 0 });
    picked.catch(() => {});
    const outcome = await Promise.race([waitForOutcome(page, timeoutMs), picked.then(() => new Promise(() => {}))]);
    if (outcome.outcome === 'failed') throw new RecordingRejected(outcome.text.replace(/^[^:]*: /, ''));
    const exported = async (button) => {
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      return readFile(await download.path(), 'utf8');
    };
    if (descriptors) await page.getByLabel(/Include the face descriptors/).check();
    if (format === 'signals') {
      const report = JSON.parse(await exported(page.getByRole('button', { name: 'Export report (JSON)' })));
      return { report, signals: JSON.parse(await exported(page.getByRole('button', { name: 'Export signals' }))) };
    }
    const text = await exported(
      format
        ? page.getByTestId(`session-export-${format}`)
        : page.getByRole('button', { name: 'Export report (JSON)' }),
    );
    return format ? text : JSON.parse(text);
  }

  return { analyze, engine, close: () => browser.close() };
}
