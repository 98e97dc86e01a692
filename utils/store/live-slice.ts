import type { StateCreator } from 'zustand';
import type { Session } from '@/utils/sessions/session';
import type { LiveSummary } from '@/utils/live/live-summary';
import type { LiveCapture } from '@/utils/live/live-session';
import type { HostPlace } from '@/utils/live/host-protocol';
import type { AppState } from './index';

export interface LiveSlice {
  live: LiveCapture;
  /** Throttled view of the pipeline (a few times a second), never per frame. */
  liveSummary: LiveSummary | null;
  /** This tab's session: findings of every capture run so far, notes and events. */
  liveSession: Session | null;
  /** Why the session could not be saved or read, in plain words; null when all is well. */
  sessionProblem: string | null;
  /** Where this tab's analysis runs; null until known. */
  livePlace: HostPlace | null;
  setLivePlace: (place: HostPlace | null) => void;
  setLive: (live: LiveCapture) => void;
  setLiveSummary: (summary: LiveSummary | null) => void;
  setLiveSession: (session: Session | null) => void;
  setSessionProblem: (problem: string | null) => void;
}

export const createLiveSlice: StateCreator<AppState, [], [], LiveSlice> = (set) => ({
  live: { state: 'idle' },
  liveSummary: null,
  liveSession: null,
  sessionProblem: null,
  livePlace: null,
  setLivePlace: (livePlace) => set({ livePlace }),
  setLive: (live) => set({ live }),
  setLiveSummary: (liveSummary) => set({ liveSummary }),
  setLiveSession: (liveSession) => set({ liveSession }),
  setSessionProblem: (sessionProblem) => set({ sessionProblem }),
});
