import type { BrowserContext } from 'playwright-core';

type TabsApi = { chrome: { tabs: { query(query: object): Promise<{ id?: number }[]> } } };

/**
 * The id of the tab in front, asked of the extension's service worker: the call page, opened last,
 * until a panel page opens (the extension has no "tabs" permission to find it by URL).
 */
export async function frontTabId(context: BrowserContext): Promise<number> {
  const [worker] = context.serviceWorkers();
  const tabId = await worker?.evaluate(
    async () =>
      (await (globalThis as unknown as TabsApi).chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  );
  if (typeof tabId !== 'number') throw new Error('no tab in front');
  return tabId;
}

/** A Google Meet address the demo call is served at by servedAsCallSite. */
export const CALL_SITE_URL = 'https://meet.google.com/abc-defg-hij';

/**
 * Serves the demo call at CALL_SITE_URL (its clips under the same origin) and a plain page at
 * https://example.org/, inside the browser: a call site is where the extension has host access and
 * sees the tab's address. Nothing goes off the machine.
 */
export async function servedAsCallSite(context: BrowserContext, demoCallUrl: string): Promise<void> {
  await context.route('https://meet.google.com/**', async (route) => {
    const path = new URL(route.request().url()).pathname;
    const local = `${demoCallUrl}${path === new URL(CALL_SITE_URL).pathname ? '/' : path}`;
    await route.fulfill({ response: await route.fetch({ url: local }) });
  });
  await context.route('https://example.org/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Another site</title><p>Not a call.</p>' }),
  );
}
