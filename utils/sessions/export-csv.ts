/**
 * A session's timeline as CSV (RFC 4180), one row per entry (pure). Cells that a spreadsheet
 * would run as a formula (starting with = + - @ or a tab) get a leading apostrophe, so a hostile
 * note cannot execute when the file is opened.
 */
import { identityStateOf } from './identity';
import type { Session } from './session';
import { timelineOf } from './timeline';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed, formulas defused. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toFixed(3))) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const CSV_HEADER = ['session_id', 'call_time_s', 'end_s', 'kind', 'level', 'title', 'detail'] as const;

/** The timeline, after one row saying whether face identity was on for the session. */
export function sessionToCsv(session: Session): string {
  const identity = [
    session.id,
    0,
    null,
    'identity',
    session.identity.enabled ? 'on' : 'off',
    'Face identity',
    identityStateOf(session),
  ];
  const rows = timelineOf(session).map((entry) => [
    session.id,
    entry.atS,
    entry.endS,
    entry.kind,
    entry.level,
    entry.title,
    entry.detail,
  ]);
  return [CSV_HEADER, identity, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
