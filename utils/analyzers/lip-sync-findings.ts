import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { avMismatchMessage, avOffsetMessage } from '@/utils/wording/findings';
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { LIP_SYNC_FINDINGS } from '@/utils/common/thresholds';

/** Turns one lip-sync estimate into the findings an interviewer sees (none when in sync or unsure). */
export function lipSyncFindings(estimate: LipSyncEstimate): Finding[] {
  const evidence = {
    offsetMs: Math.round(estimate.offsetMs),
    confidence: Number(estimate.confidence.toFixed(2)),
    peakCorrelation: Number(estimate.peakCorrelation.toFixed(3)),
    peakZ: Number(estimate.peakZ.toFixed(2)),
    chanceStd: Number(estimate.chanceStd.toFixed(3)),
    speechS: Number(estimate.speechS.toFixed(1)),
    faceShare: Number(estimate.faceShare.toFixed(2)),
  };
  const span = { startS: findingTimeS(estimate.startMs), endS: findingTimeS(estimate.endMs) };
  if (estimate.verdict === 'offset') {
    const large = Math.abs(estimate.offsetMs) >= LIP_SYNC_FINDINGS.warnOffsetMs;
    return [
      {
        kind: 'av-offset',
        severity: large ? 'warn' : 'info',
        ...span,
        message: avOffsetMessage(estimate.offsetMs),
        evidence,
      },
    ];
  }
  if (estimate.verdict === 'mismatch') {
    const strong =
      estimate.chanceStd <= LIP_SYNC_FINDINGS.highMismatchMaxChanceStd &&
      estimate.peakZ < LIP_SYNC_FINDINGS.highMismatchMaxZ;
    return [
      {
        kind: 'av-mismatch',
        severity: strong ? 'high' : 'warn',
        ...span,
        message: avMismatchMessage(estimate.speechS),
        evidence,
      },
    ];
  }
  return [];
}
