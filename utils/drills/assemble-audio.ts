/**
 * A variant's sound from its plan: the pieces of each clip's decoded sound, or silence, laid end
 * to end at one output rate.
 */
import { pieceSeconds, type AudioPiece } from '@/utils/drills/variant-plan';

export interface DecodedSound {
  /** Mono samples from the clip's start (time 0). */
  samples: Float32Array;
  sampleRate: number;
}

/**
 * The sound at `timeS`, by linear interpolation (speech only needs it
 * to be clean well below the Nyquist limit; the drills change timing, not timbre).
 */
function sampleAt(sound: DecodedSound, timeS: number): number {
  const position = timeS * sound.sampleRate;
  const below = Math.floor(position);
  if (below < 0 || below >= sound.samples.length) return 0;
  const next = Math.min(below + 1, sound.samples.length - 1);
  const weight = position - below;
  return (sound.samples[below] as number) * (1 - weight) + (sound.samples[next] as number) * weight;
}

/** The pieces at `rate` Hz; a piece past the end of its clip's sound is silent there. */
export function assembleAudio(
  pieces: readonly AudioPiece[],
  sounds: ReadonlyMap<string, DecodedSound>,
  rate: number,
): Float32Array {
  const lengths = pieces.map((piece) => Math.round(pieceSeconds(piece) * rate));
  const out = new Float32Array(lengths.reduce((sum, length) => sum + length, 0));
  let at = 0;
  pieces.forEach((piece, index) => {
    const length = lengths[index] as number;
    if (!('silenceS' in piece)) {
      const sound = sounds.get(piece.clip);
      if (!sound) throw new Error(`No decoded sound for clip ${piece.clip}.`);
      for (let i = 0; i < length; i++) out[at + i] = sampleAt(sound, piece.fromS + i / rate);
    }
    at += length;
  });
  return out;
}
