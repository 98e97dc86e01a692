import type { KeyValueStorage } from '@/utils/storage/key-value-storage';

/** chrome.storage.local stand-in for pure tests of the storage edges; `failWrites` acts out a full disk. */
export function memoryStorage(failWrites = false): KeyValueStorage {
  const data = new Map<string, unknown>();
  return {
    get: async (key) =>
      key === null
        ? Object.fromEntries([...data].map(([k, v]) => [k, structuredClone(v)]))
        : data.has(key)
          ? { [key]: structuredClone(data.get(key)) }
          : {},
    set: async (items) => {
      if (failWrites) throw new Error('QUOTA_BYTES quota exceeded');
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    remove: async (key) => {
      data.delete(key);
    },
  };
}
