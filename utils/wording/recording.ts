/** Why a recording cannot be analysed, worded for the user who picked the file. */
export const RECORDING_TEXT = {
  unreadable: 'This file is not a video this browser can read (try MP4 or WebM).',
  noVideo: 'This file has no video track.',
  /** The browser has no decoder for the file's `codec` (null: the container does not name one). */
  videoCodec: (codec: string | null) => `This browser cannot decode the video codec (${codec ?? 'unknown'}).`,
  audioCodec: (codec: string | null) => `This browser cannot decode the audio codec (${codec ?? 'unknown'}).`,
} as const;

/** What is wrong with an MP4's index of frames (utils/recording/mp4-index.ts), ending a sentence. */
const INDEX_PROBLEM_WORDS = {
  overrun: 'has a part that runs past its end',
  'table-size': 'lists more entries than it holds',
  'sample-count': 'lists far more samples than the track has',
  'chunk-order': 'lists its chunks out of order',
  timing: 'gives impossible times',
} as const;

/** Which track an index problem is in (null: the index as a whole). */
const INDEX_OF = { video: 'video frames', sound: 'sound', other: 'frames and sound' } as const;

const seconds = (s: number) => `${s.toFixed(1)} s`;

/** Why a recording could not be read (in full or after some point), worded for the user who picked it. */
export const RECORDING_DAMAGE_TEXT = {
  /** The file ends before its index is complete: nothing can be located in it. */
  cut:
    'This file is cut short: it ends before its index of frames is complete ' +
    '(an interrupted download or recording?), so none of it can be read.',
  /** The index is there but does not add up; `track` is the one whose tables are wrong. */
  damagedIndex: (track: keyof typeof INDEX_OF | null, problem: keyof typeof INDEX_PROBLEM_WORDS) =>
    `This file is damaged: its index of ${INDEX_OF[track ?? 'other']} ${INDEX_PROBLEM_WORDS[problem]}, ` +
    'so it cannot be read.',
  /** The demuxer gave up on the index (e.g. an inconsistency it asserts against). */
  unreadableIndex: 'This file is damaged: its index of frames and sound could not be read.',
  /** The video decoder failed after the last frame it gave, at `afterS` s of media time. */
  videoUndecodable: (afterS: number) =>
    `The video could not be decoded after ${seconds(afterS)}: the file is damaged there.`,
  audioUndecodable: (afterS: number) =>
    `The sound could not be decoded after ${seconds(afterS)}: the file is damaged there.`,
  /** Not one video frame could be read of the `declaredS` s the file declares. */
  noFrames: (declaredS: number) =>
    'No video frame could be read: the file ends or is damaged before its first frame ' +
    `(it declares ${seconds(declaredS)}).`,
  /** Video frames could be read up to `readS` s only, of `declaredS` s declared. */
  endsEarly: (readS: number, declaredS: number) =>
    `The file ends early: its video could be read up to ${seconds(readS)} of the ${seconds(declaredS)} it declares ` +
    `(${Math.floor((readS / declaredS) * 100)} %); the analysis covers only that part.`,
} as const;
