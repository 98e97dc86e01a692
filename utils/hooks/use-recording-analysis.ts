import { useCallback } from 'react';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import { analyzeFile } from '@/utils/recording/analyze-file';
import { recordingFailureText } from '@/utils/recording/open-recording';
import { RECORDING_MAX_FPS } from '@/utils/report/recording-pass';
import { useAppStore } from '@/utils/store';

/**
 * Analyses a recording with the page's landmarkers (every frame, or at most RECORDING_MAX_FPS),
 * keeping the run's progress, result or plain-words failure in the store.
 */
export function useRecordingAnalysis(
  clientsRef: React.RefObject<LandmarkerClient[]>,
): (file: File, everyFrame: boolean) => Promise<void> {
  return useCallback(
    async (file: File, everyFrame: boolean) => {
      const clients = clientsRef.current;
      if (clients.length === 0) return;
      const { setRecording } = useAppStore.getState();
      setRecording({ state: 'running', fileName: file.name, progress: 0 });
      // Progress that arrives after the outcome must not turn a result or a failure back into a run.
      let ended = false;
      try {
        const analysis = await analyzeFile(
          file,
          clients,
          (progress) => {
            if (!ended) setRecording({ state: 'running', fileName: file.name, progress });
          },
          { maxFps: everyFrame ? Infinity : RECORDING_MAX_FPS },
        );
        ended = true;
        setRecording({ state: 'done', fileName: file.name, analysis });
      } catch (error) {
        ended = true;
        setRecording({ state: 'failed', fileName: file.name, message: recordingFailureText(error) });
      }
    },
    [clientsRef],
  );
}
