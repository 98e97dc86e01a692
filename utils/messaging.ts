/**
 * Every message between the extension's contexts, declared once. Per-frame data never travels
 * here: the live pipeline runs in the panel, which owns the captured stream.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';

interface ProtocolMap {
  /**
   * Panel -> background: a tabCapture stream id for the panel's call tab (the toolbar click that
   * opened the panel granted capture of that tab). Resolves to an error text when refused.
   */
  tabCaptureStreamId(tabId: number): { streamId: string } | { error: string };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
