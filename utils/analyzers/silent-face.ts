/**
 * The silent face (pure): a voice heard for seconds while the candidate's mouth stays still is a
 * voice the visible person is not making: someone answering off camera, a recording, a proxy, or
 * simply an interviewer or another participant speaking while the candidate listens. Alone it is
 * a note for that reason (a listening face is as still as a proxied one); while the candidate was
 * asked to read aloud it makes the answer a concern (utils/checklist/verify.ts). The reverse, a
 * mouth moving as in speech with no voice, is a muted microphone or cut sound.
 * Both read the mouth opening (inner-lip gap over eye-corner distance) and the voice activity over
 * short sliding windows, so they are decided within seconds, without the lip-sync correlation.
 */
import { SILENT_FACE } from '@/utils/common/thresholds';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { mergeWindows } from '@/utils/findings/merge';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { AUDIO_HOP_MS } from '@/utils/features/audio-features';
import { roundOrNull } from '@/utils/common/numbers';
import { quantile } from '@/utils/common/stats';
import { mouthWithoutVoiceMessage, voiceWithoutMouthMessage } from '@/utils/wording/findings';
import { firstAtOrAfter } from './lip-sync-grid';

/** Voice and mouth over one window. */
export interface WindowReading {
  fromMs: number;
  toMs: number;
  /** Speech heard, s. */
  voicedS: number;
  /** Share of the window the sound covers (a recording without sound covers none). */
  heardShare: number;
  /** Share of the window's frames with the mouth seen. */
  seenShare: number;
  /** How far the mouth opened and closed: 90th minus 10th percentile of the opening; NaN where never seen. */
  spread: number;
}

function readWindow(mouth: MouthSeries, speech: SpeechSeries, fromMs: number, toMs: number): WindowReading {
  // The window's frames and hops are found, not filtered from the whole series (thousands of windows in an hour).
  const open: number[] = [];
  const firstFrame = firstAtOrAfter(mouth.timesMs, fromMs);
  const frames = firstAtOrAfter(mouth.timesMs, toMs) - firstFrame;
  for (let i = firstFrame; i < firstFrame + frames; i++) {
    const value = mouth.open[i] as number;
    if (Number.isFinite(value)) open.push(value);
  }
  // Hops are counted at their nominal length: a gap in the sound must not stretch the ones around it.
  const firstHop = firstAtOrAfter(speech.timesMs, fromMs);
  const hops = firstAtOrAfter(speech.timesMs, toMs) - firstHop;
  let voiced = 0;
  for (let i = firstHop; i < firstHop + hops; i++) voiced += speech.voiced[i] as number;
  return {
    fromMs,
    toMs,
    voicedS: (voiced * AUDIO_HOP_MS) / 1000,
    heardShare: Math.min(1, (hops * AUDIO_HOP_MS) / (toMs - fromMs)),
    seenShare: frames > 0 ? open.length / frames : 0,
    spread: quantile(open, 0.9) - quantile(open, 0.1),
  };
}

function windowFindings(reading: WindowReading, offsetMs: number): Finding[] {
  const span = { startS: findingTimeS(reading.fromMs - offsetMs), endS: findingTimeS(reading.toMs - offsetMs) };
  const evidence = {
    voicedS: roundOrNull(reading.voicedS, 1),
    mouthSpread: roundOrNull(reading.spread, 3),
    mouthSeenShare: roundOrNull(reading.seenShare, 2),
  };
  if (reading.seenShare < SILENT_FACE.minSeenShare || reading.heardShare < SILENT_FACE.minHeardShare) return [];
  if (reading.voicedS >= SILENT_FACE.minVoicedS && reading.spread <= SILENT_FACE.maxStillSpread) {
    return [
      {
        kind: 'voice-without-mouth',
        severity: 'info',
        ...span,
        message: voiceWithoutMouthMessage(reading.voicedS),
        evidence,
      },
    ];
  }
  if (reading.voicedS <= SILENT_FACE.maxMutedVoicedS && reading.spread >= SILENT_FACE.minTalkingSpread) {
    return [
      {
        kind: 'mouth-without-voice',
        severity: 'info',
        ...span,
        message: mouthWithoutVoiceMessage(reading.toMs - reading.fromMs),
        evidence,
      },
    ];
  }
  return [];
}

/** The readings of the sliding windows (SILENT_FACE.windowMs every stepMs) over [startMs, endMs). */
export function silentFaceWindows(
  mouth: MouthSeries,
  speech: SpeechSeries,
  startMs: number,
  endMs: number,
): WindowReading[] {
  const readings: WindowReading[] = [];
  for (let from = startMs; from + SILENT_FACE.windowMs <= endMs; from += SILENT_FACE.stepMs) {
    readings.push(readWindow(mouth, speech, from, from + SILENT_FACE.windowMs));
  }
  return readings;
}

/**
 * Silent-face and muted-voice findings over [startMs, endMs) of one person, timed from `offsetMs`
 * (a live session's start; 0 for recordings).
 */
export function silentFaceFindings(
  mouth: MouthSeries,
  speech: SpeechSeries,
  startMs: number,
  endMs: number,
  offsetMs = 0,
): Finding[] {
  return mergeWindows(
    silentFaceWindows(mouth, speech, startMs, endMs).map((reading) => windowFindings(reading, offsetMs)),
  );
}
