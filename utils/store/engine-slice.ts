import type { StateCreator } from 'zustand';
import type { Delegate, EngineStatus } from '@/utils/engine/landmarks';
import type { AppState } from './index';

export type { EngineStatus };

export interface EngineSlice {
  engine: EngineStatus;
  /** The delegate the user chose; CPU unless they opt in to the GPU. */
  preferredDelegate: Delegate;
  setEngine: (engine: EngineStatus) => void;
  setPreferredDelegate: (delegate: Delegate) => void;
  /** Recordings: analyse every frame (slower) instead of at most RECORDING_MAX_FPS. */
  analyzeEveryFrame: boolean;
  setAnalyzeEveryFrame: (everyFrame: boolean) => void;
}

export const createEngineSlice: StateCreator<AppState, [], [], EngineSlice> = (set) => ({
  engine: { state: 'idle' },
  preferredDelegate: 'CPU',
  setEngine: (engine) => set({ engine }),
  setPreferredDelegate: (preferredDelegate) => set({ preferredDelegate }),
  analyzeEveryFrame: false,
  setAnalyzeEveryFrame: (analyzeEveryFrame) => set({ analyzeEveryFrame }),
});
