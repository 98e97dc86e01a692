/** A session as JSON in the current versioned schema (pure); migrations.ts reads it back. */
import { utcDay } from '@/utils/common/format-time';
import { SessionSchema, type Session } from './session';

export function sessionToJson(session: Session): string {
  return JSON.stringify(SessionSchema.parse(session), null, 2);
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
