import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '@/utils/sessions/settings';
import { loadSettings, saveSettings } from '@/utils/storage/settings';
import { memoryStorage } from '../../support/memory-storage';

describe('settings', () => {
  it('should start with the returning applicant check off', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      schemaVersion: 2,
      retentionDays: 90,
      consentAcknowledged: false,
      returningApplicantCheck: false,
    });
  });

  it('should read version 1 settings with the check off, keeping what the interviewer chose', async () => {
    const storage = memoryStorage();
    await storage.set({ settings: { schemaVersion: 1, retentionDays: 30, consentAcknowledged: true } });
    expect(await loadSettings(storage)).toEqual({
      schemaVersion: 2,
      retentionDays: 30,
      consentAcknowledged: true,
      returningApplicantCheck: false,
    });
  });

  it('should save and read back the check switched on', async () => {
    const storage = memoryStorage();
    const chosen = { ...DEFAULT_SETTINGS, retentionDays: null, returningApplicantCheck: true };
    expect(await saveSettings(storage, chosen)).toBeNull();
    expect(await loadSettings(storage)).toEqual(chosen);
  });

  it('should fall back to the defaults for settings no version wrote', async () => {
    expect(parseSettings({ schemaVersion: 2, retentionDays: 30 })).toBeNull();
    expect(parseSettings({ schemaVersion: 1, retentionDays: 0, consentAcknowledged: true })).toBeNull();
    const storage = memoryStorage();
    await storage.set({ settings: 'garbage' });
    expect(await loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
  });
});
