/**
 * The interviewer's privacy settings, in one place: how long sessions are kept, whether the
 * first-capture notice has been acknowledged, and whether sessions are checked for a returning
 * applicant (zod-validated and versioned; kept by utils/storage/settings.ts).
 */
import { z } from 'zod';

export const RETENTION_CHOICES = [null, 7, 30, 90, 365] as const;

const retentionDays = z.number().int().min(1).max(3650).nullable();

/** Version 1, frozen: retention and the capture notice. */
export const SettingsV1Schema = z.object({
  schemaVersion: z.literal(1),
  retentionDays,
  consentAcknowledged: z.boolean(),
});

export const SettingsSchema = z.object({
  schemaVersion: z.literal(2),
  /** Sessions ended more than this many days ago are deleted; null keeps them until deleted by hand. */
  retentionDays,
  /** The notice shown the first time capture starts was acknowledged. */
  consentAcknowledged: z.boolean(),
  /**
   * A session's page lists other sessions whose candidate's face resembles this one's (opt-in:
   * it compares faces across candidates, not only across one candidate's rounds).
   */
  returningApplicantCheck: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  schemaVersion: 2,
  retentionDays: 90,
  consentAcknowledged: false,
  returningApplicantCheck: false,
};

/** Stored settings of any version, migrated to the current one; null when they cannot be read. */
export function parseSettings(value: unknown): Settings | null {
  const current = SettingsSchema.safeParse(value);
  if (current.success) return current.data;
  const v1 = SettingsV1Schema.safeParse(value);
  return v1.success ? { ...v1.data, schemaVersion: 2, returningApplicantCheck: false } : null;
}
