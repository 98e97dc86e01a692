import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, unpackedExtensionId } from '../../scripts/lib/browser.mjs';
import { startDemoCall } from '../../scripts/lib/demo-call.mjs';
import type { MediaServer } from '../../scripts/lib/media-server.mjs';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { meterAnalysedFrames, type AnalysedFramesMeter } from '../support/live-frames';
import { CALL_SITE_URL, frontTabId, servedAsCallSite } from '../support/call-tab';
import { faceModel, sharedClip } from '../support/paths';

const model = faceModel();
const candidate = sharedClip('real/real_edtalk_obama_m.mp4');

// "Start on this tab": chrome.tabCapture through the background, as after a toolbar click. A
// headless test cannot click the toolbar, so the extension is allowlisted for capture instead.
describe.skipIf(!model || !candidate)('live capture of the panel tab (chrome.tabCapture)', () => {
  let server: MediaServer;
  let browser: ExtensionBrowser;
  let panel: Page;
  let call: Page;
  let meter: AnalysedFramesMeter | undefined;
  let firstCaptureAtMs = 0;

  beforeAll(async () => {
    server = await startDemoCall({ candidate: candidate as string });
    browser = await launchExtensionBrowser([
      `--allowlisted-extension-id=${unpackedExtensionId()}`,
      '--autoplay-policy=no-user-gesture-required',
    ]);
    expect(browser.extensionId).toBe(unpackedExtensionId());
    call = await browser.context.newPage();
    await call.goto(server.url);
    const tabId = await frontTabId(browser.context);
    panel = await browser.openPage(`sidepanel.html?tabId=${tabId}`);
    await panel.getByText('Model loaded').waitFor({ timeout: 60_000 });
    meter = meterAnalysedFrames(panel);
  });
  afterEach(({ task }) => {
    console.log(`[live tab] frames analysed: ~${meter?.take() ?? 0} during "${task.name}"`);
  });
  afterAll(async () => {
    meter?.stop();
    await browser?.close();
    await server?.close();
  });

  it('should capture the tab with its sound and analyse it', async () => {
    await panel.getByRole('button', { name: 'Start on this tab' }).click();
    firstCaptureAtMs = Date.now();
    await panel.getByTestId('live-state').getByText('Analysing').waitFor({ timeout: 20_000 });
    // The first capture says what happens to the call, once.
    const notice = panel.getByTestId('consent-notice');
    expect(await notice.textContent()).toMatch(/on this device only: nothing is uploaded.*Tell the candidate/);
    await notice.getByRole('button', { name: 'Got it' }).click();
    await notice.waitFor({ state: 'detached' });
    await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 20_000 });
    await expect
      .poll(async () => panel.getByTestId('live-audio').textContent(), { timeout: 10_000 })
      .toMatch(/-?\d+ dBFS/);
    await panel.getByTestId('session-candidate').fill('Barack Obama');
  });

  it('should analyse nothing while paused, and pick up again on resume', async () => {
    await panel.getByRole('button', { name: 'Pause' }).click();
    await panel.getByTestId('live-state').getByText('Paused').waitFor();
    // The analysed rate is taken over 2 s, so after 3 s paused it is zero.
    await expect
      .poll(async () => Number(await panel.getByTestId('live-health').getAttribute('data-fps')), { timeout: 6000 })
      .toBe(0);
    await panel.getByRole('button', { name: 'Resume' }).click();
    await panel.getByTestId('live-state').getByText('Analysing').waitFor();
    await expect
      .poll(async () => Number(await panel.getByTestId('live-health').getAttribute('data-fps')), { timeout: 6000 })
      .toBeGreaterThan(0);
    // The session keeps a signal point every 5 s of analysis; the sessions page reads this one.
    await expect
      .poll(
        async () =>
          Date.now() - firstCaptureAtMs > 6000 &&
          Number(await panel.getByTestId('live-health').getAttribute('data-fps')) > 0,
        { timeout: 15_000 },
      )
      .toBe(true);
  });

  it('should stop on Stop and keep the session', async () => {
    await panel.getByTestId('note-input').fill('Camera angle changed at the start');
    await panel.getByTestId('note-input').press('Enter');
    await panel.getByRole('button', { name: 'Stop' }).click();
    await panel
      .getByTestId('live-message')
      .getByText(/Capture stopped/)
      .waitFor();
    expect(await panel.getByTestId('session-last-event').textContent()).toMatch(/Capture stopped/);
    await panel.getByTestId('notes').getByText('Camera angle changed at the start').waitFor();
  });

  it('should say so when the call tab is closed during capture, keeping notes', async () => {
    await panel.getByRole('button', { name: 'Start on this tab' }).click();
    await panel.getByTestId('live-state').getByText('Analysing').waitFor({ timeout: 20_000 });
    expect(await panel.getByTestId('consent-notice').count()).toBe(0);
    await call.close();
    await panel
      .getByTestId('live-message')
      .getByText(/capture ended/i)
      .waitFor({ timeout: 10_000 });
    expect(await panel.getByTestId('session-last-event').textContent()).toMatch(/ended by itself/);
    await panel.getByTestId('notes').getByText('Camera angle changed at the start').waitFor();
  });

  it('should end the session and show it with its signals on the sessions page and the printable report', async () => {
    await panel.getByTestId('end-session').click();
    await panel.getByTestId('live-session').waitFor({ state: 'detached' });
    const sessions = await browser.openPage('sessions.html');
    const row = sessions.getByTestId('session-row').filter({ hasText: 'Barack Obama' });
    await row.getByRole('link').click();
    const summary = sessions.getByTestId('session-summary');
    await summary.waitFor();
    const text = (await summary.textContent()) ?? '';
    console.log(`[sessions] live session summary: ${text}`);
    const faceShare = Number(/Face found(\d+) %/.exec(text)?.[1]);
    expect(faceShare).toBeGreaterThan(50);
    expect(await sessions.getByTestId('timeline').textContent()).toMatch(
      /Camera angle changed at the start.*Capture stopped/s,
    );
    const [report] = await Promise.all([
      browser.context.waitForEvent('page'),
      sessions.getByTestId('open-report').click(),
    ]);
    await report.getByTestId('report').waitFor();
    await report.getByTestId('session-chart').locator('canvas').waitFor();
    await report.emulateMedia({ media: 'print' });
    await report.screenshot({ path: join(ROOT, '.cache/report.png'), fullPage: true });
    expect(await report.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
  });

  it('should stop, and say why, when the call tab goes to another site', async () => {
    await servedAsCallSite(browser.context, server.url);
    const meet = await browser.context.newPage();
    await meet.goto(CALL_SITE_URL);
    const meetPanel = await browser.openPage(`sidepanel.html?tabId=${await frontTabId(browser.context)}`);
    await meetPanel.getByRole('button', { name: 'Start on this tab' }).click();
    await meetPanel.getByTestId('live-state').getByText('Analysing').waitFor({ timeout: 20_000 });
    // Another page of the same site is still the call's site.
    await meet.evaluate(() => history.pushState(null, '', '/landing'));
    await meetPanel.waitForTimeout(1000);
    expect(await meetPanel.getByTestId('live-state').textContent()).toBe('Analysing');
    await meet.goto('https://example.org/');
    await meetPanel
      .getByTestId('live-message')
      .getByText(/went to another site/)
      .waitFor({ timeout: 10_000 });
    expect(await meetPanel.getByTestId('session-last-event').textContent()).toMatch(/went to another site/);
  });
});
