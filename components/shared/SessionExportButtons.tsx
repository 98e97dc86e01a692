import type { ReactNode } from 'react';
import { SESSION_EXPORTS, type SessionExportFormat } from '@/utils/sessions/export-formats';
import { exportFileName } from '@/utils/sessions/export-json';
import type { Session } from '@/utils/sessions/session';
import { downloadText } from './download';

/** Saves the session as a file in one of the export formats (nothing is uploaded). */
export function downloadSession(session: Session, format: SessionExportFormat): void {
  const entry = SESSION_EXPORTS.find((candidate) => candidate.format === format);
  if (entry) downloadText(exportFileName(session, format), entry.write(session), entry.mimeType);
}

/** One button per export format (`npm run analyze -- --format` presses these by test id), and any extra actions. */
export function SessionExportButtons({ session, children }: { session: Session; children?: ReactNode }) {
  return (
    <div className="row" data-testid="exports">
      {SESSION_EXPORTS.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          className="secondary"
          data-testid={`session-export-${format}`}
          onClick={() => downloadSession(session, format)}
        >
          {label}
        </button>
      ))}
      {children}
    </div>
  );
}
