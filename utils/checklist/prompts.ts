/**
 * The prompt library and interview templates, as data validated with zod: built-in prompts
 * grouped by purpose, and templates (which prompts, in which order, which hidden) that the
 * interviewer can edit, save per interview type, and import or export as JSON.
 */
import { z } from 'zod';
import { isNewerVersion } from '@/utils/common/schema-version';
import { plainProblem } from '@/utils/common/zod-problem';
import { FACE_CHECKS_TRACK } from '@/utils/analyzers/windows';

export const PROMPT_GROUPS = ['liveness', 'identity', 'location', 'technical', 'environment'] as const;

/**
 * How a prompt's answer is checked against the live signals (utils/checklist/verify.ts), or by the
 * interviewer alone.
 */
export const VERIFIERS = ['head-turn', 'hand-pass', 'read-phrase', 'blink', 'photo-id', 'manual'] as const;
export type Verifier = (typeof VERIFIERS)[number];
/** The verifiers that read the live signals. */
export type CheckedVerifier = Exclude<Verifier, 'manual'>;

/**
 * The live analysis keeps the newest FACE_CHECKS_TRACK.windowMs of face samples, so a checked
 * answer must fit in it.
 */
const MAX_CHECKED_RESPONSE_S = FACE_CHECKS_TRACK.windowMs / 1000;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const PromptSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,48}$/, 'ids are 1..48 lowercase letters, digits or dashes'),
    group: z.enum(PROMPT_GROUPS),
    /** The words to say; `{phrase}` and `{side}` are filled with a fresh random challenge. */
    say: text(400),
    /** Why it works against a face swap or a stand-in. */
    why: text(400),
    /** What to watch for while the candidate answers. */
    watch: text(400),
    verifier: z.enum(VERIFIERS),
    /** How long the response window stays open, s. */
    responseS: z.number().min(3).max(120),
  })
  .refine((prompt) => prompt.verifier === 'manual' || prompt.responseS <= MAX_CHECKED_RESPONSE_S, {
    message: `prompts checked against the signals are answered within ${MAX_CHECKED_RESPONSE_S} s`,
    path: ['responseS'],
  });
export type Prompt = z.infer<typeof PromptSchema>;

export const TemplateSchema = z
  .object({
    kind: z.literal('liveproof-checklist-template'),
    schemaVersion: z.literal(1),
    name: text(80),
    /** Prompts of this template, in order; the built-in library's plus the interviewer's own. */
    prompts: z.array(PromptSchema).min(1).max(100),
    hidden: z.array(z.string()).default([]),
  })
  .superRefine((template, context) => {
    const ids = template.prompts.map((prompt) => prompt.id);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (repeated.length > 0)
      context.addIssue({
        code: 'custom',
        message: `prompt ids must be unique (repeated: ${[...new Set(repeated)].join(', ')})`,
      });
  });
export type Template = z.infer<typeof TemplateSchema>;

export const BUILT_IN_PROMPTS: readonly Prompt[] = [
  {
    id: 'turn-profile',
    group: 'liveness',
    say: 'Could you turn your head slowly to the {side} until I see your profile, then all the way to the other side?',
    why:
      'Real-time face swaps are trained mostly on frontal faces; ' +
      'at a full profile the swapped face slips, blurs or snaps back.',
    watch:
      'The face edge and the ear at the profile, flicker, the face jumping back to frontal before the head does, ' +
      'a face that looks like someone else once turned. A real face may drop out for a moment at full profile.',
    verifier: 'head-turn',
    responseS: 12,
  },
  {
    id: 'hand-across-face',
    group: 'liveness',
    say: 'Please pass your hand slowly across your face, from one side to the other.',
    why:
      'A swapped face is drawn over the hand or vanishes around it; ' +
      'lips and nose seen through the fingers are a sign.',
    watch: 'The face showing through or over the hand, the mouth moving behind the hand, the face lagging the hand.',
    verifier: 'hand-pass',
    responseS: 8,
  },
  {
    id: 'read-phrase',
    group: 'liveness',
    say: 'Could you read these words aloud for me, slowly, twice: {phrase}',
    why:
      'Unpredictable words cannot be pre-recorded, ' +
      'and a proxy speaking for someone mouthing along falls out of sync.',
    watch: 'Lips that start late or keep moving after the words, a voice that changes.',
    verifier: 'read-phrase',
    responseS: 20,
  },
  {
    id: 'blink-twice',
    group: 'liveness',
    say: 'Please blink twice, slowly.',
    why: 'Generated faces often blink too little, too evenly, or not on request.',
    watch: 'Both eyes closing fully and together, a delay before the blink.',
    verifier: 'blink',
    responseS: 6,
  },
  {
    id: 'stand-or-move-closer',
    group: 'liveness',
    say: 'Could you move a little closer to the camera, then sit back?',
    why: 'Face swaps are tuned to one distance; scale changes show seams and texture jumps.',
    watch: 'The face texture or edges changing as the size changes, hair and ears not matching the face.',
    verifier: 'manual',
    responseS: 10,
  },
  {
    id: 'remove-glasses',
    group: 'liveness',
    say: 'If you wear glasses, could you take them off for a moment?',
    why: 'Swaps struggle with glasses coming off: the frames smear or stay drawn on the face.',
    watch: 'Frames that linger, eyes that change shape or colour.',
    verifier: 'manual',
    responseS: 10,
  },
  {
    id: 'id-document',
    group: 'identity',
    say: 'Could you hold your photo ID next to your face, then closer to the camera?',
    why: 'Compares the face with the document under the same light; a swapped face must match both.',
    watch: 'The face on the ID against the face on camera, the document held steady, glare hiding the photo.',
    verifier: 'photo-id',
    responseS: 20,
  },
  {
    id: 'earlier-details',
    group: 'identity',
    say: 'Earlier you mentioned your last project; what was the hardest bug you fixed there?',
    why: 'A stand-in or a relay struggles with details from their own application and earlier answers.',
    watch: 'Long pauses, eyes reading off-screen, answers that contradict the CV.',
    verifier: 'manual',
    responseS: 60,
  },
  {
    id: 'window-view',
    group: 'location',
    say: 'What is the weather like where you are right now? Could you show me the window?',
    why: 'Checks the stated location against the time of day and weather there.',
    watch: 'Daylight that does not fit the stated time zone, a virtual background hiding the room.',
    verifier: 'manual',
    responseS: 30,
  },
  {
    id: 'whiteboard-sketch',
    group: 'technical',
    say: 'Could you sketch the design on paper and hold it up to the camera?',
    why: 'A relay feeding answers cannot draw for the candidate; the hands and the face must belong together.',
    watch: 'Hands and face moving together, the paper held in front of the face without artefacts.',
    verifier: 'manual',
    responseS: 90,
  },
  {
    id: 'show-room',
    group: 'environment',
    say: 'Could you turn your camera slowly around the room?',
    why: 'Shows whether anyone else is present to prompt the candidate, and whether the room matches the background.',
    watch: 'Other people, second screens, earpieces, a background that differs from the room.',
    verifier: 'manual',
    responseS: 30,
  },
];

/** The template a new interview starts from: every built-in prompt, liveness first. */
export function defaultTemplate(name = 'Standard interview'): Template {
  return TemplateSchema.parse({
    kind: 'liveproof-checklist-template',
    schemaVersion: 1,
    name,
    prompts: BUILT_IN_PROMPTS,
    hidden: [],
  });
}

/** A template read from JSON text, or a message saying clearly what is wrong with it. */
export function parseTemplate(json: string): { template: Template } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { problem: 'This file is not JSON; export a template from Liveproof and import that file.' };
  }
  // A template of a newer Liveproof is said to be one, not called damaged for its version number.
  const { kind, schemaVersion } = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const newer = isNewerVersion(schemaVersion, 1);
  if (kind === 'liveproof-checklist-template' && newer)
    return {
      problem:
        `This checklist template was made by a newer Liveproof (schema version ${schemaVersion}); ` +
        'update Liveproof to import it.',
    };
  const parsed = TemplateSchema.safeParse(data);
  if (parsed.success) return { template: parsed.data };
  return { problem: `This is not a Liveproof checklist template${plainProblem(parsed.error)}.` };
}

/** The template as JSON text for export (pretty, stable key order from the schema). */
export function templateToJson(template: Template): string {
  return JSON.stringify(TemplateSchema.parse(template), null, 2);
}

/** The words of a prompt with its random challenge filled in. */
export function promptWords(prompt: Prompt, challenge: { phrase: string; side: string }): string {
  return prompt.say.replaceAll('{phrase}', challenge.phrase).replaceAll('{side}', challenge.side);
}
