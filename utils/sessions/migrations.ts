/**
 * Reads a stored or exported session of any version this Liveproof has written, migrating it to
 * the current one (pure). Each version keeps its own frozen schema here, so old files stay
 * readable after the current schema moves on.
 */
import { z } from 'zod';
import { isNewerVersion } from '@/utils/common/schema-version';
import { ChecklistRunSchema } from '@/utils/checklist/run';
import { FindingSchema } from '@/utils/findings/finding';
import { LIP_SYNC_VERDICTS } from '@/utils/findings/lip-sync-estimate';
import { plainProblem } from '@/utils/common/zod-problem';
import { newIdentity, SESSION_SCHEMA_VERSION, SessionSchema, type Session } from './session';

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

const shortV2 = (max: number) => z.string().trim().max(max);
const StampedV2 = z.object({ atS: z.number().min(0), text: z.string().max(5000) });

/** Version 2: sessions in IndexedDB, with candidate, interviewer, editable notes and signal points. */
export const SessionV2Schema = z.object({
  kind: z.literal('liveproof-session'),
  schemaVersion: z.literal(2),
  id: z.string().min(1).max(64),
  candidate: z.object({ name: shortV2(120), role: shortV2(120) }),
  interviewer: shortV2(120),
  platform: shortV2(60).nullable(),
  tabId: z.number().int().nullable(),
  startedAtMs: z.number(),
  endedAtMs: z.number().nullable(),
  updatedAtMs: z.number(),
  findings: z.array(FindingSchema),
  notes: z.array(
    z.object({
      id: z.string().min(1).max(64),
      atS: z.number().min(0),
      text: z.string().max(5000),
      editedAtMs: z.number().nullable(),
    }),
  ),
  events: z.array(StampedV2),
  checklist: ChecklistRunSchema.nullable(),
  signals: z.array(
    z.object({
      atS: z.number().min(0),
      faceShare: z.number().min(0).max(1),
      lipSync: z.enum(LIP_SYNC_VERDICTS).nullable(),
      offsetMs: z.number().nullable(),
      confidence: z.number().min(0).max(1).nullable(),
    }),
  ),
});
export type SessionV2 = z.infer<typeof SessionV2Schema>;

/**
 * v1 -> v2: the session gets an id, candidate and interviewer fields (empty), note ids, signal
 * points (none kept in v1).
 */
export function migrateV1ToV2(old: SessionV1): SessionV2 {
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

/** v2 -> v3: face identity, on as for a new session, with no consent, profile or earlier round recorded. */
export function migrateV2ToV3(old: SessionV2): Session {
  return { ...old, schemaVersion: 3, identity: newIdentity() };
}

/**
 * Sessions stored in IndexedDB (which keeps NaN, unlike JSON) by a Liveproof whose lip-sync
 * mismatch findings wrote "no offset" as NaN: those evidence values become null, "not measured",
 * so the session stays readable. Nothing else is touched.
 */
function withMeasuredEvidence(value: object): object {
  const findings = (value as { findings?: unknown }).findings;
  if (!Array.isArray(findings)) return value;
  const repaired = findings.map((finding: unknown) => {
    const evidence = (finding as { evidence?: unknown } | null)?.evidence;
    if (typeof evidence !== 'object' || evidence === null) return finding;
    const entries = Object.entries(evidence).map(([key, measured]) => [
      key,
      typeof measured === 'number' && !Number.isFinite(measured) ? null : measured,
    ]);
    return { ...(finding as object), evidence: Object.fromEntries(entries) };
  });
  return { ...value, findings: repaired };
}

/** A session of any known version, migrated to the current one, or what is wrong with it in plain words. */
export function parseSession(stored: unknown): { session: Session } | { problem: string } {
  if (typeof stored !== 'object' || stored === null)
    return { problem: 'This is not a Liveproof session (not an object).' };
  const value = withMeasuredEvidence(stored);
  const { kind, schemaVersion: version } = value as { kind?: unknown; schemaVersion?: unknown };
  // Version 1 had no kind, so only a kind of another file (a drill pack, a template) is refused.
  if (kind !== undefined && kind !== 'liveproof-session')
    return { problem: 'This is not a Liveproof session (kind is not "liveproof-session").' };
  if (version === 1) {
    const old = SessionV1Schema.safeParse(value);
    if (!old.success) return { problem: `This Liveproof session (version 1) is damaged${plainProblem(old.error)}.` };
    return { session: migrateV2ToV3(migrateV1ToV2(old.data)) };
  }
  if (version === 2) {
    const old = SessionV2Schema.safeParse(value);
    if (!old.success) return { problem: `This Liveproof session (version 2) is damaged${plainProblem(old.error)}.` };
    return { session: migrateV2ToV3(old.data) };
  }
  if (version === SESSION_SCHEMA_VERSION) {
    const current = SessionSchema.safeParse(value);
    return current.success
      ? { session: current.data }
      : { problem: `This Liveproof session is damaged${plainProblem(current.error)}.` };
  }
  if (isNewerVersion(version, SESSION_SCHEMA_VERSION)) {
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
