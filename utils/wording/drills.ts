/**
 * What Liveproof says in practice drills: answers in words (never colour alone, so no trainee
 * learns "the fake is the red one"), manipulations and cues in plain words, and what is wrong with
 * a drill pack or results file. Keyed by the plain strings of utils/drills, which sits above this
 * folder and checks the keys where it indexes them.
 */

import { shortened } from '@/utils/common/zod-problem';

/** Names and titles as a file gave them: readable length, no control characters. */
const fromFile = (text: string) => shortened(text, 80);

/** How an answered item turned out, for the trainee, in the order they are listed: false accusations first. */
export const OUTCOME_WORDS = {
  'false-accusation': 'Genuine, but you called it fake — a false accusation',
  'missed-fake': 'Fake, but you called it genuine — a missed fake',
  hit: 'Fake, and you called it fake — a hit',
  'correct-genuine': 'Genuine, and you called it genuine — correct',
} as const;

/** Column and count titles for the score and the trainer view, same order as OUTCOME_WORDS. */
export const OUTCOME_TITLES = {
  'false-accusation': 'False accusations (genuine called fake)',
  'missed-fake': 'Missed fakes (fake called genuine)',
  hit: 'Hits (fake called fake)',
  'correct-genuine': 'Genuine called genuine',
} as const;

/** What was done to a manipulated clip, in plain words. */
export const MANIPULATION_WORDS = {
  'audio-shift': 'Sound shifted against the picture',
  'voice-replaced': "Another person's voice over the picture",
  'frozen-stretch': 'Picture frozen for a stretch',
  'replayed-stretch': 'A stretch replayed (looped)',
  'person-swapped': 'A different person from a cut on',
  'face-swap': 'Face swapped',
  'lip-sync-generated': 'Lip movements generated to fit the sound',
  other: 'Another manipulation',
} as const;

/** The cues a trainee may tick, as shown on the answer form. */
export const CUE_WORDS = {
  'lips-out-of-sync': 'Lips and voice out of step',
  'voice-mismatch': "Voice doesn't fit the person",
  'face-edge-or-blur': 'Blur or edges around the face',
  'frozen-or-looped': 'Picture froze or repeated',
  'person-changed': 'The person changed',
  'lighting-or-skin': 'Odd lighting or skin',
  'failed-challenge': 'Failed a challenge (turn, hand, reading)',
  other: 'Something else',
} as const;

/** Where in a clip, to a tenth of a second: "12.4–15 s". */
export function stretchText(startS: number, endS: number): string {
  const tenths = (seconds: number) => Math.round(seconds * 10) / 10;
  return `${tenths(startS)}–${tenths(endS)} s`;
}

/**
 * The answer key in one line: "Genuine clip", or "Manipulated (what was done, where): how".
 * `manipulation` is a MANIPULATION_WORDS entry, null for a genuine clip.
 */
export function keyText(manipulation: string | null, startS: number, endS: number, description: string): string {
  return manipulation === null
    ? 'Genuine clip'
    : `Manipulated (${manipulation}, ${stretchText(startS, endS)}): ${description}`;
}

/** Confidence as the answer form names it. */
export const CONFIDENCE_WORDS = { 1: 'Guessing', 2: 'Unsure', 3: 'Fairly sure', 4: 'Sure', 5: 'Certain' } as const;

/** What is wrong with a file offered as a drill pack or as a trainee's results; nothing is changed by it. */
export const DRILL_FILE_TEXT = {
  tooLarge: (what: string, sizeBytes: number, maxBytes: number) => overLimit(`This ${what} is`, sizeBytes, maxBytes),
  notJson: (what: string) => `This file is not JSON, so it is not a Liveproof ${what}; nothing was imported.`,
  notZip: 'This file is not a zip (or the zip is damaged), so it is not a Liveproof drill pack; nothing was imported.',
  foreign: (what: string) => `This is not a Liveproof ${what}; nothing was imported.`,
  otherKind: (what: string, other: string) => `This is a Liveproof ${other}, not a ${what}; nothing was imported.`,
  newer: (what: string, version: number) =>
    `This ${what} was made by a newer Liveproof (version ${version}); update Liveproof to open it.`,
  /** `problem` is " at path: message" or ": message" (utils/common/zod-problem). */
  damaged: (what: string, problem: string) => `This ${what} is damaged${problem}; nothing was imported.`,
  manifestTooLarge: (sizeBytes: number, maxBytes: number) =>
    overLimit("This drill pack's pack.json is", sizeBytes, maxBytes),
  unpacksTooLarge: (sizeBytes: number, maxBytes: number) =>
    overLimit('This drill pack would unpack to', sizeBytes, maxBytes),
  noManifest: 'This zip holds no pack.json, so it is not a Liveproof drill pack; nothing was imported.',
  unsafePath: (path: string) =>
    `This zip names a file outside its own folder (${fromFile(path)}); it was refused and nothing was imported.`,
  clipMissing: (name: string) =>
    `The pack lists the clip "${fromFile(name)}" but the zip does not hold it; nothing was imported.`,
  clipChanged: (name: string) =>
    `The clip "${name}" in the zip is not the one the pack was made with (its fingerprint differs); ` +
    'nothing was imported.',
  clipsNotChosen: (names: readonly string[]) =>
    `Not among the files you chose: ${names.map((name) => `"${name}"`).join(', ')}. Choose ${
      names.length === 1 ? 'this clip' : 'these clips'
    } too.`,
  clipDiffersChosen: (name: string) =>
    `"${name}" is not the clip the pack was made with (its fingerprint differs); choose the original file.`,
} as const;

/** What is wrong with a set of results files offered to the trainer view together. */
export const TRAINER_TEXT = {
  noResults: "Choose one or more trainees' results files to see how each item went.",
  mixedPacks: (trainee: string, title: string, expectedTitle: string) =>
    `${fromFile(trainee)}'s results are for the pack "${fromFile(title)}", not "${fromFile(expectedTitle)}" ` +
    '(or another version of it); combine the results of one pack at a time.',
  twice: (trainee: string) =>
    `${fromFile(trainee)}'s results from the same drill were chosen twice; choose each file once.`,
} as const;

/** Names of the two drill files, as DRILL_FILE_TEXT's `what`. */
export const DRILL_FILE_NAMES = { pack: 'drill pack', results: 'drill results file' } as const;

const megabytes = (bytes: number, round: (value: number) => number) => `${round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The size in MB to a tenth, rounded up so that it never reads as the limit itself. */
function overLimit(subject: string, sizeBytes: number, maxBytes: number): string {
  const size = megabytes(sizeBytes, Math.ceil);
  return `${subject} ${size}, over the ${megabytes(maxBytes, Math.round)} Liveproof opens; nothing was imported.`;
}

/** What stops the variant maker, in the trainer's words. */
export const DRILL_MAKER_TEXT = {
  nothingToMake: (shortestS: number) =>
    `These clips are too short to change: a drill clip lasts at least ${shortestS} s. Nothing was made.`,
  sameName: (name: string) =>
    `Two clips are named like ${name}: a pack names clips by file name, so rename one and choose them again.`,
  notAPack: (problem: string) => `The clips did not make a valid pack${problem}. Nothing was made.`,
  tooFewUsable: (usable: number, fewest: number, shortestS: number) =>
    `Only ${usable} of the clips can be changed (a clip needs at least ${shortestS} s); ` +
    `a quick drill needs ${fewest}. Nothing was made.`,
} as const;
