import type { StateCreator } from 'zustand';
import type { FileAnalysis } from '@/utils/recording/analyze-file';
import type { AppState } from './index';

export type RecordingRun =
  | { state: 'idle' }
  | { state: 'running'; fileName: string; progress: number }
  | { state: 'done'; fileName: string; analysis: FileAnalysis }
  | { state: 'failed'; fileName: string; message: string };

export interface RecordingSlice {
  recording: RecordingRun;
  setRecording: (recording: RecordingRun) => void;
}

export const createRecordingSlice: StateCreator<AppState, [], [], RecordingSlice> = (set) => ({
  recording: { state: 'idle' },
  setRecording: (recording) => set({ recording }),
});
