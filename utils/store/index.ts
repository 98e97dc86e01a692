import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createChecklistSlice, type ChecklistSlice } from './checklist-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createLiveSlice, type LiveSlice } from './live-slice';
import { createRecordingSlice, type RecordingSlice } from './recording-slice';
import { createSessionsSlice, type SessionsSlice } from './sessions-slice';

export type AppState = EngineSlice & RecordingSlice & LiveSlice & ChecklistSlice & SessionsSlice;

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
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({
        preferredDelegate: state.preferredDelegate,
        analyzeEveryFrame: state.analyzeEveryFrame,
      }),
    },
  ),
);
