/**
 * Drill variants as edit plans: which stretches of which clip make the picture and the sound of
 * each variant, with its answer key written from the same numbers. Rendering the plan (decoding
 * and encoding) is the browser edge's job (utils/recording/render-variant.ts); planning here is
 * pure so the keys can be checked against known answers.
 */
import type { AnswerKey } from '@/utils/drills/answer-key';

export interface PlanClip {
  /** Stable id the plan refers to (the renderer maps it to the file). */
  id: string;
  /** File name, for the variant's name. */
  name: string;
  durationS: number;
  hasAudio: boolean;
}

/** A stretch of a clip's picture, or one of its frames held for a while (a frozen picture). */
export type VideoPiece =
  { clip: string; fromS: number; toS: number } | { clip: string; holdAtS: number; durationS: number };

/** A stretch of a clip's sound, or silence. */
export type AudioPiece = { clip: string; fromS: number; toS: number } | { silenceS: number };

export interface VariantPlan {
  /** Short id, unique among one clip's variants (e.g. "shift+250"). */
  id: string;
  /** File name of the rendered variant. */
  name: string;
  video: VideoPiece[];
  /** Null when no clip involved has sound. */
  audio: AudioPiece[] | null;
  durationS: number;
  key: Extract<AnswerKey, { genuine: false }>;
}

/** Audio shifts a trainer's drill covers: the late and early sound of a relayed or dubbed voice. */
export const DRILL_SHIFTS_MS = [-500, -250, -120, 120, 250, 500] as const;

/** Where in the clip the frozen and replayed stretches go, and how long they last at most. */
export const VARIANT_STRETCH = {
  startFraction: 0.4,
  longestS: 3,
  /** A stretch is at most this share of the clip, so most of it stays untouched. */
  longestFraction: 0.2,
  /** Two people are joined at this share of the first clip. */
  cutFraction: 0.5,
} as const;

/** Clips shorter than this give no variants: a drill item needs time to watch. */
export const SHORTEST_VARIANT_SOURCE_S = 4;

const round3 = (value: number) => Math.round(value * 1000) / 1000;
const baseName = (name: string) => name.replace(/\.[^.]+$/, '');
/** Seconds in a key's words, to a tenth (the key's numbers keep the milliseconds). */
const formatS = (value: number) => `${Math.round(value * 10) / 10} s`;

function shiftPlan(clip: PlanClip, shiftMs: number): VariantPlan {
  const d = clip.durationS;
  const shiftS = Math.abs(shiftMs) / 1000;
  const audio: AudioPiece[] =
    shiftMs > 0
      ? [{ silenceS: shiftS }, { clip: clip.id, fromS: 0, toS: d - shiftS }]
      : [{ clip: clip.id, fromS: shiftS, toS: d }, { silenceS: shiftS }];
  const id = `shift${shiftMs > 0 ? '+' : ''}${shiftMs}`;
  return {
    id,
    name: `${baseName(clip.name)}.${id}ms.mp4`,
    video: [{ clip: clip.id, fromS: 0, toS: d }],
    audio,
    durationS: d,
    key: {
      genuine: false,
      manipulation: 'audio-shift',
      startS: 0,
      endS: round3(d),
      shiftMs,
      promptId: 'read-phrase',
      description: `The sound was moved ${Math.abs(shiftMs)} ms ${shiftMs > 0 ? 'later' : 'earlier'} than the picture.`,
    },
  };
}

function stretchOf(clip: PlanClip): { fromS: number; lengthS: number } {
  const lengthS = Math.min(VARIANT_STRETCH.longestS, clip.durationS * VARIANT_STRETCH.longestFraction);
  return { fromS: round3(clip.durationS * VARIANT_STRETCH.startFraction), lengthS: round3(lengthS) };
}

function frozenPlan(clip: PlanClip): VariantPlan {
  const d = clip.durationS;
  const { fromS, lengthS } = stretchOf(clip);
  return {
    id: 'frozen',
    name: `${baseName(clip.name)}.frozen.mp4`,
    video: [
      { clip: clip.id, fromS: 0, toS: fromS },
      { clip: clip.id, holdAtS: fromS, durationS: lengthS },
      { clip: clip.id, fromS: fromS + lengthS, toS: d },
    ],
    audio: clip.hasAudio ? [{ clip: clip.id, fromS: 0, toS: d }] : null,
    durationS: d,
    key: {
      genuine: false,
      manipulation: 'frozen-stretch',
      startS: fromS,
      endS: round3(fromS + lengthS),
      promptId: 'blink-twice',
      description:
        `The picture was frozen from ${formatS(fromS)} to ${formatS(fromS + lengthS)}` +
        (clip.hasAudio ? ' while the sound went on.' : '.'),
    },
  };
}

/**
 * What followed the replayed stretch is dropped: the variant lasts as long as the clip, so its
 * length gives nothing away.
 */
function replayedPlan(clip: PlanClip): VariantPlan {
  const d = clip.durationS;
  const { fromS, lengthS } = stretchOf(clip);
  const replayAtS = round3(fromS + lengthS);
  const pieces = [
    { clip: clip.id, fromS: 0, toS: replayAtS },
    { clip: clip.id, fromS, toS: replayAtS },
    { clip: clip.id, fromS: round3(replayAtS + lengthS), toS: d },
  ];
  return {
    id: 'replayed',
    name: `${baseName(clip.name)}.replayed.mp4`,
    video: pieces,
    audio: clip.hasAudio ? pieces : null,
    durationS: d,
    key: {
      genuine: false,
      manipulation: 'replayed-stretch',
      startS: replayAtS,
      endS: round3(replayAtS + lengthS),
      promptId: 'read-phrase',
      description:
        `Picture and sound from ${formatS(fromS)} to ${formatS(replayAtS)} were played again at ` +
        `${formatS(replayAtS)}, in place of what came next, as a looped recording would.`,
    },
  };
}

function voicePlan(clip: PlanClip, voice: PlanClip): VariantPlan {
  const d = clip.durationS;
  const spoken = Math.min(d, voice.durationS);
  return {
    id: 'voice',
    name: `${baseName(clip.name)}.voice-of-${baseName(voice.name)}.mp4`,
    video: [{ clip: clip.id, fromS: 0, toS: d }],
    audio: [{ clip: voice.id, fromS: 0, toS: spoken }, ...(spoken < d ? [{ silenceS: d - spoken }] : [])],
    durationS: d,
    key: {
      genuine: false,
      manipulation: 'voice-replaced',
      startS: 0,
      endS: round3(d),
      promptId: 'read-phrase',
      description: `The voice is another person's (from ${voice.name}); the lips do not say these words.`,
    },
  };
}

function joinedPlan(clip: PlanClip, other: PlanClip): VariantPlan {
  const cutS = round3(clip.durationS * VARIANT_STRETCH.cutFraction);
  const restS = Math.min(clip.durationS - cutS, other.durationS);
  const otherFromS = round3(Math.max(0, Math.min(cutS, other.durationS - restS)));
  const otherToS = round3(otherFromS + restS);
  const pieces = [
    { clip: clip.id, fromS: 0, toS: cutS },
    { clip: other.id, fromS: otherFromS, toS: otherToS },
  ];
  const durationS = round3(cutS + restS);
  const withSound = clip.hasAudio || other.hasAudio;
  return {
    id: 'joined',
    name: `${baseName(clip.name)}.then-${baseName(other.name)}.mp4`,
    video: pieces,
    audio: withSound
      ? pieces.map((piece) =>
          [clip, other].find((c) => c.id === piece.clip)?.hasAudio ? piece : { silenceS: piece.toS - piece.fromS },
        )
      : null,
    durationS,
    key: {
      genuine: false,
      manipulation: 'person-swapped',
      startS: cutS,
      endS: durationS,
      promptId: 'earlier-details',
      description: `Another person (from ${other.name}) takes over at ${formatS(cutS)}.`,
    },
  };
}

/**
 * Every variant of `clip` a drill can use: the audio shifts, a frozen and a replayed stretch, and
 * with a second clip its voice over this picture and the two people joined at a cut. Variants
 * that need sound are left out when there is none to shift or lend.
 */
export function planVariants(clip: PlanClip, other: PlanClip | null = null): VariantPlan[] {
  if (clip.durationS < SHORTEST_VARIANT_SOURCE_S) return [];
  return [
    ...(clip.hasAudio ? DRILL_SHIFTS_MS.map((shiftMs) => shiftPlan(clip, shiftMs)) : []),
    frozenPlan(clip),
    replayedPlan(clip),
    ...(other && other.id !== clip.id && other.hasAudio ? [voicePlan(clip, other)] : []),
    ...(other && other.id !== clip.id ? [joinedPlan(clip, other)] : []),
  ];
}

/** Seconds of output a piece lasts. */
export const pieceSeconds = (piece: VideoPiece | AudioPiece): number =>
  'silenceS' in piece ? piece.silenceS : 'holdAtS' in piece ? piece.durationS : piece.toS - piece.fromS;
