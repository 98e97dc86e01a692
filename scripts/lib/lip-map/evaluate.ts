/**
 * How the lip-sync analyzer does with the map on speakers it was not fitted on (pure): every
 * clip's windows are estimated with the map fitted without that clip's speaker, as they are
 * (real), with the sound moved by known amounts (shifted), and with another speaker's sound
 * (swapped), beside the envelope method on the same windows. The windows' truth for a shift is the
 * clip's own offset (found with its held-out map over the whole clip) plus the shift.
 */
import { estimateLipSync } from '@/utils/analyzers/lip-sync';
import type { SpeechSeries } from '@/utils/features/signals';
import type { LipSyncEstimate, LipSyncMethod } from '@/utils/findings/lip-sync-estimate';
import type { PreparedClip, TrainingResult } from './train';

export const SHIFTS_MS = [-500, -250, 250, 500] as const;

export interface WindowCase {
  kind: 'real' | 'shifted' | 'swapped';
  clip: string;
  /** Window length, s; 0 for the whole clip. */
  windowS: number;
  /** Expected offset, ms (real and shifted). */
  truthMs: number;
  method: LipSyncMethod;
  estimate: LipSyncEstimate;
}

function shifted(speech: SpeechSeries, byMs: number): SpeechSeries {
  return { ...speech, timesMs: speech.timesMs.map((t) => t + byMs) };
}

/** Windows of `seconds` every half window over the clip; the whole clip for 0. */
function windows(clip: PreparedClip, seconds: number): [number, number][] {
  const { startMs: start, endMs: end } = clip;
  if (seconds === 0) return [[start, end]];
  const out: [number, number][] = [];
  for (let from = start; from + seconds * 1000 <= end; from += seconds * 500) out.push([from, from + seconds * 1000]);
  return out;
}

export function evaluateHeldOut(result: TrainingResult, windowSeconds: readonly number[]): WindowCase[] {
  const cases: WindowCase[] = [];
  const { prepared, heldOutMaps, lagsMs } = result;
  prepared.forEach((clip, index) => {
    const map = heldOutMaps.get(clip.speaker);
    const other = prepared
      .slice(index + 1)
      .concat(prepared.slice(0, index))
      .find((o) => o.speaker !== clip.speaker);
    if (!map || !other) return;
    const ownMs = lagsMs[clip.name] ?? 0;
    for (const seconds of windowSeconds) {
      for (const [from, to] of windows(clip, seconds)) {
        for (const method of ['learned', 'envelope'] as const) {
          const options = { method, map };
          const push = (kind: WindowCase['kind'], truthMs: number, estimate: LipSyncEstimate) =>
            cases.push({ kind, clip: clip.name, windowS: seconds, truthMs, method, estimate });
          push('real', ownMs, estimateLipSync(clip.mouth, clip.speech, from, to, options));
          for (const shift of SHIFTS_MS) {
            push('shifted', ownMs + shift, estimateLipSync(clip.mouth, shifted(clip.speech, shift), from, to, options));
          }
          push('swapped', Number.NaN, estimateLipSync(clip.mouth, other.speech, from, to, options));
        }
      }
    }
  });
  return cases;
}

/** Speech heard in a window growing from the clip's start until the first verdict, s; NaN if none. */
export function firstVerdictSpeech(result: TrainingResult, method: LipSyncMethod, stepMs = 500): number[] {
  return result.prepared.map((clip) => {
    const map = result.heldOutMaps.get(clip.speaker);
    const { startMs: start, endMs: end } = clip;
    for (let to = start + stepMs; to <= end; to += stepMs) {
      const estimate = estimateLipSync(clip.mouth, clip.speech, start, to, { method, map });
      if (estimate.verdict !== 'insufficient') return estimate.speechS;
    }
    return Number.NaN;
  });
}
