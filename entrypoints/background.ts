import { CALL_SITE_MATCHES, callPlatformOf } from '@/utils/common/call-sites';
import { onMessage } from '@/utils/messaging';
import { sidePanelPathFor } from '@/utils/common/panel-url';

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

  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url && callPlatformOf(change.url)) enableFor(tabId).catch(console.error);
  });

  onMessage('tabCaptureStreamId', async ({ data: targetTabId }) => {
    try {
      return { streamId: await browser.tabCapture.getMediaStreamId({ targetTabId }) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });

  browser.action.onClicked.addListener((tab) => {
    if (tab.id === undefined) return;
    // Not awaited: open() must run inside the click's user gesture.
    enableFor(tab.id).catch(console.error);
    browser.sidePanel.open({ tabId: tab.id }).catch(console.error);
  });
});
