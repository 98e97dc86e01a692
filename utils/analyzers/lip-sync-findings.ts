import { findingTimeS, type Finding } from '@/utils/findings/finding';
import type { LipSyncEstimate } from './lip-sync';
import { LIP_SYNC_FINDINGS } from './thresholds';

const describeOffset = (offsetMs: number) =>
  offsetMs >= 0 ? `the sound comes ${Math.round(offsetMs)} ms after the lips move` : `the sound comes ${Math.round(-offsetMs)} ms before the lips move`;

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
        message:
          `Lips and voice match, but ${describeOffset(estimate.offsetMs)}. A slow connection can do this; ` +
          'a relay or someone mouthing along can too. Ask the candidate to read a short random phrase and watch whether the lips lead or follow.',
        evidence,
      },
    ];
  }
  if (estimate.verdict === 'mismatch') {
    const strong =
      estimate.chanceStd <= LIP_SYNC_FINDINGS.highMismatchMaxChanceStd && estimate.peakZ < LIP_SYNC_FINDINGS.highMismatchMaxZ;
    return [
      {
        kind: 'av-mismatch',
        severity: strong ? 'high' : 'warn',
        ...span,
        message:
          `Over ${evidence.speechS} s of speech, the mouth movements did not follow the voice at any offset up to ±0.7 s. ` +
          'The voice may not come from the person on camera (dubbed audio, a proxy speaking, or a face swap). ' +
          'Ask them to read an unpredictable phrase aloud and to cover their mouth briefly while speaking.',
        evidence,
      },
    ];
  }
  return [];
}
