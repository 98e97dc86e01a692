import type { StateCreator } from 'zustand';
import type { Delegate, LandmarkerInfo } from '@/utils/engine/landmarks';
import type { AppState } from './index';

export type EngineStatus =
  | { state: 'idle' }
  | { state: 'loading'; delegate: Delegate }
  | { state: 'ready'; info: LandmarkerInfo }
  | { state: 'failed'; delegate: Delegate; message: string };

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
