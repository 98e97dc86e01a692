import type { StateCreator } from 'zustand';
import type { SessionListItem } from '@/utils/storage/session-db';
import type { Settings } from '@/utils/sessions/settings';
import type { AppState } from './index';

export interface SessionsSlice {
  /** Sessions stored on this device, newest first (null until read). */
  sessionList: SessionListItem[] | null;
  /** Why sessions could not be read, saved, deleted or imported, in plain words. */
  sessionsProblem: string | null;
  settings: Settings | null;
  setSessionList: (list: SessionListItem[]) => void;
  setSessionsProblem: (problem: string | null) => void;
  setSettings: (settings: Settings) => void;
}

export const createSessionsSlice: StateCreator<AppState, [], [], SessionsSlice> = (set) => ({
  sessionList: null,
  sessionsProblem: null,
  settings: null,
  setSessionList: (sessionList) => set({ sessionList }),
  setSessionsProblem: (sessionsProblem) => set({ sessionsProblem }),
  setSettings: (settings) => set({ settings }),
});
