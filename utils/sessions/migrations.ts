/**
 * Reads a stored or exported session of any version this Liveproof has written, migrating it to
 * the current one (pure). Each version keeps its own frozen schema here, so old files stay
 * readable after the current schema moves on.
 */
import { z } from 'zod';
import { ChecklistRunSchema } from '@/utils/checklist/run';
import { FindingSchema } from '@/utils/findings/finding';
import { firstProblem } from '@/utils/common/zod-problem';
import { SESSION_SCHEMA_VERSION, SessionSchema, type Session } from './session';

const StampedV1 = z.object({ atS: z.number(), text: z.string() });

/** Version 1: the live session of one call tab, kept in chrome.storage.local (issues 4 to 6). */
export const SessionV1Schema = z.object({
  schemaVersion: z.literal(1),
  tabId: z.number().int(),
  startedAtMs: z.number(),
  updatedAtMs: z.number(),
  findings: z.array(FindingSchema),
  notes: z.array(StampedV1),
  events: z.array(StampedV1),
  checklist: ChecklistRunSchema.nullable().default(null),
});
export type SessionV1 = z.infer<typeof SessionV1Schema>;

/**
 * v1 -> v2: the session gets an id, candidate and interviewer fields (empty), note ids, signal
 * points (none kept in v1).
 */
export function migrateV1ToV2(old: SessionV1): Session {
  return {
    kind: 'liveproof-session',
    schemaVersion: 2,
    id: `tab-${old.tabId}-${old.startedAtMs}`,
    candidate: { name: '', role: '' },
    interviewer: '',
    platform: null,
    tabId: old.tabId,
    startedAtMs: old.startedAtMs,
    endedAtMs: null,
    updatedAtMs: old.updatedAtMs,
    findings: old.findings,
    notes: old.notes.map((note, index) => ({
      id: `note-${index + 1}`,
      atS: Math.max(0, note.atS),
      text: note.text,
      editedAtMs: null,
    })),
    events: old.events.map((event) => ({ atS: Math.max(0, event.atS), text: event.text })),
    checklist: old.checklist,
    signals: [],
  };
}

/** A session of any known version, migrated to the current one, or what is wrong with it in plain words. */
export function parseSession(value: unknown): { session: Session } | { problem: string } {
  if (typeof value !== 'object' || value === null)
    return { problem: 'This is not a Liveproof session (not an object).' };
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version === 1) {
    const old = SessionV1Schema.safeParse(value);
    if (!old.success) return { problem: `This Liveproof session (version 1) is damaged${firstProblem(old.error)}.` };
    return { session: migrateV1ToV2(old.data) };
  }
  if (version === SESSION_SCHEMA_VERSION) {
    const current = SessionSchema.safeParse(value);
    return current.success
      ? { session: current.data }
      : { problem: `This Liveproof session is damaged${firstProblem(current.error)}.` };
  }
  if (typeof version === 'number' && version > SESSION_SCHEMA_VERSION) {
    return {
      problem: `This session was saved by a newer Liveproof (schema version ${version}); update Liveproof to open it.`,
    };
  }
  return { problem: 'This is not a Liveproof session (no known schemaVersion).' };
}

/** A session from JSON text (an export), or a plain-words problem. */
export function parseSessionJson(text: string): { session: Session } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'This file is not JSON; export a session from Liveproof and import that file.' };
  }
  return parseSession(value);
}
