/**
 * What the checklist's verifiers say about an answer (pure): one summary per outcome of each
 * challenge. The verifiers measure and decide; they pass the numbers here.
 */
import type { TurnSides } from '@/utils/common/turn-sides';

/** "the picture's left" for image-left: the side the nose points to on screen. */
const pictureSide = (sides: TurnSides) => (sides === 'image-left' ? "the picture's left" : "the picture's right");

/**
 * An answer's evidence as "key value" parts, `missing` where it was not measured; the turn's side
 * is said with the challenge itself.
 */
export const evidenceParts = (evidence: Record<string, number | string | null>, missing = 'n/a'): string[] =>
  Object.entries(evidence)
    .filter(([key]) => key !== 'sides')
    .map(([key, value]) => `${key} ${value ?? missing}`);

/** Seconds from ms, one decimal, e.g. "1.2". */
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Face-check findings during an answer, by kind, e.g. "During the turn: landmark-jitter (see the findings)." */
const flaggedText = (during: string, kinds: readonly string[]) => `${during}: ${kinds.join(', ')} (see the findings).`;

/** "Turn slowly to a full profile one way, then the other." */
export const HEAD_TURN_TEXT = {
  /** The face was gone for `gapMs` ms at a stretch. */
  lost: (gapMs: number) => `The face was lost for ${seconds(gapMs)} s during the turn; ask again, more slowly.`,
  flagged: (kinds: readonly string[]) => flaggedText('During the turn', kinds),
  /** The face after the turn read `distance` from the face before it (same person up to `threshold`). */
  otherFace: (distance: number, threshold: number) =>
    `The face after the turn does not match the face before it (face distance ${distance.toFixed(2)}, ` +
    `same-person threshold ${threshold.toFixed(2)}); compare them yourself and ask for the turn again.`,
  /** The turn reached `minYawDeg`..`maxYawDeg` (degrees) but not ±`targetYawDeg` on the `sides` asked for. */
  short: (minYawDeg: number | null, maxYawDeg: number | null, targetYawDeg: number, sides: TurnSides = 'both') =>
    sides === 'both'
      ? `The turn reached ${minYawDeg}° and ${maxYawDeg}°, not ±${targetYawDeg}° both ways; ` +
        'ask for a full profile to each side.'
      : `The turn reached ${sides === 'image-left' ? minYawDeg : maxYawDeg}°, not ` +
        `${sides === 'image-left' ? -targetYawDeg : targetYawDeg}° toward ${pictureSide(sides)}; ` +
        'ask for a full profile.',
  passed: (minYawDeg: number | null, maxYawDeg: number | null, sides: TurnSides = 'both') =>
    sides === 'both'
      ? `Full turns both ways (${minYawDeg}° to ${maxYawDeg}°), the face followed, nothing flagged.`
      : `A full turn toward ${pictureSide(sides)} (${sides === 'image-left' ? minYawDeg : maxYawDeg}°), ` +
        'the face followed, nothing flagged.',
} as const;

/** "Pass a hand slowly across your face." */
export const HAND_PASS_TEXT = {
  noHand: 'No hand was seen over the face; ask again, passing the hand slowly over mouth and nose.',
  /** The mouth was hidden for `hiddenMs` ms, too long, or the face did not come back. */
  hiddenTooLong: (hiddenMs: number) =>
    `The face stayed hidden or was lost (${seconds(hiddenMs)} s); ask again with a quicker pass.`,
  flagged: (kinds: readonly string[]) => flaggedText('Around the hand pass', kinds),
  passed: (hiddenMs: number) =>
    `The hand hid the mouth for ${seconds(hiddenMs)} s and the same face was tracked after, nothing flagged.`,
} as const;

/** "Read this phrase aloud." */
export const READ_PHRASE_TEXT = {
  insufficient:
    'Lip sync could not be judged over this answer (too little speech, or the mouth not in view); ' +
    'ask them to read it again, slowly and facing the camera.',
  mismatch: 'While reading, the voice did not follow the lips.',
  silentFace: "A voice read the phrase while the candidate's mouth stayed still: the voice is not theirs.",
  /** The sound was `offsetMs` ms off the lips (audio minus lips). */
  offset: (offsetMs: number | null) => `While reading, the sound was ${offsetMs} ms off the lips.`,
  /** In sync, or off by `offsetMs` ms, less than call delays do (`withinCallDelay`). */
  passed: (offsetMs: number | null, withinCallDelay: boolean) => {
    const off = withinCallDelay ? `${offsetMs} ms apart, within what call delays do` : `${offsetMs} ms`;
    return `Lips and voice went together while reading (${off}).`;
  },
} as const;

/** "Hold your photo ID next to your face." */
export const PHOTO_ID_TEXT = {
  noCandidate:
    "The candidate's face was not read from the front, so the ID could not be compared: with face identity on, ask " +
    'again facing the camera; with it off, compare the photo yourself.',
  notFound: 'ID photo face not found: no second face was read next to the candidate. Ask to hold it closer.',
  matches: (distance: number, threshold: number) =>
    `ID photo matches the face (face distance ${distance.toFixed(2)}, threshold ${threshold.toFixed(2)}).`,
  differs: (distance: number, threshold: number) =>
    `ID photo does not match the face (face distance ${distance.toFixed(2)}, threshold ${threshold.toFixed(2)}). ` +
    'Look at both yourself; an old photo, glare or a tilted card also raise the distance.',
} as const;

/** "Blink twice." */
export const BLINK_TEXT = {
  notTracked: 'The eyes were not tracked for most of the answer; ask again, facing the camera.',
  flagged: (kinds: readonly string[]) => flaggedText('While blinking', kinds),
  noBlink: 'No blink was seen while the eyes were tracked; ask again.',
  passed: (blinks: number) => `${blinks} blink(s) seen, nothing flagged.`,
} as const;
