/**
 * A drill item's answer key: whether the clip is genuine and, if not, what was done to it, where,
 * and which challenge prompt would have exposed it. Written by the trainer or, for variants made
 * in the browser, by the generator itself.
 */
import { z } from 'zod';

export const MANIPULATIONS = [
  'audio-shift',
  'voice-replaced',
  'frozen-stretch',
  'replayed-stretch',
  'person-swapped',
  'face-swap',
  'lip-sync-generated',
  'other',
] as const;
export type Manipulation = (typeof MANIPULATIONS)[number];

/** Ids of the built-in checklist prompts (utils/checklist/prompts.ts) a key may point to. */
const promptId = z.string().regex(/^[a-z0-9-]{1,48}$/, 'prompt ids are 1..48 lowercase letters, digits or dashes');

const seconds = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600);

export const AnswerKeySchema = z
  .discriminatedUnion('genuine', [
    z.object({ genuine: z.literal(true) }),
    z.object({
      genuine: z.literal(false),
      manipulation: z.enum(MANIPULATIONS),
      /** Where the manipulation is, s from the clip's start (the whole clip for a shift). */
      startS: seconds,
      endS: seconds,
      /** For an audio shift: how late the sound is, ms (negative: early). */
      shiftMs: z.number().int().min(-5000).max(5000).optional(),
      /** The checklist prompt that would have exposed it. */
      promptId: promptId.optional(),
      /** The key in words, for the debrief (e.g. "The sound was moved 250 ms later than the picture."). */
      description: z.string().trim().min(1).max(400),
    }),
  ])
  .refine((key) => key.genuine || key.endS > key.startS, {
    message: 'a manipulation ends after it starts',
    path: ['endS'],
  })
  .refine((key) => key.genuine || (key.manipulation === 'audio-shift') === (key.shiftMs !== undefined), {
    message: 'an audio shift, and only an audio shift, gives shiftMs',
    path: ['shiftMs'],
  });
export type AnswerKey = z.infer<typeof AnswerKeySchema>;
