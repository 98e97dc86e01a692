import { useState, type ReactNode } from 'react';
import { SESSION_EXPORTS, type SessionExportFormat } from '@/utils/sessions/export-formats';
import { exportFileName, type SessionExportOptions } from '@/utils/sessions/export-json';
import type { Session } from '@/utils/sessions/session';
import { IDENTITY_PAGE } from '@/utils/wording/identity';
import { downloadText } from './download';

/** Saves the session as a file in one of the export formats (nothing is uploaded). */
export function downloadSession(
  session: Session,
  format: SessionExportFormat,
  options: SessionExportOptions = {},
): void {
  const entry = SESSION_EXPORTS.find((candidate) => candidate.format === format);
  if (entry) downloadText(exportFileName(session, format), entry.write(session, options), entry.mimeType);
}

/**
 * One button per export format (`npm run analyze -- --format` presses these by test id), and any
 * extra actions. A session with a face descriptor offers to put it in the JSON, off by default.
 */
export function SessionExportButtons({ session, children }: { session: Session; children?: ReactNode }) {
  const [includeDescriptors, setIncludeDescriptors] = useState(false);
  const hasDescriptor = Boolean(session.identity.profile?.descriptor);
  return (
    <>
      <div className="row" data-testid="exports">
        {SESSION_EXPORTS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="secondary"
            data-testid={`session-export-${format}`}
            onClick={() => downloadSession(session, format, { includeDescriptors })}
          >
            {label}
          </button>
        ))}
        {children}
      </div>
      {hasDescriptor && (
        <label className="row small" htmlFor="include-descriptors">
          <input
            id="include-descriptors"
            type="checkbox"
            data-testid="include-descriptors"
            checked={includeDescriptors}
            onChange={(event) => setIncludeDescriptors(event.target.checked)}
          />
          <span>
            {IDENTITY_PAGE.includeDescriptors} <span className="muted">({IDENTITY_PAGE.includeDescriptorsWhy})</span>
          </span>
        </label>
      )}
    </>
  );
}
