/**
 * A session: one interview analysed with Liveproof, kept on this device and exported for the
 * hiring panel (pure; storage is session-db.ts, older stored versions are read by migrations.ts).
 * Times in the session are seconds since it started ("call time"); wall-clock times are ms since
 * the epoch.
 */
import { z } from 'zod';
import { ChecklistRunSchema, type ChecklistRun } from '@/utils/checklist/run';
import type { Finding } from '@/utils/findings/finding';
import { FindingSchema } from '@/utils/findings/finding';
import { LIP_SYNC_VERDICTS } from '@/utils/findings/lip-sync-estimate';
import { utcMinute } from '@/utils/common/format-time';
import { DESCRIPTOR_LENGTH } from '@/utils/features/descriptor';

export const SESSION_SCHEMA_VERSION = 3;

const StampedTextSchema = z.object({ atS: z.number().min(0), text: z.string().max(5000) });

export const NoteSchema = z.object({
  id: z.string().min(1).max(64),
  atS: z.number().min(0),
  text: z.string().max(5000),
  /** When the note was last edited after the call, ms since the epoch; null if never. */
  editedAtMs: z.number().nullable(),
});

/** What the signals were like over one stretch of the call (a point every SESSION_SIGNAL_STEP_S). */
export const SignalPointSchema = z.object({
  atS: z.number().min(0),
  /** Share of the frames analysed in the step that found the candidate's face, 0..1 (see signal-points.ts). */
  faceShare: z.number().min(0).max(1),
  lipSync: z.enum(LIP_SYNC_VERDICTS).nullable(),
  /** Lip-sync offset, ms (positive: the sound comes late); null when there was no verdict with one. */
  offsetMs: z.number().nullable(),
  confidence: z.number().min(0).max(1).nullable(),
});

/** Seconds between two signal points of a session. */
export const SESSION_SIGNAL_STEP_S = 5;

const short = (max: number) => z.string().trim().max(max);

/** The candidate's face as numbers (an IdentityProfile kept with 6 decimals), never a picture. */
export const StoredProfileSchema = z.object({
  /** The mean descriptor; null where an export left it out (sessionToJson without includeDescriptors). */
  descriptor: z.array(z.number()).length(DESCRIPTOR_LENGTH).nullable(),
  /** Faces (descriptors) the profile was made of. */
  count: z.number().int().min(1),
  /** Median distance of those descriptors to the mean: how steady the face read. */
  spread: z.number().min(0),
});

/** Face identity for this session: the interviewer's switch, the candidate's consent, the profile (identity.ts). */
export const SessionIdentitySchema = z.object({
  /** Off: no profile is kept and no round is compared; switching off deletes them. */
  enabled: z.boolean(),
  /** When the interviewer recorded the candidate's consent, ms since the epoch; null: not recorded. */
  consentAtMs: z.number().nullable(),
  profile: StoredProfileSchema.nullable(),
  /** The session of the earlier interview round this one follows; null when it is not linked. */
  previousRoundId: z.string().min(1).max(64).nullable(),
});

export const SessionSchema = z.object({
  kind: z.literal('liveproof-session'),
  schemaVersion: z.literal(SESSION_SCHEMA_VERSION),
  id: z.string().min(1).max(64),
  candidate: z.object({ name: short(120), role: short(120) }),
  interviewer: short(120),
  /** The call app, when the tab was a known call site ("Google Meet"...); null otherwise. */
  platform: short(60).nullable(),
  /** The browser tab the session was captured in (null: imported or from a recording). */
  tabId: z.number().int().nullable(),
  startedAtMs: z.number(),
  /** When the interviewer ended the session; null while it is open. */
  endedAtMs: z.number().nullable(),
  updatedAtMs: z.number(),
  /** Findings of capture runs that have ended; a running capture's are added on top. */
  findings: z.array(FindingSchema),
  notes: z.array(NoteSchema),
  /** Capture started, paused, ended, checklist steps... in plain words. */
  events: z.array(StampedTextSchema),
  checklist: ChecklistRunSchema.nullable(),
  signals: z.array(SignalPointSchema),
  identity: SessionIdentitySchema,
});

export type Session = z.infer<typeof SessionSchema>;
export type Note = z.infer<typeof NoteSchema>;
export type SignalPoint = z.infer<typeof SignalPointSchema>;
export type StampedText = z.infer<typeof StampedTextSchema>;
export type SessionIdentity = z.infer<typeof SessionIdentitySchema>;
export type StoredProfile = z.infer<typeof StoredProfileSchema>;

/** A new session's identity: on, no consent recorded yet, no profile, not linked to an earlier round. */
export function newIdentity(): SessionIdentity {
  return { enabled: true, consentAtMs: null, profile: null, previousRoundId: null };
}

/** A new, open session; `id` must be unique on this device (the panel passes a random UUID). */
export function newSession(id: string, tabId: number | null, nowMs: number, platform: string | null = null): Session {
  return {
    kind: 'liveproof-session',
    schemaVersion: SESSION_SCHEMA_VERSION,
    id,
    candidate: { name: '', role: '' },
    interviewer: '',
    platform,
    tabId,
    startedAtMs: nowMs,
    endedAtMs: null,
    updatedAtMs: nowMs,
    findings: [],
    notes: [],
    events: [],
    checklist: null,
    signals: [],
    identity: newIdentity(),
  };
}

/** Seconds since the session started at wall-clock time `nowMs`. */
export function sessionTimeS(session: Pick<Session, 'startedAtMs'>, nowMs: number): number {
  return Math.max(0, (nowMs - session.startedAtMs) / 1000);
}

/** A run's findings (seconds since the run started) moved onto the session's clock. */
export function shiftFindings(findings: readonly Finding[], runOffsetS: number): Finding[] {
  return findings.map((finding) => ({
    ...finding,
    startS: finding.startS + runOffsetS,
    endS: finding.endS + runOffsetS,
  }));
}

/** Adds a note stamped at `atS` (the moment the interviewer started it), unless it is empty. */
export function withNote(session: Session, id: string, text: string, atS: number, nowMs: number): Session {
  const trimmed = text.trim();
  if (!trimmed) return session;
  const note = { id, atS, text: trimmed.slice(0, 5000), editedAtMs: null };
  return { ...session, updatedAtMs: nowMs, notes: [...session.notes, note].sort((a, b) => a.atS - b.atS) };
}

/** Changes a note's text after the fact; an emptied note is removed. */
export function withNoteEdited(session: Session, id: string, text: string, nowMs: number): Session {
  const trimmed = text.trim();
  const notes = trimmed
    ? session.notes.map((note) =>
        note.id === id ? { ...note, text: trimmed.slice(0, 5000), editedAtMs: nowMs } : note,
      )
    : session.notes.filter((note) => note.id !== id);
  return { ...session, updatedAtMs: nowMs, notes };
}

export function withEvent(session: Session, text: string, nowMs: number): Session {
  return { ...session, updatedAtMs: nowMs, events: [...session.events, { atS: sessionTimeS(session, nowMs), text }] };
}

export function withChecklist(session: Session, checklist: ChecklistRun | null, nowMs: number): Session {
  return { ...session, updatedAtMs: nowMs, checklist };
}

export function withSignalPoint(session: Session, point: SignalPoint, nowMs: number): Session {
  return { ...session, updatedAtMs: nowMs, signals: [...session.signals, point] };
}

/** Who is interviewed for what, and by whom. */
export function withDetails(
  session: Session,
  details: { name?: string; role?: string; interviewer?: string },
  nowMs: number,
): Session {
  return {
    ...session,
    updatedAtMs: nowMs,
    candidate: {
      name: (details.name ?? session.candidate.name).slice(0, 120),
      role: (details.role ?? session.candidate.role).slice(0, 120),
    },
    interviewer: (details.interviewer ?? session.interviewer).slice(0, 120),
  };
}

/** Ends a capture run: its findings (already on the session clock) become part of the session. */
export function withRunFindings(session: Session, runFindings: readonly Finding[], nowMs: number): Session {
  return runFindings.length === 0
    ? session
    : { ...session, updatedAtMs: nowMs, findings: [...session.findings, ...runFindings] };
}

export function withEnded(session: Session, nowMs: number): Session {
  return { ...session, updatedAtMs: nowMs, endedAtMs: nowMs };
}

/**
 * A session left open (not ended) and untouched this long is not resumed by its tab: tab
 * ids are reused after a browser restart, and the next call in that tab is someone else's.
 */
export const SESSION_RESUME_MS = 6 * 3600_000;

/** Still going on in a call panel: not ended, and changed within SESSION_RESUME_MS. */
export function isOpen(session: Pick<Session, 'endedAtMs' | 'updatedAtMs'>, nowMs: number): boolean {
  return session.endedAtMs === null && nowMs - session.updatedAtMs < SESSION_RESUME_MS;
}

/** The session's name in lists and file names: the candidate, else its start time. */
export function sessionTitle(session: Pick<Session, 'candidate' | 'startedAtMs'>): string {
  const who = [session.candidate.name, session.candidate.role].filter(Boolean).join(', ');
  return who || `Interview of ${utcMinute(session.startedAtMs)} UTC`;
}
