import type { AnalysisReport } from '../../utils/report/analysis-report';

export class RecordingRejected extends Error {}

/** The page stopped answering or its progress stopped moving. */
export class AnalysisStalled extends Error {}

export interface AnalyzeOptions {
  /** An overall limit; by default none (a frozen or stuck page still ends the wait). */
  timeoutMs?: number;
  everyFrame?: boolean;
  /** Export the JSON report with the candidate's face descriptors. */
  descriptors?: boolean;
}

export interface RecordingAnalyzer {
  /** The analysis report. */
  analyze(path: string, options?: AnalyzeOptions & { format?: null }): Promise<AnalysisReport>;
  /** The recording as a session, in the extension's own Markdown, CSV or JSON export. */
  analyze(path: string, options: AnalyzeOptions & { format: 'md' | 'csv' | 'json' }): Promise<string>;
  /** The report with the per-frame signals export. */
  analyze(
    path: string,
    options: AnalyzeOptions & { format: 'signals' },
  ): Promise<{ report: AnalysisReport; signals: unknown }>;
  /** Where the analyse page's model runs, and why where 'Automatic' chose it. */
  engine: { delegate: 'CPU' | 'GPU' | null; reason: string | null };
  close: () => Promise<void>;
}

export function startRecordingAnalyzer(): Promise<RecordingAnalyzer>;
