import type { AnalysisReport } from '../utils/report/analysis-report';

export class RecordingRejected extends Error {}

export function startRecordingAnalyzer(): Promise<{
  analyze: (
    path: string,
    options?: { timeoutMs?: number; everyFrame?: boolean; signals?: boolean },
  ) => Promise<AnalysisReport & { signals?: unknown }>;
  close: () => Promise<void>;
}>;
