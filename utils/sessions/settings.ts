/**
 * The interviewer's privacy settings, in one place: how long sessions are kept, and whether the
 * first-capture notice has been acknowledged (zod-validated; kept by utils/storage/settings.ts).
 */
import { z } from 'zod';

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
