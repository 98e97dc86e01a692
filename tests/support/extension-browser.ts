import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { EXTENSION_DIR } from './paths';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** Every request that tried to leave the machine, from any page, worker or the browser itself. */
  proxy: RecordingProxy;
  extensionUrl: (path: string) => string;
  openPage: (path: string) => Promise<Page>;
  close: () => Promise<void>;
}

/**
 * Debian Chromium with the built extension, headless, routed through a recording proxy so that
 * any request bound off this machine is seen (and refused) at the browser level.
 */
export async function launchExtensionBrowser(extraArgs: string[] = []): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  }
  if (!existsSync(CHROME_PATH)) {
    throw new Error(`No Chromium at ${CHROME_PATH}: install Debian's chromium or set CHROME_PATH.`);
  }
  const proxy = await startRecordingProxy();
  const userDataDir = mkdtempSync(join(tmpdir(), 'liveproof-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROME_PATH,
    headless: false,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--proxy-server=http://127.0.0.1:${proxy.port}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...extraArgs,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  return {
    context,
    extensionId,
    proxy,
    extensionUrl,
    openPage: async (path) => {
      const page = await context.newPage();
      await page.goto(extensionUrl(path));
      return page;
    },
    close: async () => {
      await context.close();
      await proxy.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
