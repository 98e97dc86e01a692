import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { z } from 'zod';
import { DELEGATE_CHOICES } from '@/utils/engine/landmarks';
import { createChecklistSlice, type ChecklistSlice } from './checklist-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createLiveSlice, type LiveSlice } from './live-slice';
import { createRecordingSlice, type RecordingSlice } from './recording-slice';
import { createSessionsSlice, type SessionsSlice } from './sessions-slice';

export type AppState = EngineSlice & RecordingSlice & LiveSlice & ChecklistSlice & SessionsSlice;

/** The persisted choices; a value this version does not know falls back to its default. */
const settingsSchema = z.object({
  preferredDelegate: z.enum(DELEGATE_CHOICES).catch('auto'),
  analyzeEveryFrame: z.boolean().catch(false),
});
export type Settings = z.infer<typeof settingsSchema>;

/** Stored settings as this version reads them (unknown values as their defaults). */
const readSettings = (stored: unknown): Settings =>
  settingsSchema.parse(typeof stored === 'object' && stored !== null ? stored : {});

/**
 * Settings as stored by `version` of this store, brought to the current one. Version 0 had a "Use
 * the GPU" box: its 'CPU' was the default, not a choice, and now means 'auto'.
 */
export function migrateSettings(stored: unknown, version: number): Settings {
  const settings = readSettings(stored);
  return version === 0 && settings.preferredDelegate === 'CPU' ? { ...settings, preferredDelegate: 'auto' } : settings;
}

/** The one app store, combined from slices; only user choices are persisted. */
export const useAppStore = create<AppState>()(
  persist(
    (...args) => ({
      ...createEngineSlice(...args),
      ...createRecordingSlice(...args),
      ...createLiveSlice(...args),
      ...createChecklistSlice(...args),
      ...createSessionsSlice(...args),
    }),
    {
      name: 'liveproof-settings',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      migrate: migrateSettings,
      merge: (stored, current) => ({ ...current, ...readSettings(stored) }),
      partialize: (state): Settings => ({
        preferredDelegate: state.preferredDelegate,
        analyzeEveryFrame: state.analyzeEveryFrame,
      }),
    },
  ),
);
