import type { LipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import type { Finding } from '@/utils/findings';
import type { RecordingPass } from '@/utils/recording/analyze-recording';
import { AnalysisReportSchema, type AnalysisReport } from './analysis-report';

const finite = (value: number, digits: number): number | null =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null;

function exportFinding(finding: Finding): AnalysisReport['findings'][number] {
  const evidence = Object.fromEntries(
    Object.entries(finding.evidence).map(([key, value]) => [key, typeof value === 'number' ? finite(value, 4) : value]),
  );
  return { ...finding, startS: Number(finding.startS.toFixed(3)), endS: Number(finding.endS.toFixed(3)), evidence };
}

/** The versioned report of one analysed recording (pure; validated against its schema). */
export function buildAnalysisReport(file: string, pass: RecordingPass, lipSync: LipSyncTrack): AnalysisReport {
  return AnalysisReportSchema.parse({
    schemaVersion: 1,
    file,
    durationS: Number(pass.durationS.toFixed(3)),
    frames: { analyzed: pass.landmarks.framesAnalyzed, withFace: pass.landmarks.framesWithFace },
    lipSync: {
      verdict: lipSync.overall.verdict,
      offsetMs: finite(lipSync.overall.offsetMs, 1),
      confidence: Number(lipSync.overall.confidence.toFixed(3)),
      verdictAfterSpeechS: finite(lipSync.verdictAfterSpeechS, 1),
    },
    findings: lipSync.findings.map(exportFinding),
    performance: {
      msPerFrameMedian: finite(pass.performance.msPerFrameMedian, 2) ?? 0,
      msPerFrameP95: finite(pass.performance.msPerFrameP95, 2) ?? 0,
      realtimeFactor: Number(pass.performance.realtimeFactor.toFixed(3)),
    },
  });
}
