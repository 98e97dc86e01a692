import type { StateCreator } from 'zustand';
import type { ChallengeResult } from '@/utils/checklist/recording-challenges';
import type { FileAnalysis } from '@/utils/recording/analyze-file';
import type { AppState } from './index';

export type RecordingRun =
  | { state: 'idle' }
  | { state: 'running'; fileName: string; progress: number }
  | { state: 'done'; fileName: string; analysis: FileAnalysis }
  | { state: 'failed'; fileName: string; message: string };

export interface RecordingSlice {
  recording: RecordingRun;
  /** Challenges checked over stretches of the analysed recording, in the order checked. */
  recordingChallenges: ChallengeResult[];
  /** A run that is not a finished analysis (a new file, a failure) drops the last one's challenges. */
  setRecording: (recording: RecordingRun) => void;
  addRecordingChallenge: (result: ChallengeResult) => void;
  removeRecordingChallenge: (index: number) => void;
}

export const createRecordingSlice: StateCreator<AppState, [], [], RecordingSlice> = (set) => ({
  recording: { state: 'idle' },
  recordingChallenges: [],
  setRecording: (recording) => set(recording.state === 'done' ? { recording } : { recording, recordingChallenges: [] }),
  addRecordingChallenge: (result) => set((state) => ({ recordingChallenges: [...state.recordingChallenges, result] })),
  removeRecordingChallenge: (index) =>
    set((state) => ({ recordingChallenges: state.recordingChallenges.filter((_, i) => i !== index) })),
});
