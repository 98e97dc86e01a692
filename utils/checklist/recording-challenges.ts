/**
 * Challenges on a recording (pure): the live checklist's verifiers run over a stretch the user
 * marks, e.g. `head-turn:image-right@2-6.5` for "the turn to the picture's right between 2 and
 * 6.5 s". The analyze CLI (`--challenge`), the analyze page and the challenge bench use this.
 */
import { z } from 'zod';
import { estimateLipSync } from '@/utils/analyzers/lip-sync';
import { TURN_SIDES, type TurnSides } from '@/utils/common/turn-sides';
import type { FaceSample } from '@/utils/features/face-sample';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import type { Finding } from '@/utils/findings/finding';
import {
  findingsDuring,
  OUTCOMES,
  verifyBlinkOnRequest,
  verifyHandPass,
  verifyHeadTurn,
  verifyReadPhrase,
  type ResponseWindow,
  type Verification,
} from './verify';

export const RECORDING_CHALLENGE_KINDS = ['head-turn', 'hand-pass', 'read-phrase', 'blink'] as const;
export type RecordingChallengeKind = (typeof RECORDING_CHALLENGE_KINDS)[number];

export interface ChallengeStretch {
  kind: RecordingChallengeKind;
  /** Head turns only: which way the turn had to go. */
  sides: TurnSides | null;
  startS: number;
  endS: number;
}

/** One challenge's outcome over its stretch, as the analysis report carries it. */
export const ChallengeResultSchema = z.object({
  kind: z.enum(RECORDING_CHALLENGE_KINDS),
  sides: z.enum(TURN_SIDES).nullable(),
  startS: z.number(),
  endS: z.number(),
  outcome: z.enum(OUTCOMES),
  /** What was seen, in the live checklist's words. */
  summary: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});
export type ChallengeResult = z.infer<typeof ChallengeResultSchema>;

export const CHALLENGE_SPEC_HELP =
  'KIND@START-END in seconds, KIND one of head-turn (both ways), head-turn:image-left, ' +
  'head-turn:image-right, hand-pass, read-phrase, blink; e.g. head-turn:image-right@2-6.5';

const SPEC = /^([a-z-]+)(?::([a-z-]+))?@(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/;

/** A challenge stretch from its text, or what is wrong with it. */
export function parseChallengeSpec(text: string): { stretch: ChallengeStretch } | { problem: string } {
  const match = SPEC.exec(text.trim());
  if (!match) return { problem: `"${text}" is not a challenge: write ${CHALLENGE_SPEC_HELP}.` };
  const [, kind = '', side, start = '', end = ''] = match;
  if (!(RECORDING_CHALLENGE_KINDS as readonly string[]).includes(kind)) {
    return { problem: `"${kind}" is not a challenge kind: use ${RECORDING_CHALLENGE_KINDS.join(', ')}.` };
  }
  if (side !== undefined && kind !== 'head-turn') return { problem: `"${kind}:${side}": only head-turn takes a side.` };
  if (side !== undefined && !(TURN_SIDES as readonly string[]).includes(side)) {
    return { problem: `"${kind}:${side}": the side is image-left or image-right.` };
  }
  const startS = Number(start);
  const endS = Number(end);
  if (endS <= startS) return { problem: `"${text}": the stretch must end after it starts.` };
  return {
    stretch: {
      kind: kind as RecordingChallengeKind,
      sides: kind === 'head-turn' ? ((side as TurnSides | undefined) ?? 'both') : null,
      startS,
      endS,
    },
  };
}

/** The problem with a stretch that is not inside a recording of `durationS`, or null. */
export function stretchOutsideRecording(stretch: ChallengeStretch, durationS: number): string | null {
  return stretch.startS >= durationS
    ? `${stretchLabel(stretch)} starts after the recording ends (${durationS.toFixed(1)} s).`
    : null;
}

/** "head-turn:image-right@2-6.5", as the user writes it. */
export function stretchLabel(stretch: ChallengeStretch): string {
  const kind = stretch.sides && stretch.sides !== 'both' ? `${stretch.kind}:${stretch.sides}` : stretch.kind;
  return `${kind}@${stretch.startS}-${stretch.endS}`;
}

/** What the recording gives the verifiers. */
export interface RecordingChallengeSignals {
  faces: readonly FaceSample[];
  mouth: MouthSeries;
  speech: SpeechSeries;
  /** The recording's findings (seconds from its start). */
  findings: readonly Finding[];
}

/**
 * The faces with the report's identity descriptors (`identity.descriptors`, exported on request)
 * put back on their frames: the signals export keeps none, and the head turn compares the face
 * before and after the turn with them.
 */
export function withReportDescriptors(
  faces: readonly FaceSample[],
  descriptors: readonly { timeS: number; values: readonly number[] }[],
): FaceSample[] {
  const withDescriptors = [...faces];
  for (const { timeS, values } of descriptors) {
    // The report keeps times to 10 ms; frames are at least 30 ms apart.
    const index = withDescriptors.findIndex((s) => Math.abs(s.timeMs - timeS * 1000) <= 5);
    const sample = withDescriptors[index];
    if (sample?.face)
      withDescriptors[index] = { ...sample, face: { ...sample.face, descriptor: Float32Array.from(values) } };
  }
  return withDescriptors;
}

function verifyStretch(stretch: ChallengeStretch, signals: RecordingChallengeSignals): Verification {
  const window: ResponseWindow = { fromMs: stretch.startS * 1000, toMs: stretch.endS * 1000, offsetMs: 0 };
  switch (stretch.kind) {
    case 'head-turn':
      return verifyHeadTurn(signals.faces, window, signals.findings, stretch.sides ?? 'both');
    case 'hand-pass':
      return verifyHandPass(signals.faces, window, signals.findings);
    case 'blink':
      return verifyBlinkOnRequest(signals.faces, window, signals.findings);
    case 'read-phrase':
      return verifyReadPhrase(
        estimateLipSync(signals.mouth, signals.speech, window.fromMs, window.toMs),
        findingsDuring(signals.findings, window),
      );
  }
}

/** Each stretch's verifier over the recording's signals, in the order given. */
export function verifyRecordingChallenges(
  stretches: readonly ChallengeStretch[],
  signals: RecordingChallengeSignals,
): ChallengeResult[] {
  return stretches.map((stretch) => {
    const { outcome, summary, evidence } = verifyStretch(stretch, signals);
    return { ...stretch, outcome, summary, evidence };
  });
}
