/** One shape for everything an analyzer reports to the interviewer, and its schema as stored and exported. */
import { z } from 'zod';

export const SEVERITIES = ['info', 'warn', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Order of severities, for keeping the stronger of two findings. */
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warn: 1, high: 2 };

export const FINDING_KINDS = [
  'av-offset',
  'av-mismatch',
  'voice-without-mouth',
  'mouth-without-voice',
  'no-face',
  'multiple-faces',
  'person-change',
  'freeze',
  'landmark-jitter',
  'boundary-artifact',
  'blink-anomaly',
  'pulse-absent',
  'look-alike-face',
  'round-comparison',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * A finding's time, seconds with millisecond precision: every analyzer times its findings the
 * same way, live or on a recording.
 */
export const findingTimeS = (ms: number): number => Math.round(ms) / 1000;

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** Start and end of the evidence on the media or call clock, seconds. */
  startS: number;
  endS: number;
  /** Plain words for the interviewer: what was measured and what to ask or do next. */
  message: string;
  /** The numbers behind the message, with units in the key names; null where not measurable. */
  evidence: Record<string, number | string | null>;
}

/** A finding as stored in sessions and exported in reports; typed so it cannot drift from Finding. */
export const FindingSchema: z.ZodType<Finding> = z.object({
  kind: z.enum(FINDING_KINDS),
  severity: z.enum(SEVERITIES),
  startS: z.number(),
  endS: z.number(),
  message: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});
