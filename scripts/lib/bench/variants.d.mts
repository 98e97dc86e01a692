export function shiftAudio(clip: string, offsetMs: number): string;
export function swapAudio(videoClip: string, audioClip: string): string;
export function joinClips(first: string, second: string, cutS?: number): { path: string; cutS: number };
export function freezeVideo(clip: string, atS?: number, lengthS?: number): { path: string; fromS: number; toS: number };
export function loopVideo(
  clip: string,
  sourceS?: number,
  atS?: number,
  lengthS?: number,
): { path: string; fromS: number; toS: number };
export function hasAudio(clip: string): boolean;
export function durationOf(clip: string): number;
export function cutClip(clip: string, fromS: number, lengthS: number): string;
export function muxVoice(videoClip: string, voiceClip: string, atS: number, lengthS: number): string;
