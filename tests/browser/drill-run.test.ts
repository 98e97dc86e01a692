import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResults, scoreDrill, type DrillResults } from '@/utils/drills/scoring';
import { ROOT } from '../../scripts/lib/browser.mjs';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { faceModel, sharedClip } from '../support/paths';
import { requestsOffTheMachine } from '../support/recording-proxy';

// Four 5-8 s speakers with sound: a quick drill of eight items.
const CLIPS = [
  'real/real_hdtf_aoc_f_sadtalker.mp4',
  'real/real_mead_m003_007_m.mp4',
  'real/real_hdtf_katiehill_f_sadtalker.mp4',
  'real/real_hdtf_edmarkey_m_sadtalker.mp4',
];
const model = faceModel();
const clips = CLIPS.map((clip) => model && sharedClip(clip));
const ready = clips.every(Boolean);

/** Genuine items have the clip's own id ("clip-2"); variants add their kind ("clip-2.frozen"). */
const isGenuine = (itemId: string) => !itemId.includes('.');

describe.skipIf(!ready)('a quick drill in the drill page', () => {
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    page = await browser.openPage('drill.html');
  });
  afterAll(async () => {
    await browser.close();
    expect(requestsOffTheMachine(browser.proxy)).toEqual([]);
  });

  it('should score every answer, count the false accusation first and export results that match', async () => {
    await page.getByLabel("Trainee's name").fill('Ada Trainee');
    await page.getByTestId('drill-seed').fill('42');
    await page.getByTestId('quick-drill-clips').setInputFiles(clips as string[]);
    await page.getByTestId('start-quick-drill').click();
    await page.getByTestId('drill-item').waitFor({ timeout: 120_000 });

    // Accuse the first genuine clip; call the first two fakes fake and miss the others.
    const said: { itemId: string; saidGenuine: boolean }[] = [];
    let accused = 0;
    let caught = 0;
    for (let n = 0; n < 8; n++) {
      const itemId = (await page.getByTestId('drill-item').getAttribute('data-item')) as string;
      const saidGenuine = isGenuine(itemId) ? accused++ > 0 : caught++ >= 2;
      said.push({ itemId, saidGenuine });
      if (n === 0) await page.screenshot({ path: join(ROOT, 'tests/screenshots/drill-item.png'), fullPage: true });
      const form = page.getByTestId('drill-answer');
      await form.getByLabel(saidGenuine ? 'Genuine' : 'Manipulated (fake)').check();
      if (!saidGenuine) await form.getByLabel('Lips and voice out of step').check();
      await form.getByLabel(n % 2 === 0 ? '4 Sure' : '2 Unsure').check();
      await form.getByRole('button', { name: 'Answer' }).click();

      const debrief = page.getByTestId('drill-debrief');
      const expected = isGenuine(itemId)
        ? saidGenuine
          ? 'correct-genuine'
          : 'false-accusation'
        : saidGenuine
          ? 'missed-fake'
          : 'hit';
      await expect.poll(() => debrief.getAttribute('data-outcome')).toBe(expected);
      const key = (await debrief.getByTestId('drill-key').textContent()) ?? '';
      if (isGenuine(itemId)) expect(key).toBe('Genuine clip');
      else expect(key).toMatch(/^Manipulated \(.+, [\d.]+–[\d.]+ s\): .+\.$/);
      // Liveproof's own reading of the same clip, analysed while the trainee answered.
      await debrief.getByTestId('drill-findings').waitFor({ timeout: 120_000 });
      if (n === 0) await page.screenshot({ path: join(ROOT, 'tests/screenshots/drill-debrief.png'), fullPage: true });
      await page.getByTestId('drill-next').click();
    }

    const score = page.getByTestId('drill-score');
    await score.waitFor();
    expect(await score.getByTestId('score-false-accusation').textContent()).toBe('1');
    expect(await score.getByTestId('score-missed-fake').textContent()).toBe('2');
    expect(await score.getByTestId('score-hit').textContent()).toBe('2');
    expect(await score.getByTestId('score-correct-genuine').textContent()).toBe('3');
    expect(await score.getByTestId('score-accuracy').textContent()).toBe('63 %');
    const labels = await score.locator('dt').allTextContents();
    expect(labels[0]).toMatch(/^False accusations/);
    await page.screenshot({ path: join(ROOT, 'tests/screenshots/drill-score.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      score.getByTestId('download-results').click(),
    ]);
    const text = await readFile((await download.path()) as string, 'utf8');
    const read = parseResults(text, Buffer.byteLength(text));
    if ('problem' in read) throw new Error(read.problem);
    const results: DrillResults = read.results;
    expect(results.trainee).toBe('Ada Trainee');
    expect(results.seed).toBe(42);
    expect(results.items.map((item) => item.id)).toEqual(said.map((answer) => answer.itemId));
    expect(results.answers.map(({ itemId, saidGenuine }) => ({ itemId, saidGenuine }))).toEqual(said);
    expect(results.answers.every((answer) => !answer.engineOn)).toBe(true);
    expect(results.answers.filter((a) => !a.saidGenuine).every((a) => a.cues.includes('lips-out-of-sync'))).toBe(true);
    expect(scoreDrill(results.items, results.answers).counts).toEqual({
      'false-accusation': 1,
      'missed-fake': 2,
      hit: 2,
      'correct-genuine': 3,
    });
  }, 600_000);

  it('should show the item in a call-like frame with the checklist, and refuse too few clips in words', async () => {
    await page.getByRole('button', { name: 'Start another drill' }).click();
    await page.getByTestId('quick-drill-clips').setInputFiles((clips as string[]).slice(0, 2));
    await page.getByText('Pick at least 3 clips (2 chosen).').waitFor();
    expect(await page.getByTestId('start-quick-drill').isDisabled()).toBe(true);
    await page.getByTestId('drill-pack-file').setInputFiles({
      name: 'not-a-pack.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('hello'),
    });
    expect(await page.getByTestId('drill-problem').textContent()).toMatch(/^not-a-pack\.zip: This file is not a zip/);
  });
});
