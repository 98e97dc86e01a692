/** The forms a session is exported in, one list for every page that offers them (pure). */
import { sessionToCsv } from './export-csv';
import { sessionToJson, type SessionExportOptions } from './export-json';
import { sessionToMarkdown } from './export-markdown';
import type { Session } from './session';

export const SESSION_EXPORTS = [
  { format: 'md', label: 'Markdown', mimeType: 'text/markdown', write: sessionToMarkdown },
  { format: 'json', label: 'JSON', mimeType: 'application/json', write: sessionToJson },
  { format: 'csv', label: 'CSV timeline', mimeType: 'text/csv', write: sessionToCsv },
] as const satisfies readonly {
  format: string;
  label: string;
  mimeType: string;
  write: (session: Session, options: SessionExportOptions) => string;
}[];

export type SessionExportFormat = (typeof SESSION_EXPORTS)[number]['format'];
