import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackedExtensionId } from '../../scripts/lib/browser.mjs';
import { startDemoCall } from '../../scripts/lib/demo-call.mjs';
import type { MediaServer } from '../../scripts/lib/media-server.mjs';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { frontTabId } from '../support/call-tab';
import { faceModel, sharedClip } from '../support/paths';
import { requestsOffTheMachine } from '../support/recording-proxy';

const model = faceModel();
const clip = sharedClip('real/real_hdtf_katiehill_f_sadtalker.mp4');
const candidate = sharedClip('real/real_edtalk_obama_m.mp4');

describe.skipIf(!model || !clip || !candidate)('network isolation', () => {
  let browser: ExtensionBrowser;
  let server: MediaServer;
  /** Requests from extension pages, their workers and the service worker, to other origins. */
  const offOrigin: string[] = [];
  /** The demo call's own page loads its clips; that is the call, not the extension. */
  let call: Page | null = null;
  const fromCallPage = (request: Request) => {
    try {
      return request.frame().page() === call;
    } catch {
      return false; // a service worker's request has no frame
    }
  };

  beforeAll(async () => {
    server = await startDemoCall({ candidate: candidate as string });
    browser = await launchExtensionBrowser([
      `--allowlisted-extension-id=${unpackedExtensionId()}`,
      '--autoplay-policy=no-user-gesture-required',
    ]);
    const ownOrigin = `chrome-extension://${browser.extensionId}/`;
    browser.context.on('request', (request) => {
      if (!request.url().startsWith(ownOrigin) && !fromCallPage(request)) offOrigin.push(request.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should send nothing off the machine from any extension page, worker or the offscreen document', async () => {
    // A call-tab capture runs in the offscreen document; switching its delegate after Stop
    // closes its landmarkers there, when MediaPipe's usage logger would flush.
    call = await browser.context.newPage();
    await call.goto(server.url);
    const tabId = await frontTabId(browser.context);
    const callPanel = await browser.openPage(`sidepanel.html?tabId=${tabId}`);
    await callPanel.getByText('Model loaded').waitFor({ timeout: 60_000 });
    await callPanel.getByRole('button', { name: 'Start on this tab' }).click();
    await callPanel.getByTestId('live-state').getByText('Analysing').waitFor({ timeout: 30_000 });
    await callPanel.waitForTimeout(3000);
    await callPanel.getByRole('button', { name: 'Stop' }).click();
    await callPanel.getByTestId('engine-delegate').selectOption('GPU');
    await callPanel.getByText(/Model loaded|Model failed/).waitFor({ timeout: 30_000 });
    await callPanel.getByTestId('engine-delegate').selectOption('auto');
    await callPanel.getByText('Model loaded').waitFor({ timeout: 30_000 });
    await callPanel.close();
    for (const path of ['sessions.html', 'drill.html'] as const) {
      const page = await browser.openPage(path);
      await page.waitForLoadState('load');
      await page.close();
    }

    const panel = await browser.openPage('sidepanel.html');
    await panel.getByText('Model loaded').waitFor({ timeout: 30_000 });

    const analyze = await browser.openPage('analyze.html');
    await analyze.getByText('Model loaded').waitFor({ timeout: 30_000 });
    await analyze.getByTestId('file-input').setInputFiles(clip as string);
    await analyze.getByTestId('result').waitFor({ timeout: 120_000 });
    const frames = Number(await analyze.getByTestId('frames-analyzed').textContent());
    console.log(`[network] frames analysed: ${frames}`);
    expect(frames).toBeGreaterThan(0);

    // Switching the delegate closes the running landmarker, which is when MediaPipe's
    // built-in usage logger flushes; the GPU start that follows may fail headless, which is fine, and
    // the automatic choice after it runs the GPU's probe and self-test.
    await analyze.getByTestId('engine-delegate').selectOption('GPU');
    await analyze.getByText(/Model loaded|Model failed/).waitFor({ timeout: 30_000 });
    await analyze.getByTestId('engine-delegate').selectOption('auto');
    await analyze.getByText('Model loaded').waitFor({ timeout: 30_000 });
    await panel.close();
    await analyze.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const leftTheMachine = requestsOffTheMachine(browser.proxy);
    const fromChromium = browser.proxy.requests.length - leftTheMachine.length;
    console.log(
      `[network] extension requests to other origins: ${offOrigin.length}; ` +
        `requests at the proxy: ${leftTheMachine.length} (+${fromChromium} from Chromium itself)`,
    );
    expect(leftTheMachine).toEqual([]);
    expect(offOrigin).toEqual([]);
  });

  describe('the proxy that watches', () => {
    let server: Server;
    beforeAll(async () => {
      server = createServer((_request, response) => {
        response.setHeader('content-type', 'text/html');
        response.end('<script>fetch("http://canary.liveproof.test/ping").catch(() => {});</script>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );

    it('should catch a request that does leave (so the test above can fail)', async () => {
      const before = browser.proxy.requests.length;
      const page = await browser.context.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await expect
        .poll(() => browser.proxy.requests.slice(before), { timeout: 10_000 })
        .toContain('GET http://canary.liveproof.test/ping');
    });
  });
});
