/**
 * Extension storage for the offscreen document, which has no chrome.storage of its own: every
 * call goes to the background, which owns it.
 */
import { sendMessage } from '@/utils/messaging';
import type { KeyValueStorage } from './key-value-storage';

export const relayedStorage: KeyValueStorage = {
  get: (key) => sendMessage('storageGet', key),
  set: (items) => sendMessage('storageSet', items),
  remove: (key) => sendMessage('storageRemove', key),
};
