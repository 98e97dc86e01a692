/**
 * `no-face` and `multiple-faces`: the candidate leaves the picture, or another face is in it
 * (someone prompting from the side).
 */
import { msToS } from '@/utils/common/numbers';
import { PRESENCE } from '@/utils/common/thresholds';
import type { FaceSample } from '@/utils/features/face-sample';
import type { SpeechSeries } from '@/utils/features/signals';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { multipleFacesMessage, noFaceMessage } from '@/utils/wording/findings';
import { runsWhere, voicedShare } from './runs';

export interface PresenceSummary {
  /** Longest stretch without the candidate's face, s. */
  longestNoFaceS: number;
  /** Most faces counted in one frame. */
  maxFaces: number;
  /** Time with two or more faces, s. */
  multipleFacesS: number;
}

export function analyzePresence(
  samples: readonly FaceSample[],
  speech: SpeechSeries,
  offsetMs = 0,
): { findings: Finding[]; summary: PresenceSummary } {
  const times = samples.map((s) => s.timeMs);
  const findings: Finding[] = [];
  const noFace = runsWhere(times, (i) => samples[i]?.face === null, PRESENCE.bridgeMs);
  let longestNoFaceMs = 0;
  for (const run of noFace) {
    // The run lasts until the next frame with a face (or the last frame).
    const endMs = samples[run.to + 1]?.timeMs ?? run.endMs;
    const lengthMs = endMs - run.startMs;
    longestNoFaceMs = Math.max(longestNoFaceMs, lengthMs);
    if (lengthMs < PRESENCE.noFaceMinMs) continue;
    const voiced = voicedShare(speech, run.startMs, endMs);
    const speaking = voiced >= PRESENCE.speakingShare;
    findings.push({
      kind: 'no-face',
      severity: speaking ? 'warn' : 'info',
      startS: findingTimeS(run.startMs - offsetMs),
      endS: findingTimeS(endMs - offsetMs),
      message: noFaceMessage(lengthMs, speaking),
      evidence: { durationS: msToS(lengthMs), voicedShare: Number.isNaN(voiced) ? null : Number(voiced.toFixed(2)) },
    });
  }
  const multiple = runsWhere(times, (i) => (samples[i]?.faceCount ?? 0) >= 2, PRESENCE.bridgeMs);
  let multipleMs = 0;
  for (const run of multiple) {
    const lengthMs = run.endMs - run.startMs;
    multipleMs += lengthMs;
    if (lengthMs < PRESENCE.multipleFacesMinMs) continue;
    let most = 0;
    for (let i = run.from; i <= run.to; i++) most = Math.max(most, samples[i]?.faceCount ?? 0);
    findings.push({
      kind: 'multiple-faces',
      severity: 'warn',
      startS: findingTimeS(run.startMs - offsetMs),
      endS: findingTimeS(run.endMs - offsetMs),
      message: multipleFacesMessage(most, lengthMs),
      evidence: { maxFaces: most, durationS: msToS(lengthMs) },
    });
  }
  return {
    findings,
    summary: {
      longestNoFaceS: msToS(longestNoFaceMs),
      maxFaces: samples.reduce((most, s) => Math.max(most, s.faceCount), 0),
      multipleFacesS: msToS(multipleMs),
    },
  };
}
