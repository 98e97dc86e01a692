/** The part of chrome.storage.local Liveproof uses, so pure tests can pass a plain object. */
export interface KeyValueStorage {
  /** One key's value (null: every key and value). */
  get(key: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}
