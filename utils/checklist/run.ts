/**
 * One interview's run through a checklist (pure): which prompts, in which order, with which
 * random challenge, when each was asked, what the signals said and what the interviewer marked.
 * It is part of the live session, so it survives closing the panel; times are seconds since the
 * session started.
 */
import { z } from 'zod';
import { randomFirstTurn, randomPhrase, type RandomSource } from './challenges';
import { PromptSchema, promptWords, type CheckedVerifier, type Prompt, type Template } from './prompts';
import { OUTCOMES } from './verify';

/** What the interviewer can mark: an outcome, or that the prompt was skipped. */
export const MARKS = [...OUTCOMES, 'skipped'] as const;
export type Mark = (typeof MARKS)[number];

const VerificationSchema = z.object({
  outcome: z.enum(OUTCOMES),
  summary: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});

export const ChecklistItemSchema = z.object({
  prompt: PromptSchema,
  /** The words to say, with this run's random challenge filled in. */
  words: z.string(),
  /** When the response window opened and closed (null: not asked yet, or still open). */
  askedAtS: z.number().nullable(),
  answeredAtS: z.number().nullable(),
  /** How many times the prompt was asked (asking again replaces the last answer). */
  attempts: z.number().int().min(0),
  /** What the signals said about the last answer; null for manual prompts and before the answer. */
  auto: VerificationSchema.nullable(),
  /** The interviewer's mark, which overrides `auto`. */
  mark: z.enum(MARKS).nullable(),
  note: z.string().max(2000),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const ChecklistRunSchema = z.object({
  templateName: z.string(),
  items: z.array(ChecklistItemSchema).min(1),
  current: z.number().int().min(0),
});
export type ChecklistRun = z.infer<typeof ChecklistRunSchema>;

/** A prompt checked against the live signals (the others are marked by the interviewer). */
export const isChallenge = (prompt: Prompt): prompt is Prompt & { verifier: CheckedVerifier } =>
  prompt.verifier !== 'manual';

function shuffled<T>(values: readonly T[], random: RandomSource): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * A new run of the template's visible prompts. The challenges trade places at random (the slots
 * the interviewer gave them stay, so the other questions keep their order) and each gets fresh
 * random words, so a recording or a coached stand-in cannot anticipate them.
 */
export function startRun(template: Template, random: RandomSource): ChecklistRun {
  const visible = template.prompts.filter((prompt) => !template.hidden.includes(prompt.id));
  const challenges = shuffled(visible.filter(isChallenge), random);
  const ordered = visible.map((prompt) => (isChallenge(prompt) ? (challenges.shift() as Prompt) : prompt));
  const items = ordered.map((prompt) => ({
    prompt,
    words: promptWords(prompt, { phrase: randomPhrase(random), side: randomFirstTurn(random) }),
    askedAtS: null,
    answeredAtS: null,
    attempts: 0,
    auto: null,
    mark: null,
    note: '',
  }));
  return ChecklistRunSchema.parse({ templateName: template.name, items, current: 0 });
}

export type ItemStatus = 'waiting' | 'answering' | 'checking' | 'awaiting-mark' | Mark;

/** How each status reads in exports and timelines. */
export const STATUS_WORDS: Record<ItemStatus, string> = {
  waiting: 'not asked',
  answering: 'no answer recorded',
  checking: 'not checked',
  'awaiting-mark': 'not marked',
  passed: 'passed',
  concern: 'concern',
  'not-verified': 'not verified',
  skipped: 'skipped',
};

/** Where a prompt stands: its mark or measured outcome once there is one. */
export function itemStatus(item: ChecklistItem): ItemStatus {
  if (item.mark) return item.mark;
  if (item.askedAtS === null) return 'waiting';
  if (item.answeredAtS === null) return 'answering';
  if (!isChallenge(item.prompt)) return 'awaiting-mark';
  return item.auto ? item.auto.outcome : 'checking';
}

function withItem(run: ChecklistRun, index: number, change: (item: ChecklistItem) => ChecklistItem): ChecklistRun {
  const item = run.items[index];
  if (!item) return run;
  return { ...run, items: run.items.map((other, i) => (i === index ? change(item) : other)) };
}

/**
 * Opens the response window of prompt `index` at `nowS`; asking again gives a challenge prompt
 * new random words (the old ones were heard) and clears the last answer, but keeps the note.
 */
export function askItem(run: ChecklistRun, index: number, nowS: number, random: RandomSource): ChecklistRun {
  return withItem({ ...run, current: index }, index, (item) => ({
    ...item,
    words:
      item.attempts > 0
        ? promptWords(item.prompt, { phrase: randomPhrase(random), side: randomFirstTurn(random) })
        : item.words,
    askedAtS: nowS,
    answeredAtS: null,
    attempts: item.attempts + 1,
    auto: null,
    mark: null,
  }));
}

/** Closes the open response window of prompt `index`. */
export function answerItem(run: ChecklistRun, index: number, nowS: number): ChecklistRun {
  return withItem(run, index, (item) =>
    item.askedAtS === null || item.answeredAtS !== null ? item : { ...item, answeredAtS: nowS },
  );
}

/**
 * What the signals said about the answer to prompt `index` asked at `askedAtS` (ignored if it was
 * asked again since).
 */
export function verifiedItem(
  run: ChecklistRun,
  index: number,
  askedAtS: number,
  auto: ChecklistItem['auto'],
): ChecklistRun {
  return withItem(run, index, (item) => (item.askedAtS === askedAtS ? { ...item, auto } : item));
}

/** The interviewer's mark (null clears it, back to what the signals said). */
export function markItem(run: ChecklistRun, index: number, mark: Mark | null): ChecklistRun {
  return withItem(run, index, (item) => ({ ...item, mark }));
}

export function noteItem(run: ChecklistRun, index: number, note: string): ChecklistRun {
  return withItem(run, index, (item) => ({ ...item, note: note.slice(0, 2000) }));
}

/** Moves to prompt `index` (clamped to the list). */
export function goTo(run: ChecklistRun, index: number): ChecklistRun {
  return { ...run, current: Math.min(run.items.length - 1, Math.max(0, index)) };
}

/** The next prompt after the current one that has no outcome yet, or the current one when all have. */
export function nextOpen(run: ChecklistRun): number {
  const count = run.items.length;
  for (let step = 1; step <= count; step++) {
    const index = (run.current + step) % count;
    if (['waiting', 'answering', 'awaiting-mark'].includes(itemStatus(run.items[index] as ChecklistItem))) return index;
  }
  return run.current;
}

export interface Progress {
  total: number;
  /** Prompts with an outcome or a mark. */
  done: number;
  passed: number;
  concern: number;
  notVerified: number;
  skipped: number;
}

export function progressOf(run: ChecklistRun): Progress {
  const statuses = run.items.map(itemStatus);
  const count = (status: ItemStatus) => statuses.filter((s) => s === status).length;
  const progress = {
    total: run.items.length,
    passed: count('passed'),
    concern: count('concern'),
    notVerified: count('not-verified'),
    skipped: count('skipped'),
  };
  return { ...progress, done: progress.passed + progress.concern + progress.notVerified + progress.skipped };
}
