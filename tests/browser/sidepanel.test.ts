import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { faceModel } from '../support/paths';

// Every test here waits for the engine to load the model.
describe.skipIf(!faceModel())('side panel', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtensionBrowser();
  });
  afterAll(async () => browser?.close());

  it('should render the engine status with the loaded model, "Automatic" settled on the CPU here', async () => {
    const page = await browser.openPage('sidepanel.html?tabId=1');
    await page.getByText('Model loaded').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('engine-model').textContent()).toContain('Face Landmarker float16 v1');
    const loadMs = Number((await page.getByTestId('engine-load-ms').textContent())?.replace(/\D/g, ''));
    console.log(`[engine] model load in the side panel: ${loadMs} ms`);
    expect(loadMs).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Analyze a recording' }).isVisible()).toBe(true);
    // Headless Chromium here has only SwiftShader, which runs the model ~13x slower than the CPU.
    expect(await page.getByTestId('engine-delegate').inputValue()).toBe('auto');
    expect(await page.getByTestId('engine-runs-on').getAttribute('data-delegate')).toBe('CPU');
    const reason = await page.getByTestId('engine-delegate-reason').textContent();
    console.log(`[engine] automatic choice: ${reason}`);
    expect(reason).toMatch(/the GPU is not used: (WebGL here is software \(.+\)|no WebGL2 in workers)/);
  });

  it('should open the recording page from "Analyze a recording"', async () => {
    const page = await browser.openPage('sidepanel.html');
    const [analyzePage] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.getByRole('button', { name: 'Analyze a recording' }).click(),
    ]);
    await analyzePage.waitForLoadState();
    expect(analyzePage.url()).toBe(browser.extensionUrl('analyze.html'));
    await analyzePage.getByText('Drop a video file here').waitFor();
  });

  it('should open practice drills from the panel and from the sessions page', async () => {
    const page = await browser.openPage('sidepanel.html');
    const [drillPage] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.getByRole('button', { name: 'Practice drills' }).click(),
    ]);
    await drillPage.waitForLoadState();
    expect(drillPage.url()).toBe(browser.extensionUrl('drill.html'));
    await drillPage.getByRole('heading', { name: 'Run a drill' }).waitFor();
    const sessions = await browser.openPage('sessions.html');
    await sessions.getByTestId('open-drills').click();
    await sessions.getByRole('heading', { name: 'Run a drill' }).waitFor();
    expect(sessions.url()).toBe(browser.extensionUrl('drill.html'));
  });
});
