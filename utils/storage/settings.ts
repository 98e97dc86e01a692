/**
 * The interviewer's privacy settings, in one place: how long sessions are kept, and whether the
 * first-capture notice has been acknowledged (zod-validated in chrome.storage.local).
 */
import { z } from 'zod';
import type { KeyValueStorage } from './key-value-storage';

export const RETENTION_CHOICES = [null, 7, 30, 90, 365] as const;

export const SettingsSchema = z.object({
  schemaVersion: z.literal(1),
  /** Sessions ended more than this many days ago are deleted; null keeps them until deleted by hand. */
  retentionDays: z.number().int().min(1).max(3650).nullable(),
  /** The notice shown the first time capture starts was acknowledged. */
  consentAcknowledged: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { schemaVersion: 1, retentionDays: 90, consentAcknowledged: false };

const KEY = 'settings';

export async function loadSettings(storage: KeyValueStorage): Promise<Settings> {
  try {
    const parsed = SettingsSchema.safeParse((await storage.get(KEY))[KEY]);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS;
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
    return `Settings could not be saved (${error instanceof Error ? error.message : String(error)}).`;
  }
}

export function retentionText(days: number | null): string {
  return days === null ? 'Keep until I delete them' : `Delete sessions ${days} days after they end`;
}
