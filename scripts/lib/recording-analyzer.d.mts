import type { AnalysisReport } from '../../utils/report/analysis-report';

export class RecordingRejected extends Error {}

export function startRecordingAnalyzer(): Promise<{
  analyze: (path: string, options?: { timeoutMs?: number; everyFrame?: boolean; descriptors?: boolean }) => Promise<AnalysisReport>;
  close: () => Promise<void>;
}>;
