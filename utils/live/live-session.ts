/**
 * The live session of one call tab: what must survive closing or reloading the panel (findings,
 * notes, capture events, the checklist), kept apart from the pipeline, which restarts with each capture run
 * (pure; the storage edge is session-keeper.ts). Times are seconds since the session started.
 */
import { z } from 'zod';
import { ChecklistRunSchema, type ChecklistRun } from '@/utils/checklist/run';
import { FindingSchema } from '@/utils/report/analysis-report';
import type { Finding } from '@/utils/findings';

const StampedTextSchema = z.object({ atS: z.number(), text: z.string() });

export const LiveSessionSchema = z.object({
  schemaVersion: z.literal(1),
  tabId: z.number().int(),
  /** Wall-clock start, ms since the epoch. */
  startedAtMs: z.number(),
  updatedAtMs: z.number(),
  /** Findings of capture runs that have ended; the running one's are added on top. */
  findings: z.array(FindingSchema),
  notes: z.array(StampedTextSchema),
  /** Capture started, paused, ended... in plain words. */
  events: z.array(StampedTextSchema),
  /** The verification checklist of this interview (sessions saved before it existed have none). */
  checklist: ChecklistRunSchema.nullable().default(null),
});

export type LiveSession = z.infer<typeof LiveSessionSchema>;
export type StampedText = z.infer<typeof StampedTextSchema>;

export function newLiveSession(tabId: number, nowMs: number): LiveSession {
  return { schemaVersion: 1, tabId, startedAtMs: nowMs, updatedAtMs: nowMs, findings: [], notes: [], events: [], checklist: null };
}

/** Seconds since the session started at wall-clock time `nowMs`. */
export function sessionTimeS(session: LiveSession, nowMs: number): number {
  return Math.max(0, (nowMs - session.startedAtMs) / 1000);
}

/** A run's findings (seconds since the run started) moved onto the session's clock. */
export function shiftFindings(findings: readonly Finding[], runOffsetS: number): Finding[] {
  return findings.map((finding) => ({ ...finding, startS: finding.startS + runOffsetS, endS: finding.endS + runOffsetS }));
}

export function withNote(session: LiveSession, text: string, nowMs: number): LiveSession {
  const trimmed = text.trim();
  if (!trimmed) return session;
  return { ...session, updatedAtMs: nowMs, notes: [...session.notes, { atS: sessionTimeS(session, nowMs), text: trimmed }] };
}

export function withEvent(session: LiveSession, text: string, nowMs: number): LiveSession {
  return { ...session, updatedAtMs: nowMs, events: [...session.events, { atS: sessionTimeS(session, nowMs), text }] };
}

export function withChecklist(session: LiveSession, checklist: ChecklistRun | null, nowMs: number): LiveSession {
  return { ...session, updatedAtMs: nowMs, checklist };
}

/** Ends a capture run: its findings (already on the session clock) become part of the session. */
export function withRunFindings(session: LiveSession, runFindings: readonly Finding[], nowMs: number): LiveSession {
  return runFindings.length === 0 ? session : { ...session, updatedAtMs: nowMs, findings: [...session.findings, ...runFindings] };
}

/** A stored session, or null with the reason when it is missing or unreadable. */
export function parseLiveSession(value: unknown): { session: LiveSession | null; problem: string | null } {
  if (value === undefined || value === null) return { session: null, problem: null };
  const parsed = LiveSessionSchema.safeParse(value);
  return parsed.success
    ? { session: parsed.data as LiveSession, problem: null }
    : { session: null, problem: `The saved session for this tab could not be read (${parsed.error.issues[0]?.message ?? 'invalid'}); a new one was started.` };
}
