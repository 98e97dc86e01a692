import { CALL_SITE_MATCHES, callPlatformOf, leftSite } from '@/utils/common/call-sites';
import { onMessage, sendMessage } from '@/utils/messaging';
import { sidePanelPathFor } from '@/utils/common/panel-url';
import { PLACE_TEXT } from '@/utils/wording/capture';
import { messageOf } from '@/utils/common/error-message';

const OFFSCREEN_PATH = '/offscreen.html';

export default defineBackground(() => {
  // The panel belongs to one tab at a time: off by default, on for call sites and for any
  // tab whose toolbar button is clicked (the click also grants that tab's capture permission).
  const enableFor = (tabId: number) =>
    browser.sidePanel.setOptions({ tabId, path: sidePanelPathFor(tabId), enabled: true });

  browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(console.error);
  browser.sidePanel.setOptions({ enabled: false }).catch(console.error);

  browser.tabs
    .query({ url: [...CALL_SITE_MATCHES] })
    .then((tabs) => Promise.all(tabs.flatMap((tab) => (tab.id === undefined ? [] : [enableFor(tab.id)]))))
    .catch(console.error);

  // Tabs whose capture runs in the offscreen document, by the origin they were on (kept in session
  // storage: the service worker may be stopped between events).
  const WATCHED_KEY = 'watchedTabOrigins';
  const watchedOrigins = async (): Promise<Record<string, string>> =>
    ((await browser.storage.session.get(WATCHED_KEY))[WATCHED_KEY] as Record<string, string> | undefined) ?? {};

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url && callPlatformOf(change.url)) enableFor(tabId).catch(console.error);
    // A page load elsewhere changes no URL this extension can see, only the status.
    if (!change.url && !change.status) return;
    void watchedOrigins().then((origins) => {
      const origin = origins[tabId];
      if (origin && leftSite(origin, tab.url)) sendMessage('tabLeftSite', tabId).catch(() => undefined);
    });
  });

  onMessage('watchTabSite', async ({ data: { tabId, watching } }) => {
    const others = Object.entries(await watchedOrigins()).filter(([watchedId]) => watchedId !== String(tabId));
    const tab = watching ? await browser.tabs.get(tabId).catch(() => null) : null;
    const origins = Object.fromEntries(tab?.url ? [...others, [String(tabId), new URL(tab.url).origin]] : others);
    await browser.storage.session.set({ [WATCHED_KEY]: origins });
  });

  onMessage('tabCaptureStreamId', async ({ data: targetTabId }) => {
    try {
      return { streamId: await browser.tabCapture.getMediaStreamId({ targetTabId }) };
    } catch (error) {
      return { error: messageOf(error) };
    }
  });

  // One offscreen document hosts every call-tab capture; two panels asking at once create it once.
  let creating: Promise<void> | null = null;
  const offscreenOpen = async () =>
    (
      await browser.runtime.getContexts({
        contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
        documentUrls: [browser.runtime.getURL(OFFSCREEN_PATH)],
      })
    ).length > 0;
  onMessage('ensureOffscreen', async () => {
    if (await offscreenOpen()) return;
    creating ??= browser.offscreen
      .createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['USER_MEDIA' as Browser.offscreen.Reason],
        justification: PLACE_TEXT.offscreenJustification,
      })
      .finally(() => (creating = null));
    await creating;
  });
  onMessage('offscreenIdle', async () => {
    if (!creating && (await offscreenOpen())) await browser.offscreen.closeDocument();
  });

  onMessage('liveBadge', async ({ data: { tabId, analysing } }) => {
    await browser.action.setBadgeText({ tabId, text: analysing ? PLACE_TEXT.badge : '' });
    await browser.action.setTitle({ tabId, title: analysing ? PLACE_TEXT.badgeTitle : '' });
  });

  onMessage('storageGet', ({ data: key }) => browser.storage.local.get(key));
  onMessage('storageSet', ({ data: items }) => browser.storage.local.set(items));
  onMessage('storageRemove', ({ data: key }) => browser.storage.local.remove(key));

  browser.action.onClicked.addListener((tab) => {
    if (tab.id === undefined) return;
    // Not awaited: open() must run inside the click's user gesture.
    enableFor(tab.id).catch(console.error);
    browser.sidePanel.open({ tabId: tab.id }).catch(console.error);
  });
});
