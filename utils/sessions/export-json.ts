/** A session as JSON in the current versioned schema (pure); migrations.ts reads it back. */
import { utcDay } from '@/utils/common/format-time';
import { SessionSchema, type Session } from './session';

export interface SessionExportOptions {
  /**
   * Keep the candidate's face descriptor (128 numbers) in the file, to compare rounds on another
   * device; without it the profile keeps only how many faces it was made of and their spread.
   */
  includeDescriptors?: boolean;
}

export function sessionToJson(session: Session, { includeDescriptors = false }: SessionExportOptions = {}): string {
  const { profile } = session.identity;
  const exported =
    profile && !includeDescriptors
      ? { ...session, identity: { ...session.identity, profile: { ...profile, descriptor: null } } }
      : session;
  return JSON.stringify(SessionSchema.parse(exported), null, 2);
}

/** A file name for a session's export: the candidate (or start time) and the format's extension. */
export function exportFileName(
  session: Pick<Session, 'candidate' | 'startedAtMs'>,
  extension: 'json' | 'md' | 'csv' | 'html',
): string {
  const date = utcDay(session.startedAtMs);
  const who = [session.candidate.name, session.candidate.role]
    .filter(Boolean)
    .join(' ')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `liveproof-${date}${who ? `-${who.slice(0, 60)}` : ''}.${extension}`;
}
