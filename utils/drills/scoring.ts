/**
 * A trainee's answers, their score, their results file, and the trainer's view over several
 * trainees (pure). False accusations (a genuine clip called fake) are counted apart and listed
 * first everywhere: in a real interview they hurt a real candidate.
 */
import { z } from 'zod';
import { median } from '@/utils/common/stats';
import { AnswerKeySchema, type AnswerKey } from '@/utils/drills/answer-key';
import { drillOrder, SEED_MAX } from '@/utils/drills/order';
import { PACK_MAX_ITEMS, parseDrillFile, type Pack } from '@/utils/drills/pack';
import { csvCell } from '@/utils/sessions/export-csv';
import { mdText } from '@/utils/sessions/export-markdown';
import { keyText, MANIPULATION_WORDS, OUTCOME_TITLES, TRAINER_TEXT } from '@/utils/wording/drills';

/** What a trainee may say made them doubt a clip (labels: CUE_WORDS). */
export const CUES = [
  'lips-out-of-sync',
  'voice-mismatch',
  'face-edge-or-blur',
  'frozen-or-looped',
  'person-changed',
  'lighting-or-skin',
  'failed-challenge',
  'other',
] as const;
export type Cue = (typeof CUES)[number];

/** How an answered item turned out, in the order they are listed (words: OUTCOME_WORDS). */
export const ITEM_OUTCOMES = ['false-accusation', 'missed-fake', 'hit', 'correct-genuine'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];

export const RESULTS_KIND = 'liveproof-drill-results';
export const RESULTS_SCHEMA_VERSION = 1;
export const NOTE_MAX_CHARS = 2000;
/** Every item answered with the longest note still fits. */
export const RESULTS_MAX_BYTES = 2 * 1024 * 1024;

const itemId = z.string().trim().min(1).max(120);

export const AnswerSchema = z.object({
  itemId,
  saidGenuine: z.boolean(),
  cues: z.array(z.enum(CUES)).refine((cues) => new Set(cues).size === cues.length, 'each cue is given once'),
  /** 1 guessing .. 5 certain (CONFIDENCE_WORDS). */
  confidence: z.number().int().min(1).max(5),
  note: z.string().max(NOTE_MAX_CHARS),
  /** From the item being shown to the answer, ms. */
  answerMs: z
    .number()
    .finite()
    .min(0)
    .max(24 * 3600 * 1000),
  /** Whether Liveproof's findings were shown while the trainee answered (an "AI support" drill). */
  engineOn: z.boolean(),
});
export type Answer = z.infer<typeof AnswerSchema>;

export const DrillResultsSchema = z
  .object({
    kind: z.literal(RESULTS_KIND),
    schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
    trainee: z.string().trim().min(1).max(120),
    /** `id` is packId(): the same id means the same items and keys. */
    pack: z.object({
      title: z.string().trim().min(1).max(120),
      id: z.string().regex(/^[0-9a-f]{64}$/, 'a pack id is 64 lowercase hex digits'),
    }),
    seed: z.number().int().min(0).max(SEED_MAX),
    startedAtMs: z.number().int().min(0),
    /** The items in the order shown, with their keys, so the trainer view needs only results files. */
    items: z
      .array(z.object({ id: itemId, key: AnswerKeySchema }))
      .min(1)
      .max(PACK_MAX_ITEMS),
    answers: z.array(AnswerSchema).max(PACK_MAX_ITEMS),
  })
  .superRefine((results, ctx) => {
    const ids = new Set(results.items.map((item) => item.id));
    if (ids.size !== results.items.length)
      ctx.addIssue({ code: 'custom', message: 'item ids repeat', path: ['items'] });
    const answered = new Set<string>();
    results.answers.forEach((answer, index) => {
      const path = ['answers', index, 'itemId'];
      if (!ids.has(answer.itemId))
        ctx.addIssue({ code: 'custom', message: `no item "${answer.itemId}" in these results`, path });
      if (answered.has(answer.itemId))
        ctx.addIssue({ code: 'custom', message: `item "${answer.itemId}" is answered twice`, path });
      answered.add(answer.itemId);
    });
  });
export type DrillResults = z.infer<typeof DrillResultsSchema>;

/** A trainee's results for a pack: its items in the drill's order (drillOrder with the same seed). */
export function drillResults(
  pack: Pack,
  drill: { packId: string; trainee: string; seed: number; startedAtMs: number; answers: Answer[] },
): DrillResults {
  return DrillResultsSchema.parse({
    kind: RESULTS_KIND,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    trainee: drill.trainee,
    pack: { title: pack.title, id: drill.packId },
    seed: drill.seed,
    startedAtMs: drill.startedAtMs,
    items: drillOrder(pack.items, drill.seed).map((item) => ({ id: item.id, key: item.key })),
    answers: drill.answers,
  });
}

export function resultsToJson(results: DrillResults): string {
  return `${JSON.stringify(DrillResultsSchema.parse(results), null, 2)}\n`;
}

/** A results file from its text; `sizeBytes` is the file's size, refused before reading past the limit. */
export function parseResults(text: string, sizeBytes: number): { results: DrillResults } | { problem: string } {
  const read = parseDrillFile(text, sizeBytes, {
    kind: RESULTS_KIND,
    version: RESULTS_SCHEMA_VERSION,
    maxBytes: RESULTS_MAX_BYTES,
    schema: DrillResultsSchema,
  });
  return 'value' in read ? { results: read.value } : read;
}

export function itemOutcome(key: AnswerKey, saidGenuine: boolean): ItemOutcome {
  if (key.genuine) return saidGenuine ? 'correct-genuine' : 'false-accusation';
  return saidGenuine ? 'missed-fake' : 'hit';
}

const isRight = (outcome: ItemOutcome) => outcome === 'hit' || outcome === 'correct-genuine';

/**
 * Confidence as the probability the trainee gave to being right, for the Brier score: 1
 * ("guessing") is a coin toss, 0.5, each step adds 0.125, and 5 ("certain") is 1.0. The answer is
 * a choice of two, so no confidence means less than 0.5.
 */
export function confidenceProbability(confidence: number): number {
  return 0.5 + (confidence - 1) * 0.125;
}

export interface DrillScore {
  answered: number;
  /** Per outcome, false accusations first. */
  counts: Record<ItemOutcome, number>;
  /** Right answers over answered items; null when none was answered. */
  accuracy: number | null;
  calibration: {
    /** Mean confidence (1..5) of right and of wrong answers: a calibrated trainee is surer when right. */
    meanConfidenceRight: number | null;
    meanConfidenceWrong: number | null;
    /**
     * Mean of (confidenceProbability - 1 if right else 0)²: 0 is certain and always right, 0.25
     * always guessing, 1 certain and always wrong. Lower is better.
     */
    brier: number | null;
  };
  medianAnswerMs: number | null;
  /** Each answer's outcome, in answer order. */
  outcomes: { itemId: string; outcome: ItemOutcome }[];
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;

/** The score of `answers` against the items' keys; throws on an answer to an item not among them. */
export function scoreDrill(items: readonly { id: string; key: AnswerKey }[], answers: readonly Answer[]): DrillScore {
  const keys = new Map(items.map((item) => [item.id, item.key]));
  const counts: Record<ItemOutcome, number> = { 'false-accusation': 0, 'missed-fake': 0, hit: 0, 'correct-genuine': 0 };
  const outcomes = answers.map((answer) => {
    const key = keys.get(answer.itemId);
    if (!key) throw new Error(`scoreDrill: no key for the item "${answer.itemId}"`);
    const outcome = itemOutcome(key, answer.saidGenuine);
    counts[outcome] += 1;
    return { itemId: answer.itemId, outcome };
  });
  const rightFlags = outcomes.map(({ outcome }) => isRight(outcome));
  const confidences = (right: boolean) =>
    answers.filter((_, index) => rightFlags[index] === right).map((answer) => answer.confidence);
  const squaredErrors = answers.map(
    (answer, index) => (confidenceProbability(answer.confidence) - (rightFlags[index] ? 1 : 0)) ** 2,
  );
  const rightCount = rightFlags.filter(Boolean).length;
  return {
    answered: answers.length,
    counts,
    accuracy: answers.length === 0 ? null : rightCount / answers.length,
    calibration: {
      meanConfidenceRight: mean(confidences(true)),
      meanConfidenceWrong: mean(confidences(false)),
      brier: mean(squaredErrors),
    },
    medianAnswerMs: answers.length === 0 ? null : median(answers.map((answer) => answer.answerMs)),
    outcomes,
  };
}

/** One item over all trainees, for the trainer's table and chart. */
export interface TrainerRow {
  itemId: string;
  key: AnswerKey;
  /** The key in one line (keyText). */
  keyWords: string;
  answered: number;
  right: number;
  falseAccusations: number;
  missedFakes: number;
  /** Wrong answers over answered; null when nobody answered the item. */
  fooledShare: number | null;
  meanConfidence: number | null;
  /** Calibration per item: mean confidence of the right and of the wrong answers. */
  meanConfidenceRight: number | null;
  meanConfidenceWrong: number | null;
  medianAnswerMs: number | null;
}

export interface TrainerTable {
  pack: DrillResults['pack'];
  trainees: { name: string; startedAtMs: number; score: DrillScore }[];
  /** Items that fooled the most trainees first; on a tie, genuine items (false accusations) first. */
  rows: TrainerRow[];
}

export function keyWordsOf(key: AnswerKey): string {
  return key.genuine
    ? keyText(null, 0, 0, '')
    : keyText(MANIPULATION_WORDS[key.manipulation], key.startS, key.endS, key.description);
}

function byFooledFirst(a: TrainerRow, b: TrainerRow): number {
  return (
    (b.fooledShare ?? -1) - (a.fooledShare ?? -1) ||
    Number(b.key.genuine) - Number(a.key.genuine) ||
    b.answered - a.answered ||
    (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0)
  );
}

/** Several trainees' results of one pack as one table per item, or why they cannot be combined. */
export function combineResults(results: readonly DrillResults[]): TrainerTable | { problem: string } {
  const first = results[0];
  if (!first) return { problem: TRAINER_TEXT.noResults };
  const seen = new Set<string>();
  for (const entry of results) {
    if (entry.pack.id !== first.pack.id)
      return { problem: TRAINER_TEXT.mixedPacks(entry.trainee, entry.pack.title, first.pack.title) };
    const drill = `${entry.trainee}\n${entry.startedAtMs}`;
    if (seen.has(drill)) return { problem: TRAINER_TEXT.twice(entry.trainee) };
    seen.add(drill);
  }

  const scored = results.map((entry) => ({ entry, score: scoreDrill(entry.items, entry.answers) }));
  const rows = new Map<string, TrainerRow & { given: { confidence: number; right: boolean; answerMs: number }[] }>();
  for (const { entry, score } of scored) {
    for (const item of entry.items) {
      if (!rows.has(item.id))
        rows.set(item.id, {
          itemId: item.id,
          key: item.key,
          keyWords: keyWordsOf(item.key),
          answered: 0,
          right: 0,
          falseAccusations: 0,
          missedFakes: 0,
          fooledShare: null,
          meanConfidence: null,
          meanConfidenceRight: null,
          meanConfidenceWrong: null,
          medianAnswerMs: null,
          given: [],
        });
    }
    entry.answers.forEach((answer, index) => {
      const row = rows.get(answer.itemId);
      const outcome = score.outcomes[index]?.outcome;
      if (!row || !outcome) return;
      row.answered += 1;
      row.given.push({ confidence: answer.confidence, right: isRight(outcome), answerMs: answer.answerMs });
      if (isRight(outcome)) row.right += 1;
      if (outcome === 'false-accusation') row.falseAccusations += 1;
      if (outcome === 'missed-fake') row.missedFakes += 1;
    });
  }
  return {
    pack: first.pack,
    trainees: scored.map(({ entry, score }) => ({ name: entry.trainee, startedAtMs: entry.startedAtMs, score })),
    rows: [...rows.values()]
      .map(({ given, ...row }) => ({
        ...row,
        fooledShare: row.answered === 0 ? null : (row.answered - row.right) / row.answered,
        meanConfidence: mean(given.map((g) => g.confidence)),
        meanConfidenceRight: mean(given.filter((g) => g.right).map((g) => g.confidence)),
        meanConfidenceWrong: mean(given.filter((g) => !g.right).map((g) => g.confidence)),
        medianAnswerMs: given.length === 0 ? null : median(given.map((g) => g.answerMs)),
      }))
      .sort(byFooledFirst),
  };
}

export const TRAINER_CSV_HEADER = [
  'item',
  'answer_key',
  'false_accusations',
  'missed_fakes',
  'answered',
  'right',
  'fooled_share',
  'mean_confidence',
  'mean_confidence_right',
  'mean_confidence_wrong',
  'median_answer_ms',
] as const;

/** The per-item table as CSV (RFC 4180, formulas defused by csvCell), numbers plain. */
export function trainerCsv(table: TrainerTable): string {
  const rows = table.rows.map((row) => [
    row.itemId,
    row.keyWords,
    row.falseAccusations,
    row.missedFakes,
    row.answered,
    row.right,
    row.fooledShare,
    row.meanConfidence,
    row.meanConfidenceRight,
    row.meanConfidenceWrong,
    row.medianAnswerMs,
  ]);
  return [TRAINER_CSV_HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const percent = (share: number | null) => (share === null ? '-' : `${Math.round(share * 100)} %`);
const oneDecimal = (value: number | null) => (value === null ? '-' : String(Math.round(value * 10) / 10));

/** The trainer view as Markdown: totals (false accusations first), each trainee, then each item. */
export function trainerMarkdown(table: TrainerTable): string {
  const total = (outcome: ItemOutcome) =>
    table.trainees.reduce((sum, trainee) => sum + trainee.score.counts[outcome], 0);
  const lines = [
    `## Liveproof drill: ${mdText(table.pack.title)}`,
    '',
    `- Pack id: ${table.pack.id}`,
    `- Trainees: ${table.trainees.length}`,
    ...ITEM_OUTCOMES.map((outcome) => `- ${OUTCOME_TITLES[outcome]}: ${total(outcome)}`),
    '',
    '### Trainees',
    '',
    '| trainee | false accusations | missed fakes | answered | right | median answer time | Brier score |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...table.trainees.map(({ name, score }) => {
      const right = score.counts.hit + score.counts['correct-genuine'];
      const answerS = score.medianAnswerMs === null ? '-' : `${oneDecimal(score.medianAnswerMs / 1000)} s`;
      const brier = score.calibration.brier === null ? '-' : score.calibration.brier.toFixed(3);
      return (
        `| ${mdText(name)} | ${score.counts['false-accusation']} | ${score.counts['missed-fake']} ` +
        `| ${score.answered} | ${right} (${percent(score.accuracy)}) | ${answerS} | ${brier} |`
      );
    }),
    '',
    '### Items, those that fooled the most trainees first',
    '',
    '| item | answer key | false accusations | missed fakes | answered | right | fooled | confidence right / wrong ' +
      '| median answer time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...table.rows.map(
      (row) =>
        `| ${mdText(row.itemId)} | ${mdText(row.keyWords)} | ${row.falseAccusations} | ${row.missedFakes} ` +
        `| ${row.answered} | ${row.right} | ${percent(row.fooledShare)} ` +
        `| ${oneDecimal(row.meanConfidenceRight)} / ${oneDecimal(row.meanConfidenceWrong)} ` +
        `| ${row.medianAnswerMs === null ? '-' : `${oneDecimal(row.medianAnswerMs / 1000)} s`} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
