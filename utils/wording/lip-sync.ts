/**
 * How lip-sync verdicts read for the interviewer (pure): the analyze page's verdict, the live
 * meter, the findings, the session summaries and the CLI's summary all take their words from here.
 */
import type { LipSyncEstimate, LipSyncMethod, LipSyncVerdict } from '@/utils/findings/lip-sync-estimate';
import { LIP_SYNC, LIP_SYNC_LEARNED } from '@/utils/common/thresholds';

/** A 0..1 share as a whole percentage, e.g. "93 %". */
export const percentText = (share: number): string => `${Math.round(share * 100)} %`;

/**
 * Which way and how far the sound is off the lips, e.g. "the sound comes 320 ms after the lips
 * move"; `offsetMs` is audio time minus lip time, ms (positive: the sound comes later).
 */
export function describeOffset(offsetMs: number): string {
  return `the sound comes ${Math.round(Math.abs(offsetMs))} ms ${offsetMs >= 0 ? 'after' : 'before'} the lips move`;
}

/** The verdict as a title, e.g. "Offset: the sound comes 320 ms after the lips move" (`offsetMs`, ms). */
export function lipSyncVerdictTitle(estimate: Pick<LipSyncEstimate, 'verdict' | 'offsetMs'>): string {
  switch (estimate.verdict) {
    case 'in-sync':
      return 'Lips and voice in sync';
    case 'offset':
      return `Offset: ${describeOffset(estimate.offsetMs)}`;
    case 'mismatch':
      return 'The voice does not follow the lips';
    case 'insufficient':
      return 'Not enough to judge lip-sync';
  }
}

/** Which features lip sync compared, as a sentence. */
export const LIP_SYNC_METHOD_TEXT: Record<LipSyncMethod, string> = {
  learned: 'Method: the learned audio-to-mouth map.',
  envelope:
    'Method: mouth opening against the loudness of the voice ' +
    '(the learned map needs mouth measures this source did not record).',
};

/**
 * Why a stretch gave no verdict, in the order the analyzer's limits (minFaceShare, minSpeechS of
 * LIP_SYNC or LIP_SYNC_LEARNED) are worth fixing: the face first, then the amount of speech
 * (`speechS`, s; `faceShare`, 0..1), else an undecided correlation.
 */
export function insufficientReason(estimate: Pick<LipSyncEstimate, 'speechS' | 'faceShare' | 'method'>): string {
  const limits = estimate.method === 'learned' ? LIP_SYNC_LEARNED : LIP_SYNC;
  if (estimate.faceShare < limits.minFaceShare) {
    return `A face was visible for only ${percentText(estimate.faceShare)} of the time.`;
  }
  if (estimate.speechS < limits.minSpeechS) return `Only ${estimate.speechS.toFixed(1)} s of speech was heard.`;
  return (
    `Over ${estimate.speechS.toFixed(1)} s of speech the mouth and voice neither clearly matched ` +
    'nor clearly differed; longer speech settles it.'
  );
}

/** One sentence under the verdict: how sure over how much speech (`speechS`, s), or why there is none. */
export function lipSyncVerdictDetail(
  estimate: Pick<LipSyncEstimate, 'verdict' | 'confidence' | 'speechS' | 'faceShare' | 'method'>,
): string {
  if (estimate.verdict === 'insufficient') return insufficientReason(estimate);
  return (
    `Confidence ${percentText(estimate.confidence)} over ${estimate.speechS.toFixed(1)} s of speech. ` +
    LIP_SYNC_METHOD_TEXT[estimate.method]
  );
}

/** How much speech the first verdict of a recording took (`speechS`, s), as a sentence. */
export const firstVerdictText = (speechS: number): string => `First verdict after ${speechS.toFixed(1)} s of speech.`;

/** A recording without sound gets no lip-sync verdict: its title and explanation. */
export const NO_AUDIO_TITLE = 'No sound in this file';
export const NO_AUDIO_DETAIL = 'Lip-sync needs the voice; the face checks below ran on the picture alone.';

/** The live meter's short verdict words: the panel is narrow and updates every second. */
export const LIP_SYNC_METER_WORDS: Record<LipSyncVerdict, string> = {
  'in-sync': 'In sync',
  offset: 'Offset',
  mismatch: 'Voice does not follow the lips',
  insufficient: 'Listening…',
};

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/**
 * The live meter's line, e.g. "Offset, 320 ms, confidence 80 %" (signed offset, ms) or
 * "Listening… (1.5 s of speech so far)"; "–" before the first estimate.
 */
export function lipSyncMeterText(
  estimate: Pick<LipSyncEstimate, 'verdict' | 'offsetMs' | 'confidence' | 'speechS'> | null,
): string {
  if (!estimate) return '–';
  const words = LIP_SYNC_METER_WORDS[estimate.verdict];
  if (estimate.verdict === 'insufficient') return `${words} (${fixed(estimate.speechS, 1)} s of speech so far)`;
  const offset = Number.isFinite(estimate.offsetMs) ? `, ${fixed(estimate.offsetMs)} ms` : '';
  return `${words}${offset}, confidence ${percentText(estimate.confidence)}`;
}

/** Signal points per verdict, e.g. "52 in sync, 9 offset, 0 mismatch, 5 not enough speech". */
export function lipSyncCountsText(verdicts: Record<LipSyncVerdict, number>): string {
  return (
    `${verdicts['in-sync']} in sync, ${verdicts.offset} offset, ${verdicts.mismatch} mismatch, ` +
    `${verdicts.insufficient} not enough speech`
  );
}
