import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { avMismatchMessage, avOffsetMessage } from '@/utils/wording/findings';
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { LIP_SYNC_FINDINGS } from '@/utils/common/thresholds';
import { roundOrNull } from '@/utils/common/numbers';

/** Turns one lip-sync estimate into the findings an interviewer sees (none when in sync or unsure). */
export function lipSyncFindings(estimate: LipSyncEstimate): Finding[] {
  // A mismatch has no offset: null says "not measured" where NaN would make the session unreadable.
  const evidence = {
    offsetMs: roundOrNull(estimate.offsetMs, 0),
    confidence: roundOrNull(estimate.confidence, 2),
    peakCorrelation: roundOrNull(estimate.peakCorrelation, 3),
    peakZ: roundOrNull(estimate.peakZ, 2),
    chanceStd: roundOrNull(estimate.chanceStd, 3),
    speechS: roundOrNull(estimate.speechS, 1),
    faceShare: roundOrNull(estimate.faceShare, 2),
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
