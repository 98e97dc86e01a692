import { z } from 'zod';
import { FINDING_KINDS, SEVERITIES } from '@/utils/findings';

/** Severity and kinds of findings, as stored and exported. */
export const FindingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  severity: z.enum(SEVERITIES),
  startS: z.number(),
  endS: z.number(),
  message: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});

/**
 * The result of analysing one recording, as the page exports it and `npm run analyze --json`
 * prints it. Numbers that could not be measured are null, never NaN.
 */
export const AnalysisReportSchema = z.object({
  schemaVersion: z.literal(1),
  file: z.string(),
  durationS: z.number(),
  frames: z.object({ analyzed: z.number().int(), withFace: z.number().int() }),
  lipSync: z.object({
    verdict: z.enum(['in-sync', 'offset', 'mismatch', 'insufficient']),
    offsetMs: z.number().nullable(),
    confidence: z.number().min(0).max(1),
    /** Speech heard before the first verdict other than insufficient, s. */
    verdictAfterSpeechS: z.number().nullable(),
  }),
  findings: z.array(FindingSchema),
  performance: z.object({
    msPerFrameMedian: z.number(),
    msPerFrameP95: z.number(),
    realtimeFactor: z.number(),
  }),
});

export type AnalysisReport = z.infer<typeof AnalysisReportSchema>;
