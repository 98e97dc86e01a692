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
