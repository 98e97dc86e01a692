import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { faceModel, sharedClip } from '../support/paths';

const model = faceModel();
const obama = sharedClip('other/avoffset_obama_audio_lag_plus200ms.mp4');

describe.skipIf(!model || !obama)('Analyze a recording page', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtensionBrowser();
  });
  afterAll(async () => browser?.close());

  it('should show the lip-sync verdict, the signal chart and the findings for a real clip', async () => {
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
});
