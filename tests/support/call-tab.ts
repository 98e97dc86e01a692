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
