import type { StateCreator } from 'zustand';
import type { DelegateChoice, EngineStatus } from '@/utils/engine/landmarks';
import type { AppState } from './index';

export type { EngineStatus };

export interface EngineSlice {
  engine: EngineStatus;
  /** Where the user wants the model run; 'auto' (the GPU where its self-test passes) unless they chose. */
  preferredDelegate: DelegateChoice;
  setEngine: (engine: EngineStatus) => void;
  setPreferredDelegate: (delegate: DelegateChoice) => void;
  /** Recordings: analyse every frame (slower) instead of at most RECORDING_MAX_FPS. */
  analyzeEveryFrame: boolean;
  setAnalyzeEveryFrame: (everyFrame: boolean) => void;
}

export const createEngineSlice: StateCreator<AppState, [], [], EngineSlice> = (set) => ({
  engine: { state: 'idle' },
  preferredDelegate: 'auto',
  setEngine: (engine) => set({ engine }),
  setPreferredDelegate: (preferredDelegate) => set({ preferredDelegate }),
  analyzeEveryFrame: false,
  setAnalyzeEveryFrame: (analyzeEveryFrame) => set({ analyzeEveryFrame }),
});
