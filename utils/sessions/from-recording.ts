/**
 * A recording's analysis as a session (pure), so recordings export in the same forms as calls:
 * its findings, a signal point every SESSION_SIGNAL_STEP_S (face found, the lip-sync window
 * covering that moment), and when it was analysed. Call time is the recording's own time.
 */
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import type { FaceSample } from '@/utils/features/face-sample';
import type { AnalysisReport } from '@/utils/report/analysis-report';
import { newSession, withEvent, type Session } from './session';
import { signalPointsOf } from './signal-points';

export function sessionFromRecording(
  id: string,
  report: AnalysisReport,
  faces: readonly FaceSample[],
  windows: readonly LipSyncEstimate[],
  analysedAtMs: number,
): Session {
  const base = {
    ...newSession(id, null, analysedAtMs, 'Recording'),
    findings: report.findings,
    signals: signalPointsOf(faces, windows, report.durationS),
  };
  const described = withEvent(
    base,
    `Recording "${report.file}" analysed (${report.durationS.toFixed(1)} s${report.audio ? '' : ', no sound'}).`,
    analysedAtMs,
  );
  return { ...described, endedAtMs: analysedAtMs + report.durationS * 1000, updatedAtMs: analysedAtMs };
}
