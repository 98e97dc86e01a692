/**
 * Keeps each call tab's live session in the extension's local storage, so closing or reloading
 * the panel, or a crash, loses nothing (the browser edge of live-session.ts).
 */
import { parseLiveSession, type LiveSession } from './live-session';

/** The part of chrome.storage.local used here, so tests can pass a plain object. */
export interface KeyValueStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const keyOf = (tabId: number) => `liveSession:${tabId}`;

export async function loadLiveSession(
  storage: KeyValueStorage,
  tabId: number,
): Promise<{ session: LiveSession | null; problem: string | null }> {
  try {
    return parseLiveSession((await storage.get(keyOf(tabId)))[keyOf(tabId)]);
  } catch (error) {
    return { session: null, problem: `Saved sessions could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}

/** Saves the session; resolves to null, or to a message for the interviewer when storage failed. */
export async function saveLiveSession(storage: KeyValueStorage, session: LiveSession): Promise<string | null> {
  try {
    await storage.set({ [keyOf(session.tabId)]: session });
    return null;
  } catch (error) {
    return (
      `This session could not be saved (${error instanceof Error ? error.message : String(error)}). ` +
      'It is kept while this panel stays open; export or copy your notes before closing it.'
    );
  }
}

export async function forgetLiveSession(storage: KeyValueStorage, tabId: number): Promise<void> {
  await storage.remove(keyOf(tabId));
}
