import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { AnalysisReportSchema } from '@/utils/report/analysis-report';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { faceModel, sharedClip } from '../support/paths';

const model = faceModel();
const obama = sharedClip('other/avoffset_obama_audio_lag_plus200ms.mp4');
// One slow turn toward the picture's right, to a full profile from 4.4 s (see the media manifest).
const turn = sharedClip('challenges/real_turn_vhap_profile_m.mp4');
// 8.0 s, its index before its frames: cut anywhere in the frames, what comes before still reads.
const aoc = sharedClip('real/real_hdtf_aoc_f_sadtalker.mp4');

describe.skipIf(!model)('Analyze a recording page', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtensionBrowser();
  });
  afterAll(async () => browser?.close());

  it.skipIf(!obama)('should show the lip-sync verdict, the signal chart and the findings for a real clip', async () => {
    const page = await browser.openPage('analyze.html');
    await page.getByText('Model loaded').waitFor({ timeout: 30_000 });
    await page.getByTestId('file-input').setInputFiles(obama as string);
    await page.getByTestId('lipsync').waitFor({ timeout: 120_000 });
    const verdict = page.getByTestId('lipsync-verdict');
    const frames = Number(await page.getByTestId('frames-analyzed').textContent());
    console.log(`[analyze page] frames analysed: ${frames}; ${await verdict.textContent()}`);
    expect(frames).toBeGreaterThan(0);
    // This clip's source is itself about 170 ms late (see the bench), so the sound is well after the lips.
    expect(await verdict.getAttribute('data-verdict')).toBe('offset');
    await page.getByTestId('signal-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('finding').first().getAttribute('data-kind')).toBe('av-offset');
    await page.getByRole('button', { name: 'Show the numbers' }).click();
    await expect.poll(() => page.getByText('peakCorrelation').count()).toBe(1);
    // One man throughout: his face described about once a second, never far from itself.
    const likeness = page.locator('[data-check="likeness"]');
    expect(await likeness.getAttribute('data-flagged')).toBe('false');
    const described = /(\d+) faces described; largest change (\d\.\d+)/.exec((await likeness.textContent()) ?? '');
    console.log(`[analyze page] ${await likeness.textContent()}`);
    expect(Number(described?.[1])).toBeGreaterThanOrEqual(15);
    expect(Number(described?.[2])).toBeLessThan(DESCRIPTOR.samePersonMax);
  });

  it.skipIf(!aoc)('should say that a file cut short ends early, and how much of it was read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liveproof-cut-'));
    try {
      const clip = readFileSync(aoc as string);
      const cut = join(dir, 'cut.mp4');
      writeFileSync(cut, clip.subarray(0, Math.floor(clip.length * 0.55)));
      const page = await browser.openPage('analyze.html');
      await page.getByText('Model loaded').waitFor({ timeout: 30_000 });
      await page.getByTestId('file-input').setInputFiles(cut);
      await page.getByTestId('lipsync').waitFor({ timeout: 120_000 });
      const notice = (await page.getByTestId('coverage').textContent()) ?? '';
      console.log(`[analyze page] ${notice}`);
      expect(notice).toMatch(
        /^The file ends early: its video could be read up to [3-5]\.\d s of the 8\.0 s it declares/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!turn)('should check challenges over marked stretches and export them in the report', async () => {
    const page = await browser.openPage('analyze.html');
    await page.getByText('Model loaded').waitFor({ timeout: 30_000 });
    await page.getByLabel(/Analyse every frame/).check();
    await page.getByTestId('file-input').setInputFiles(turn as string);
    await page.getByTestId('challenges').waitFor({ timeout: 120_000 });
    const start = page.getByTestId('challenge-start');
    const end = page.getByTestId('challenge-end');
    const results = page.getByTestId('challenge-result');

    // Dragging across the chart fills the stretch.
    const plotArea = page.getByTestId('signal-chart').locator('.u-over');
    await plotArea.scrollIntoViewIfNeeded();
    const chart = await plotArea.boundingBox();
    if (!chart) throw new Error('the chart has no plotting area');
    const y = chart.y + chart.height / 2;
    await page.mouse.move(chart.x + chart.width * 0.25, y);
    await page.mouse.down();
    await page.mouse.move(chart.x + chart.width * 0.5, y, { steps: 5 });
    await page.mouse.up();
    const dragged = [Number(await start.inputValue()), Number(await end.inputValue())];
    console.log(`[analyze page] dragged stretch ${dragged.join('–')} s`);
    expect(dragged[0]).toBeGreaterThan(0.5);
    expect(dragged[1]).toBeGreaterThan(dragged[0] as number);

    // A stretch that ends before it starts is refused in words, and the typed values stay.
    await start.fill('6.3');
    await end.fill('1.5');
    await page.getByTestId('challenge-check').click();
    await expect.poll(() => page.getByTestId('challenge-error').textContent()).toMatch(/must come after the start/);
    expect(await start.inputValue()).toBe('6.3');
    expect(await end.inputValue()).toBe('1.5');
    expect(await results.count()).toBe(0);

    await start.fill('1.5');
    await end.fill('6.3');
    await page.getByTestId('challenge-kind').selectOption({ label: "Head turn toward the picture's right" });
    await page.getByTestId('challenge-check').click();
    await results.first().waitFor();
    console.log(`[analyze page] ${await results.first().textContent()}`);
    expect(await results.first().getAttribute('data-outcome')).toBe('passed');
    expect(await results.first().textContent()).toContain('Passed');
    expect(await page.getByTestId('challenge-error').count()).toBe(0);

    // The same stretch toward the other side: never reached, so not verified; removed again.
    await page.getByTestId('challenge-kind').selectOption({ label: "Head turn toward the picture's left" });
    await page.getByTestId('challenge-check').click();
    await expect.poll(() => results.count()).toBe(2);
    expect(await results.nth(1).getAttribute('data-outcome')).toBe('not-verified');
    expect(await results.nth(1).textContent()).toContain('Not verified');
    await results
      .nth(1)
      .getByRole('button', { name: /Remove/ })
      .click();
    await expect.poll(() => results.count()).toBe(1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export report (JSON)' }).click(),
    ]);
    const report = AnalysisReportSchema.parse(JSON.parse(await readFile(await download.path(), 'utf8')));
    expect(report.challenges).toHaveLength(1);
    expect(report.challenges[0]).toMatchObject({
      kind: 'head-turn',
      sides: 'image-right',
      startS: 1.5,
      endS: 6.3,
      outcome: 'passed',
    });
  });
});
