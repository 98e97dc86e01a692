import type { AnalysisReport } from '../../utils/report/analysis-report';

export class RecordingRejected extends Error {}

export interface AnalyzeOptions {
  timeoutMs?: number;
  everyFrame?: boolean;
  /** Export the JSON report with the candidate's face descriptors. */
  descriptors?: boolean;
}

export function startRecordingAnalyzer(): Promise<{
  analyze: (path: string, options?: AnalyzeOptions) => Promise<AnalysisReport>;
  close: () => Promise<void>;
}>;
