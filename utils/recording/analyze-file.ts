import { analyzeFaceChecks, type FaceChecks } from '@/utils/analyzers/face';
import { analyzeLipSyncTrack, type LipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { Finding } from '@/utils/findings/finding';
import { buildAnalysisReport } from '@/utils/report/build-report';
import type { AnalysisReport } from '@/utils/report/analysis-report';
import { type RecordingPass } from '@/utils/report/recording-pass';
import { runRecordingPass, type RecordingCoverage, type RecordingPassOptions } from './analyze-recording';

export interface FileAnalysis {
  report: AnalysisReport;
  pass: RecordingPass;
  lipSync: LipSyncTrack;
  face: FaceChecks;
  /** How much of the file could be read (a file cut short is analysed as far as it goes). */
  coverage: RecordingCoverage;
}

/** Where the person on camera changed: lip sync is estimated on either side, never across. */
export function personChangesMs(findings: readonly Finding[]): number[] {
  return findings
    .filter((finding) => finding.kind === 'person-change')
    .map((finding) => ((finding.startS + finding.endS) / 2) * 1000);
}

/** Landmarks, features and analyzers over one recording, ending in its versioned report. */
export async function analyzeFile(
  file: File,
  clients: readonly Pick<LandmarkerClient, 'detect'>[],
  onProgress: (fraction: number) => void,
  options?: RecordingPassOptions,
): Promise<FileAnalysis> {
  const { pass, coverage } = await runRecordingPass(file, clients, onProgress, options);
  const { mouth, speech } = pass.signals;
  const endMs = Math.max(pass.durationS * 1000, (mouth.timesMs[mouth.timesMs.length - 1] ?? 0) + 1);
  const face = analyzeFaceChecks(pass.signals.faces, speech);
  const lipSync = analyzeLipSyncTrack(mouth, speech, 0, endMs, {}, personChangesMs(face.findings));
  return { report: buildAnalysisReport(file.name, pass, lipSync, face, [], coverage), pass, lipSync, face, coverage };
}
