/** The privacy settings in extension storage, older versions migrated; unreadable ones fall back to the defaults. */
import { DEFAULT_SETTINGS, parseSettings, SettingsSchema, type Settings } from '@/utils/sessions/settings';
import { STORED_TEXT } from '@/utils/wording/storage';
import type { KeyValueStorage } from './key-value-storage';
import { messageOf } from '@/utils/common/error-message';

const KEY = 'settings';

export async function loadSettings(storage: KeyValueStorage): Promise<Settings> {
  try {
    return parseSettings((await storage.get(KEY))[KEY]) ?? DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** Saves the settings; resolves to null, or to a message for the interviewer. */
export async function saveSettings(storage: KeyValueStorage, settings: Settings): Promise<string | null> {
  try {
    await storage.set({ [KEY]: SettingsSchema.parse(settings) });
    return null;
  } catch (error) {
    return STORED_TEXT.settingsUnsaved(messageOf(error));
  }
}
