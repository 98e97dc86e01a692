/**
 * A session's signal points, one every SESSION_SIGNAL_STEP_S, built by one rule for calls and
 * recordings: `faceShare` is the share of the frames analysed in the step that found the
 * candidate's face; the lip sync is the newest estimate over a window that reaches the point.
 */
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { roundOrNull } from '@/utils/common/numbers';
import type { FaceSample } from '@/utils/features/face-sample';
import { SESSION_SIGNAL_STEP_S, type SignalPoint } from './session';

/** Frames analysed over a stretch, and how many of them found the candidate's face. */
export interface FrameTally {
  analysed: number;
  withFace: number;
}

/** The point at `atS` (s of call or media time); null when no frame was analysed in its step. */
export function signalPoint(atS: number, frames: FrameTally, lipSync: LipSyncEstimate | null): SignalPoint | null {
  if (frames.analysed <= 0) return null;
  return {
    atS,
    faceShare: frames.withFace / frames.analysed,
    lipSync: lipSync?.verdict ?? null,
    offsetMs: lipSync ? roundOrNull(lipSync.offsetMs, 0) : null,
    confidence: lipSync ? roundOrNull(lipSync.confidence, 2) : null,
  };
}

/** Tally of face samples. */
export function tallyOf(samples: readonly FaceSample[]): FrameTally {
  return { analysed: samples.length, withFace: samples.filter((sample) => sample.face !== null).length };
}

/** The newest lip-sync window that covers `timeMs`, if any. */
function windowAt(windows: readonly LipSyncEstimate[], timeMs: number): LipSyncEstimate | null {
  let found: LipSyncEstimate | null = null;
  for (const window of windows) if (window.startMs <= timeMs && window.endMs >= timeMs) found = window;
  return found;
}

/** The points of a whole recording from its face samples and lip-sync windows (media time). */
export function signalPointsOf(
  faces: readonly FaceSample[],
  windows: readonly LipSyncEstimate[],
  durationS: number,
): SignalPoint[] {
  const points: SignalPoint[] = [];
  for (let atS = SESSION_SIGNAL_STEP_S; atS <= Math.ceil(durationS); atS += SESSION_SIGNAL_STEP_S) {
    const fromMs = (atS - SESSION_SIGNAL_STEP_S) * 1000;
    const inStep = faces.filter((sample) => sample.timeMs > fromMs && sample.timeMs <= atS * 1000);
    const point = signalPoint(atS, tallyOf(inStep), windowAt(windows, atS * 1000));
    if (point) points.push(point);
  }
  return points;
}
