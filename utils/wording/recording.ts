/** Why a recording cannot be analysed, worded for the user who picked the file. */
export const RECORDING_TEXT = {
  unreadable: 'This file is not a video this browser can read (try MP4 or WebM).',
  noVideo: 'This file has no video track.',
  /** The browser has no decoder for the file's `codec` (null: the container does not name one). */
  videoCodec: (codec: string | null) => `This browser cannot decode the video codec (${codec ?? 'unknown'}).`,
  audioCodec: (codec: string | null) => `This browser cannot decode the audio codec (${codec ?? 'unknown'}).`,
} as const;
