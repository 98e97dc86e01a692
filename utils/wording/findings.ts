/**
 * How findings read for the interviewer and in every export (pure): titles of kinds and
 * severities, and one message function per kind. Analyzers decide and measure; they pass the
 * numbers here and store the text this module composes.
 */
import type { FindingKind, Severity } from '@/utils/findings/finding';
import { msToS } from '@/utils/common/numbers';
import { BLINK, JITTER, LIP_SYNC, PULSE, SEAM } from '@/utils/common/thresholds';
import { describeOffset } from './lip-sync';

/** How severities read for the interviewer and in exports. */
export const SEVERITY_TITLES: Record<Severity, string> = { info: 'Note', warn: 'Check', high: 'Strong signal' };

/** What each kind of finding is called for the interviewer and in exports. */
export const FINDING_TITLES: Record<FindingKind, string> = {
  'av-offset': 'Audio-video offset',
  'av-mismatch': 'Voice does not match the lips',
  'voice-without-mouth': 'A voice while the mouth was still',
  'mouth-without-voice': 'Mouth moving, no voice',
  'no-face': 'Face out of view',
  'multiple-faces': 'More than one face',
  'person-change': 'The person may have changed',
  freeze: 'Picture froze or repeated',
  'landmark-jitter': 'Face shape flickers',
  'boundary-artifact': 'Face edge looks pasted',
  'blink-anomaly': 'Unusual blinking',
  'pulse-absent': 'No pulse seen in the skin',
  'look-alike-face': 'A second face like the candidate',
  'round-comparison': 'Same person as an earlier round?',
};

/** Said where there are no findings: their absence is not a clean bill, only nothing to ask about. */
export const NO_FINDINGS_TEXT = 'No findings: nothing measured here calls for a follow-up question.';

/** `av-offset`: lips and voice match at an offset (`offsetMs`, audio minus lips, ms). */
export function avOffsetMessage(offsetMs: number): string {
  return (
    `Lips and voice match, but ${describeOffset(offsetMs)}. A slow connection can do this; ` +
    'a relay or someone mouthing along can too. ' +
    'Ask the candidate to read a short random phrase and watch whether the lips lead or follow.'
  );
}

/** `av-mismatch`: no offset within the search range (LIP_SYNC.maxLagMs) fits, over `speechS` s of speech. */
export function avMismatchMessage(speechS: number): string {
  return (
    `Over ${Number(speechS.toFixed(1))} s of speech, the mouth movements did not follow the voice ` +
    `at any offset up to ±${LIP_SYNC.maxLagMs / 1000} s. ` +
    'The voice may not come from the person on camera (dubbed audio, a proxy speaking, or a face swap). ' +
    'Ask them to read an unpredictable phrase aloud and to cover their mouth briefly while speaking.'
  );
}

/** `voice-without-mouth`: `voicedS` s of speech heard while the candidate's mouth stayed still. */
export function voiceWithoutMouthMessage(voicedS: number): string {
  return (
    `A voice was heard for ${Number(voicedS.toFixed(1))} s while the candidate's mouth stayed still. ` +
    'If no one else was speaking then (an interviewer, another participant, a TV), the voice is not ' +
    'the person on camera (someone answering off camera, a recording, or a stand-in). ' +
    'Ask the candidate to answer the next question themselves, facing the camera.'
  );
}

/** `mouth-without-voice`: the mouth moved as in speech for `durationMs` ms with no voice heard. */
export function mouthWithoutVoiceMessage(durationMs: number): string {
  return (
    `The candidate's mouth moved as in speech for ${msToS(durationMs)} s with no voice heard: ` +
    'the microphone may be muted or the sound cut. Ask them to check their microphone.'
  );
}

/** `no-face`: the candidate's face was gone for `durationMs` ms; `speaking`: someone spoke meanwhile. */
export function noFaceMessage(durationMs: number, speaking: boolean): string {
  const gone = `No face in the candidate's picture for ${msToS(durationMs)} s`;
  return speaking
    ? `${gone} while someone was speaking. ` +
        'Ask the candidate to sit back in view and keep the camera on while they answer.'
    : `${gone}. Ask the candidate to stay in view.`;
}

/** `multiple-faces`: up to `faces` faces were in the picture for `durationMs` ms. */
export function multipleFacesMessage(faces: number, durationMs: number): string {
  return (
    `${faces} faces were in the candidate's picture for ${msToS(durationMs)} s. ` +
    'Ask who else is in the room, and ask the candidate to turn the camera slowly around the room.'
  );
}

/**
 * What changed in a `person-change`: the face's proportions (`geometryZ`) and skin tone
 * (`colourZ`), in multiples of their usual variation; at one moment (`atMs`, media time, ms), or
 * between the start and the end with no clear moment (`drift`).
 */
export type PersonChange =
  | { pattern: 'moment'; atMs: number; geometryZ: number; colourZ: number }
  | { pattern: 'drift'; geometryZ: number; colourZ: number };

const COMPARE_PROFILE =
  'Ask the candidate to turn slowly to a full profile and back, and compare with the start of the call.';

/** A change of person read from the face descriptor: at a moment, or between the start and the end. */
export interface LikenessChange {
  /** At a moment, between the start and the end of a stretch, or between captures of one session. */
  pattern: 'moment' | 'drift' | 'capture';
  /** The last face compared before and the first after, ms. */
  beforeMs: number;
  afterMs: number;
  distance: number;
  threshold: number;
}

/** `person-change` from the face descriptor: evidence for a person to judge, never an identification. */
export function likenessChangeMessage(change: LikenessChange): string {
  const numbers = `distance ${change.distance.toFixed(2)}, same-person threshold ${change.threshold.toFixed(2)}`;
  const where =
    change.pattern === 'drift'
      ? 'The face at the end of this stretch does not match the face at its start'
      : change.pattern === 'capture'
        ? `The face in the capture started at ${msToS(change.afterMs)} s does not match this session's earlier captures`
        : `The face after ${msToS(change.afterMs)} s does not match the face before ${msToS(change.beforeMs)} s`;
  return `${where} (${numbers}): the person on camera may have been replaced. ${COMPARE_PROFILE}`;
}

/** `look-alike-face`: another face in the picture matches the candidate's. */
export function lookAlikeMessage(lookAlike: { atMs: number; distance: number; threshold: number }): string {
  return (
    `From ${msToS(lookAlike.atMs)} s a second face in the picture looks like the candidate (face distance ` +
    `${lookAlike.distance.toFixed(2)}, same-person threshold ${lookAlike.threshold.toFixed(2)}): a photo, a screen ` +
    'or a mirror showing them, or the call app showing them twice. Expected while they hold up their photo ID; ' +
    'otherwise ask what it is.'
  );
}

/** `person-change`: the face at one moment, or at the end, is not the one before. */
export function personChangeMessage(change: PersonChange): string {
  const geometry = change.geometryZ.toFixed(1);
  const colour = change.colourZ.toFixed(1);
  if (change.pattern === 'drift') {
    return (
      `The face at the end differs from the face at the start (proportions ${geometry}x, skin tone ${colour}x ` +
      `their usual variation) without one clear moment of change. ${COMPARE_PROFILE}`
    );
  }
  return (
    `The face changed at ${msToS(change.atMs)} s: its proportions moved ${geometry}x and its skin tone ${colour}x ` +
    'as far as they usually do in this call. The person on camera may have been replaced (or the light changed). ' +
    COMPARE_PROFILE
  );
}

/**
 * What a `freeze` was: the picture stood still for `durationMs` ms (`speaking`: the voice went on),
 * or repeated frames from `lagMs` ms earlier for `durationMs` ms.
 */
export type FreezePattern =
  { pattern: 'frozen'; durationMs: number; speaking: boolean } | { pattern: 'loop'; durationMs: number; lagMs: number };

/** `freeze`: a still or a replayed stretch of the picture. */
export function freezeMessage(freeze: FreezePattern): string {
  const durationS = msToS(freeze.durationMs);
  if (freeze.pattern === 'loop') {
    return (
      `${durationS} s of the picture repeated frames from ${msToS(freeze.lagMs)} s earlier: the video may be a ` +
      'recording played in a loop. ' +
      'Ask the candidate to do something unscripted now (hold up three fingers, touch an ear).'
    );
  }
  return freeze.speaking
    ? `The picture stood still for ${durationS} s while the voice went on. A bad connection does this too; ` +
        'if it happens again, ask the candidate to wave and say their name at once.'
    : `The picture stood still for ${durationS} s (no speech meanwhile: most likely the connection).`;
}

/** `landmark-jitter`: the median frame-to-frame flicker of a window, eye-corner units. */
export function landmarkJitterMessage(medianJitter: number): string {
  return (
    `The face's shape flickered from frame to frame (median ${medianJitter.toFixed(4)}, where real faces stay ` +
    `under ${JITTER.warnMedian}), as face swaps do. ` +
    'Ask the candidate to turn slowly to a full profile, then to pass a hand slowly across the face.'
  );
}

/**
 * What a `boundary-artifact` saw over `frames` near-frontal frames: the inner/rim texture ratio
 * (`gradientRatio`, `blurry` when under SEAM.minGradientRatio) and the inner/rim colour step
 * (`chromaDelta`, 0..255 scale, `colourDiffers` when over SEAM.maxChromaDelta).
 */
export interface SeamMeasures {
  frames: number;
  gradientRatio: number;
  blurry: boolean;
  chromaDelta: number;
  colourDiffers: boolean;
}

/** `boundary-artifact`: the middle of the face is smoother or differently coloured than its edge. */
export function boundaryArtifactMessage(seam: SeamMeasures): string {
  const what = [
    seam.blurry
      ? `the middle of the face is smoother than its edge (texture ratio ${seam.gradientRatio.toFixed(2)}, ` +
        `real faces ${SEAM.minGradientRatio} or more)`
      : '',
    seam.colourDiffers
      ? `its colour differs from the edge (${seam.chromaDelta.toFixed(1)}, real faces ${SEAM.maxChromaDelta} or less)`
      : '',
  ].filter(Boolean);
  return (
    `Across ${seam.frames} frames ${what.join(' and ')}, as a pasted face can look. Light and make-up do this too; ` +
    "ask the candidate to pass a hand slowly across the face and to turn to a full profile, and watch the face's edge."
  );
}

/**
 * What a `blink-anomaly` was: a rate out of range (`blinks` seen in `watchedMs` ms of face time,
 * `perMinute`), or blinks lasting `medianDurationMs` ms on median.
 */
export type BlinkAnomaly =
  | { pattern: 'rate'; blinks: number; watchedMs: number; perMinute: number }
  | { pattern: 'duration'; medianDurationMs: number };

/** `blink-anomaly`: blinking out of the human range (weak on its own). */
export function blinkAnomalyMessage(anomaly: BlinkAnomaly): string {
  if (anomaly.pattern === 'duration') {
    return (
      `Blinks last ${Math.round(anomaly.medianDurationMs)} ms on median (human blinks: about 100..400 ms). ` +
      'Weak on its own: watch the eyes during the next answer.'
    );
  }
  return (
    `${anomaly.blinks} blinks in ${msToS(anomaly.watchedMs)} s of face time ` +
    `(${anomaly.perMinute.toFixed(1)} a minute; ` +
    `people in conversation blink about ${BLINK.minPerMinute}..${BLINK.maxPerMinute} times a minute). ` +
    'Weak on its own: watch the eyes when you ask the candidate to read a phrase aloud.'
  );
}

/** `pulse-absent`: the clearest pulse of the steady windows (`bestSnrDb`, dB; not finite: no variation). */
export function pulseAbsentMessage(bestSnrDb: number): string {
  const what = Number.isFinite(bestSnrDb)
    ? `No clear pulse in the skin colour of a steady, well-lit face (best SNR ${bestSnrDb.toFixed(1)} dB; ` +
      `every real clip seen read over ${PULSE.minSnrDb} dB)`
    : 'The skin colour of a steady, well-lit face did not vary at all (no pulse, no sensor noise)';
  return `${what}. A weak sign only: video compression hides the pulse too. Use it with the other checks, never alone.`;
}
