import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EXTENSION_DIR, ROOT, unpackedExtensionId } from '../../scripts/lib/browser.mjs';
import { startDemoCall } from '../../scripts/lib/demo-call.mjs';
import type { MediaServer } from '../../scripts/lib/media-server.mjs';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { frontTabId } from '../support/call-tab';
import { offscreenDevtools } from '../support/offscreen';
import { faceModel, sharedClip } from '../support/paths';

const model = faceModel();
const candidate = sharedClip('real/real_edtalk_obama_m.mp4');
const NOTE = 'Asked about the gap in 2023';

type ChromeApi = {
  chrome: {
    action: { getBadgeText(details: { tabId: number }): Promise<string> };
    runtime: { getContexts(filter: object): Promise<unknown[]> };
  };
};

// A call-tab capture runs in the offscreen document: the panel only views it.
describe.skipIf(!model || !candidate)('capture that outlives the panel (offscreen document)', () => {
  let server: MediaServer;
  let browser: ExtensionBrowser;
  let panel: Page;
  let tabId: number;

  const worker = (): Worker => {
    const [found] = browser.context.serviceWorkers();
    if (!found) throw new Error('no service worker');
    return found;
  };
  const framesAnalysed = async (page: Page) =>
    Number(await page.getByTestId('live-health').getAttribute('data-frames-analysed'));
  const openPanel = async () => {
    const page = await browser.openPage(`sidepanel.html?tabId=${tabId}`);
    await page.getByTestId('live-card').waitFor();
    return page;
  };
  const badge = () =>
    worker().evaluate((id) => (globalThis as unknown as ChromeApi).chrome.action.getBadgeText({ tabId: id }), tabId);
  const offscreenDocuments = () =>
    worker().evaluate(
      async () =>
        (
          await (globalThis as unknown as ChromeApi).chrome.runtime.getContexts({
            contextTypes: ['OFFSCREEN_DOCUMENT'],
          })
        ).length,
    );

  beforeAll(async () => {
    server = await startDemoCall({ candidate: candidate as string });
    browser = await launchExtensionBrowser([
      `--allowlisted-extension-id=${unpackedExtensionId()}`,
      '--autoplay-policy=no-user-gesture-required',
      '--enable-unsafe-extension-debugging',
    ]);
    const call = await browser.context.newPage();
    await call.goto(server.url);
    tabId = await frontTabId(browser.context);
    panel = await openPanel();
    await panel.getByText('Model loaded').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should analyse in the background, say so, and show the badge', async () => {
    await panel.getByRole('button', { name: 'Start on this tab' }).click();
    await panel.getByTestId('live-state').getByText('Analysing').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('live-place').getAttribute('data-place')).toBe('offscreen');
    expect(await panel.getByTestId('live-place').textContent()).toMatch(/closing this panel does not stop it/);
    await panel.getByTestId('note-input').fill(NOTE);
    await panel.getByTestId('note-input').press('Enter');
    await panel.getByTestId('notes').getByText(NOTE).waitFor();
    await expect.poll(badge, { timeout: 5000 }).toBe('ON');
  });

  it('should keep analysing while the panel is closed, and show the same session when it reopens', async () => {
    await expect.poll(() => framesAnalysed(panel), { timeout: 10_000 }).toBeGreaterThan(0);
    const beforeClose = await framesAnalysed(panel);
    const findingsBefore = await panel.getByTestId('finding').count();
    await panel.close();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(await offscreenDocuments()).toBe(1);
    expect(await badge()).toBe('ON');

    panel = await openPanel();
    // No Start: the panel attaches to the capture that kept running.
    await panel.getByTestId('live-state').getByText('Analysing').waitFor({ timeout: 15_000 });
    const afterReopen = await framesAnalysed(panel);
    console.log(
      `[offscreen] frames analysed: ${beforeClose} before closing the panel, ${afterReopen} after 4 s closed`,
    );
    // The pipeline's own count went on (a restarted analysis would count from zero).
    expect(afterReopen).toBeGreaterThan(beforeClose);
    await panel.getByTestId('notes').getByText(NOTE).waitFor();
    expect(await panel.getByTestId('finding').count()).toBeGreaterThanOrEqual(findingsBefore);
    await panel.setViewportSize({ width: 380, height: 900 });
    await panel.getByTestId('live-card').screenshot({ path: join(ROOT, 'tests/screenshots/live-panel-offscreen.png') });
  });

  it('should go on through a reload of the panel', async () => {
    const beforeReload = await framesAnalysed(panel);
    await panel.reload();
    await panel.getByTestId('live-state').getByText('Analysing').waitFor({ timeout: 15_000 });
    await expect.poll(() => framesAnalysed(panel), { timeout: 10_000 }).toBeGreaterThan(beforeReload);
  });

  it('should say the analysis is degraded, and which checks, while the computer is too slow', async () => {
    // The offscreen document's main thread made 30 times slower through the DevTools protocol.
    const offscreen = await offscreenDevtools(browser.context);
    const throttle = (rate: number) => offscreen.send('Emulation.setCPUThrottlingRate', { rate });
    await throttle(30);
    const warning = panel.getByTestId('live-degraded');
    await warning.waitFor({ timeout: 30_000 });
    const checks = (await warning.getAttribute('data-checks')) ?? '';
    console.log(`[offscreen] throttled 30x: ${await warning.textContent()}`);
    expect(checks.split(',')).toContain('face flicker');
    await throttle(1);
    await warning.waitFor({ state: 'detached', timeout: 30_000 });
    await offscreen.close();
  });

  it('should recover the session after the extension is reloaded mid-call', async () => {
    const sessionId = await panel.getByTestId('live-session').getAttribute('data-session-id');
    // Installing the build again is what an update does: every page, worker and the offscreen
    // document of the running extension go away (chrome.runtime.reload() does not bring an
    // extension loaded from the command line back).
    const devtools = await browser.context.browser()?.newBrowserCDPSession();
    await devtools?.send('Extensions.loadUnpacked', { path: EXTENSION_DIR });
    // The extension's pages are gone until it is back (same id: it is unpacked).
    await expect
      .poll(
        async () => {
          const page = await browser.openPage(`sidepanel.html?tabId=${tabId}`);
          const ready = await page
            .getByTestId('live-card')
            .waitFor({ timeout: 3000 })
            .then(() => true)
            .catch(() => false);
          if (ready) panel = page;
          else await page.close();
          return ready;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await panel.getByTestId('notes').getByText(NOTE).waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('live-session').getAttribute('data-session-id')).toBe(sessionId);
    expect(await panel.getByTestId('live-state').textContent()).toBe('Not capturing');
  });
});
