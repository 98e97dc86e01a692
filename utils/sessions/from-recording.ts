/**
 * A recording's analysis as a session (pure), so recordings export in the same forms as calls:
 * its findings, a signal point every SESSION_SIGNAL_STEP_S (face found, the lip-sync window
 * covering that moment), and when it was analysed. Call time is the recording's own time.
 */
import type { LipSyncEstimate } from '@/utils/analyzers/lip-sync';
import type { FaceSample } from '@/utils/features/face-sample';
import type { AnalysisReport } from '@/utils/report/analysis-report';
import { SESSION_SIGNAL_STEP_S, newSession, withEvent, type Session, type SignalPoint } from './session';

/** The newest lip-sync window that covers `timeMs`, if any. */
function windowAt(windows: readonly LipSyncEstimate[], timeMs: number): LipSyncEstimate | null {
  let found: LipSyncEstimate | null = null;
  for (const window of windows) if (window.startMs <= timeMs && window.endMs >= timeMs) found = window;
  return found;
}

export function signalPointsOf(faces: readonly FaceSample[], windows: readonly LipSyncEstimate[], durationS: number): SignalPoint[] {
  const points: SignalPoint[] = [];
  for (let atS = SESSION_SIGNAL_STEP_S; atS <= Math.ceil(durationS); atS += SESSION_SIGNAL_STEP_S) {
    const inStep = faces.filter((sample) => sample.timeMs > (atS - SESSION_SIGNAL_STEP_S) * 1000 && sample.timeMs <= atS * 1000);
    if (inStep.length === 0) continue;
    const estimate = windowAt(windows, atS * 1000);
    const measured = estimate && estimate.verdict !== 'insufficient' && Number.isFinite(estimate.offsetMs);
    points.push({
      atS,
      faceShare: inStep.filter((sample) => sample.face !== null).length / inStep.length,
      lipSync: estimate?.verdict ?? null,
      offsetMs: measured ? Math.round(estimate.offsetMs) : null,
      confidence: estimate ? Number(estimate.confidence.toFixed(2)) : null,
    });
  }
  return points;
}

export function sessionFromRecording(
  id: string,
  report: AnalysisReport,
  faces: readonly FaceSample[],
  windows: readonly LipSyncEstimate[],
  analysedAtMs: number,
): Session {
  const base = { ...newSession(id, null, analysedAtMs, 'Recording'), findings: report.findings, signals: signalPointsOf(faces, windows, report.durationS) };
  const described = withEvent(base, `Recording "${report.file}" analysed (${report.durationS.toFixed(1)} s${report.audio ? '' : ', no sound'}).`, analysedAtMs);
  return { ...described, endedAtMs: analysedAtMs + report.durationS * 1000, updatedAtMs: analysedAtMs };
}
