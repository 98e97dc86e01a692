import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  combineResults,
  resultsToJson,
  trainerCsv,
  trainerMarkdown,
  type Answer,
  type DrillResults,
  type TrainerTable,
} from '@/utils/drills/scoring';
import { ROOT } from '../../scripts/lib/browser.mjs';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { answer, drillPackResults, PACK_ID } from '../unit/drills/drill-fixtures';

const results = (trainee: string, answers: Answer[], startedAtMs: number, packId = PACK_ID, title?: string) =>
  drillPackResults(trainee, answers, { startedAtMs, seed: 7, packId, ...(title ? { title } : {}) });

/**
 * The pack's items: ada and bob are genuine, ada.shift+250 and bob.frozen are fakes. By hand:
 * - Ana: accuses ada (4), spots the shift (5), bob genuine (3), misses the freeze (2).
 * - Ben: accuses ada (2), misses the shift (3), accuses bob (4), spots the freeze (4).
 * - Cy: ada genuine (3), spots the shift (3), bob genuine (5), skips the freeze.
 */
const ANA = results(
  'Ana',
  [
    answer('ada', false, 4, 8000),
    answer('ada.shift+250', false, 5, 12000),
    answer('bob', true, 3, 5000),
    answer('bob.frozen', true, 2, 3000),
  ],
  Date.UTC(2026, 11, 1, 9),
);
const BEN = results(
  'Ben',
  [
    answer('ada', false, 2, 6000),
    answer('ada.shift+250', true, 3, 9000),
    answer('bob', false, 4, 4000),
    answer('bob.frozen', false, 4, 7000),
  ],
  Date.UTC(2026, 11, 1, 10),
);
const CY = results(
  'Cy',
  [answer('ada', true, 3, 2000), answer('ada.shift+250', false, 3, 3000), answer('bob', true, 5, 1000)],
  Date.UTC(2026, 11, 1, 11),
);

const file = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
const resultsFile = (name: string, made: DrillResults) => file(name, resultsToJson(made));

/** Each row's cells as shown, from the second column on (the first holds names and dates). */
const cells = (rows: Locator) =>
  rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent?.trim() ?? '')),
  );

const SHIFT_WORDS =
  'Manipulated (Sound shifted against the picture, 0–30 s): The sound was moved 250 ms later than the picture.';
const FROZEN_WORDS = 'Manipulated (Picture frozen for a stretch, 4.8–7.2 s): The picture was frozen for 2.4 s.';

// The trainer view on the drill page: several trainees' results files, refused ones said by name
// with the set unchanged, the tables and chart as computed by hand, and the exports.
describe('drill trainer view', () => {
  let browser: ExtensionBrowser;
  let page: Page;
  const input = () => page.getByTestId('trainer-files');
  const items = () => page.getByTestId('trainer-item');
  const trainees = () => page.getByTestId('trainer-trainees').locator('tbody tr');
  const problems = () => page.getByTestId('trainer-problem');

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    page = await browser.openPage('drill.html');
    await input().waitFor();
  });
  afterAll(async () => browser?.close());

  it('should combine three trainees into the per-trainee and per-item tables and the chart', async () => {
    await input().setInputFiles([
      resultsFile('ana.json', ANA),
      resultsFile('ben.json', BEN),
      resultsFile('cy.json', CY),
    ]);
    await expect.poll(() => items().count()).toBe(4);

    expect(await trainees().locator('td:first-child strong').allTextContents()).toEqual(['Ana', 'Ben', 'Cy']);
    // False accusations, missed fakes, right, median time to answer, mean confidence right / wrong.
    expect(await cells(trainees())).toEqual([
      ['1', '1', '2 of 4 (50 %)', '6.5 s', '4.0 / 3.0', 'Remove'],
      ['2', '1', '1 of 4 (25 %)', '6.5 s', '4.0 / 3.0', 'Remove'],
      ['0', '0', '3 of 3 (100 %)', '2.0 s', '3.7 / –', 'Remove'],
    ]);

    // The items that fooled most first; on a tie (1 of 3) the genuine clip first.
    expect(await items().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')))).toEqual([
      'ada',
      'bob.frozen',
      'bob',
      'ada.shift+250',
    ]);
    // Answer key, false accusations, missed fakes, right, answered, fooled, confidence right / wrong, median time.
    expect(await cells(items())).toEqual([
      ['Genuine clip', '2', '–', '1', '3', '67 %', '3.0 / 3.0', '6.0 s'],
      [FROZEN_WORDS, '–', '1', '1', '2', '50 %', '4.0 / 2.0', '5.0 s'],
      ['Genuine clip', '1', '–', '2', '3', '33 %', '4.0 / 4.0', '4.0 s'],
      [SHIFT_WORDS, '–', '1', '2', '3', '33 %', '4.0 / 3.0', '9.0 s'],
    ]);

    const bars = page.getByTestId('trainer-chart').locator('li');
    expect(await bars.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')))).toEqual([
      'ada',
      'bob.frozen',
      'bob',
      'ada.shift+250',
    ]);
    expect(await bars.locator('.item-bar-value').allTextContents()).toEqual([
      '67 % fooled: 2 of 3 called it fake (false accusations)',
      '50 % fooled: 1 of 2 called it genuine (missed fakes)',
      '33 % fooled: 1 of 3 called it fake (false accusations)',
      '33 % fooled: 1 of 3 called it genuine (missed fakes)',
    ]);
    expect(await bars.first().textContent()).toContain('Genuine clip');
    const widths = await bars
      .locator('.item-bar-fill')
      .evaluateAll((fills) =>
        fills.map((fill) => fill.getBoundingClientRect().width / (fill.parentElement?.clientWidth ?? 1)),
      );
    expect(widths.map((width) => Math.round(width * 100))).toEqual([67, 50, 33, 33]);

    await page.screenshot({ path: join(ROOT, 'tests/screenshots/drill-trainer.png'), fullPage: true });
  });

  it('should name each damaged file and another pack, and leave the set as it was', async () => {
    const shown = async () => [await cells(trainees()), await cells(items())];
    const before = await shown();

    const tooSure = JSON.parse(resultsToJson(results('Dee', [answer('bob', true, 3, 1000)], 1)));
    tooSure.answers[0].confidence = 6;
    await input().setInputFiles([
      file('truncated.json', resultsToJson(results('Dee', [], 1)).slice(0, 120)),
      file('too-sure.json', JSON.stringify(tooSure)),
    ]);
    await expect
      .poll(() => problems().allTextContents())
      .toEqual([
        'truncated.json: This file is not JSON, so it is not a Liveproof drill results file; nothing was imported.',
        'too-sure.json: This drill results file is damaged at answers.0.confidence: ' +
          'Too big: expected number to be <=5; nothing was imported.',
      ]);
    expect(await shown()).toEqual(before);

    // A good file chosen with another pack's: neither is added, since together they would not combine.
    const week2 = results('Dee', [answer('bob', true, 3, 1000)], 1, 'b'.repeat(64), 'Interview drills, week 2');
    await input().setInputFiles([
      resultsFile('eve.json', results('Eve', [answer('bob', true, 3, 1000)], 2)),
      resultsFile('dee-week2.json', week2),
    ]);
    await expect
      .poll(() => problems().allTextContents())
      .toEqual([
        'Dee\'s results are for the pack "Interview drills, week 2", not "Interview drills, week 1" ' +
          '(or another version of it); combine the results of one pack at a time. Not added: eve.json, dee-week2.json.',
      ]);
    expect(await shown()).toEqual(before);

    await input().setInputFiles([resultsFile('ana-again.json', ANA)]);
    await expect
      .poll(() => problems().allTextContents())
      .toEqual([
        "Ana's results from the same drill were chosen twice; choose each file once. Not added: ana-again.json.",
      ]);
    expect(await shown()).toEqual(before);
  });

  it('should download the CSV and Markdown of the same results', async () => {
    const table = combineResults([ANA, BEN, CY]) as TrainerTable;
    const saved = async (testId: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
    };
    expect(await saved('trainer-csv')).toEqual({
      name: 'liveproof-drill-interview-drills-week-1.csv',
      text: trainerCsv(table),
    });
    expect(await saved('trainer-md')).toEqual({
      name: 'liveproof-drill-interview-drills-week-1.md',
      text: trainerMarkdown(table),
    });
  });

  it('should remove a trainee, add good files chosen with a damaged one, and clear', async () => {
    await page.getByRole('button', { name: "Remove Cy's results" }).click();
    await expect.poll(() => trainees().count()).toBe(2);
    expect((await cells(items()))[0]).toEqual(['Genuine clip', '2', '–', '0', '2', '100 %', '– / 3.0', '7.0 s']);

    await input().setInputFiles([resultsFile('cy.json', CY), file('notes.json', '{"hello": 1}')]);
    await expect
      .poll(() => problems().allTextContents())
      .toEqual(['notes.json: This is not a Liveproof drill results file; nothing was imported.']);
    await expect.poll(() => trainees().count()).toBe(3);
    expect((await cells(items()))[0]).toEqual(['Genuine clip', '2', '–', '1', '3', '67 %', '3.0 / 3.0', '6.0 s']);

    await page.getByTestId('trainer-clear').click();
    await page.getByTestId('trainer-empty').waitFor();
    expect(await items().count()).toBe(0);
    expect(await problems().count()).toBe(0);
  });
});
