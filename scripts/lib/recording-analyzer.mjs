// Drives the extension's "Analyze a recording" page in headless Chromium, as a user would:
// pick the file, wait for the result, press "Export report (JSON)" and read the download.
import { readFile } from 'node:fs/promises';
import { launchExtension } from './browser.mjs';

/** A file the page refused, with the page's own words. */
export class RecordingRejected extends Error {}

export async function startRecordingAnalyzer() {
  const browser = await launchExtension();
  const page = await browser.openPage('analyze.html');
  await page.getByText('Model loaded').waitFor({ timeout: 60_000 });

  /**
   * Analyses one file; resolves to the report object, with `format` (md, csv, json) to the
   * session export's text from the page's own exporters, or with `format: 'signals'` to
   * { report, signals } (the per-frame signals export); with `descriptors` the JSON report carries
   * the candidate's face descriptors; throws RecordingRejected.
   */
  async function analyze(path, { timeoutMs = 600_000, everyFrame = false, format = null, descriptors = false } = {}) {
    await page.reload();
    await page.getByText('Model loaded').waitFor({ timeout: 60_000 });
    await page.getByLabel(/Analyse every frame/).setChecked(everyFrame);
    await page.getByTestId('file-input').setInputFiles(path);
    const outcome = await Promise.race([
      page
        .getByTestId('lipsync')
        .waitFor({ timeout: timeoutMs })
        .then(() => 'done'),
      page
        .getByTestId('run-error')
        .waitFor({ timeout: timeoutMs })
        .then(() => 'failed'),
    ]);
    if (outcome === 'failed') {
      const text = (await page.getByTestId('run-error').textContent()) ?? '';
      throw new RecordingRejected(text.replace(/^[^:]*: /, ''));
    }
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

  return { analyze, close: () => browser.close() };
}
