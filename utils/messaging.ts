/**
 * Every message between the extension's contexts and the background, declared once. Per-frame
 * data never travels here: the live pipeline owns the captured stream where it runs, and panels
 * talk to the offscreen document's hosts over their own channel (utils/live/host-protocol.ts).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';

interface ProtocolMap {
  /**
   * Panel or offscreen document -> background: a tabCapture stream id for a call tab (the toolbar
   * click that opened the panel granted capture of that tab). Resolves to an error text when refused.
   */
  tabCaptureStreamId(tabId: number): { streamId: string } | { error: string };
  /** Panel -> background: opens the offscreen document that hosts call-tab captures, if not open. */
  ensureOffscreen(): void;
  /** Offscreen document -> background: no tab is hosted any more; the document may close. */
  offscreenIdle(): void;
  /** Host -> background: a capture of the tab started (true) or ended (false); shown on the toolbar badge. */
  liveBadge(data: { tabId: number; analysing: boolean }): void;
  /**
   * Offscreen document -> background: tell it when the tab leaves the site it is on now (tab
   * capture follows the tab to whatever page it shows next); `watching` false stops that.
   */
  watchTabSite(data: { tabId: number; watching: boolean }): void;
  /** Background -> offscreen document: a watched tab went to another site. */
  tabLeftSite(tabId: number): void;
  /** Offscreen document -> background: chrome.storage.local, which the document cannot reach itself. */
  storageGet(key: string | null): Record<string, unknown>;
  storageSet(items: Record<string, unknown>): void;
  storageRemove(key: string): void;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
