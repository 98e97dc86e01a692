import { useState } from 'react';
import { itemStatus } from '@/utils/checklist/run';
import { formatClock } from '@/utils/common/format-time';
import {
  SESSION_SIGNAL_STEP_S,
  isOpen,
  sessionTitle,
  withDetails,
  withNoteEdited,
  type Session,
} from '@/utils/sessions/session';
import type { SessionDb } from '@/utils/storage/session-db';
import { summaryOf, timelineOf } from '@/utils/sessions/timeline';
import { lipSyncCountsText } from '@/utils/wording/lip-sync';
import { STATUS_LABEL, STATUS_PILL } from '../shared/checklist-labels';
import { SessionExportButtons } from '../shared/SessionExportButtons';
import { NoteItem } from '../shared/SessionNotes';
import { useStoredSession } from '../../utils/hooks/use-stored-session';
import { SessionIdentity } from './SessionIdentity';

const percent = (share: number | null) => (share === null ? 'not measured' : `${Math.round(share * 100)} %`);

export function SummaryFacts({ session }: { session: Session }) {
  const summary = summaryOf(session);
  const { verdicts, medianOffsetMs } = summary.lipSync;
  return (
    <dl className="facts" data-testid="session-summary">
      <dt>Call time</dt>
      <dd>{formatClock(summary.durationS)}</dd>
      <dt>Face found</dt>
      <dd>{percent(summary.faceFoundShare)} of the analysed time</dd>
      <dt>Lip sync</dt>
      <dd>
        {lipSyncCountsText(verdicts)} (points every {SESSION_SIGNAL_STEP_S} s)
        {medianOffsetMs !== null && `; median offset ${medianOffsetMs} ms`}
      </dd>
      <dt>Findings</dt>
      <dd>
        {summary.findingsByKind.length === 0
          ? 'none'
          : summary.findingsByKind.map((entry) => `${entry.title} ×${entry.count}`).join('; ')}
      </dd>
      <dt>Checklist</dt>
      <dd>
        {summary.checklist
          ? `${summary.checklist.done} of ${summary.checklist.total} done: ${summary.checklist.passed} passed, ` +
            `${summary.checklist.concern} concern, ${summary.checklist.notVerified} not verified, ` +
            `${summary.checklist.skipped} skipped`
          : 'not used'}
      </dd>
    </dl>
  );
}

export function ChecklistTable({ session }: { session: Session }) {
  if (!session.checklist) return null;
  return (
    <table className="checklist-table small" data-testid="checklist-table">
      <thead>
        <tr>
          <th>Prompt</th>
          <th>Asked</th>
          <th>Outcome</th>
          <th>Signals and note</th>
        </tr>
      </thead>
      <tbody>
        {session.checklist.items.map((item) => {
          const status = itemStatus(item);
          return (
            <tr key={item.prompt.id}>
              <td>{item.words}</td>
              <td>{item.askedAtS === null ? '–' : formatClock(item.askedAtS)}</td>
              <td>
                <span className={`pill ${STATUS_PILL[status]}`}>{STATUS_LABEL[status]}</span>
                {item.mark && <div className="muted">marked by the interviewer</div>}
              </td>
              <td>
                {item.auto?.summary}
                {item.note && <div>Note: {item.note}</div>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Timeline({ session }: { session: Session }) {
  const entries = timelineOf(session);
  if (entries.length === 0) return <p className="muted">Nothing recorded.</p>;
  return (
    <ol className="timeline small" data-testid="timeline">
      {entries.map((entry, index) => (
        <li key={`${entry.kind}-${entry.atS}-${index}`} className={`timeline-${entry.kind}`} data-kind={entry.kind}>
          <span className="muted time">
            {formatClock(entry.atS)}
            {entry.endS !== null && entry.endS > entry.atS && `–${formatClock(entry.endS)}`}
          </span>{' '}
          <strong>{entry.title}</strong> {entry.detail}
        </li>
      ))}
    </ol>
  );
}

/** One stored session: who and when, summary, exports, checklist, timeline, and notes to edit. */
export function SessionView({
  db,
  id,
  onSave,
  onRemove,
}: {
  db: SessionDb;
  id: string;
  onSave: (session: Session) => Promise<boolean>;
  onRemove: (id: string) => Promise<boolean>;
}) {
  const [stored, setSession] = useStoredSession(db, id);
  const [openedAtMs] = useState(() => Date.now());
  if (stored.state === 'loading') return <p className="muted">Reading the session…</p>;
  if (stored.state === 'missing') {
    return (
      <p className="alert bad" role="alert">
        This session is not on this device (it may have been deleted). <a href="?">All sessions</a>
      </p>
    );
  }
  if (stored.state === 'failed') {
    return (
      <p className="alert bad" role="alert">
        {stored.message} <a href="?">All sessions</a>
      </p>
    );
  }
  const { session } = stored;
  const open = isOpen(session, openedAtMs);
  const change = (next: Session) => {
    setSession(next);
    void onSave(next);
  };
  const details = (edit: { name?: string; role?: string; interviewer?: string }) =>
    change(withDetails(session, edit, Date.now()));
  const remove = () => {
    if (window.confirm(`Delete "${sessionTitle(session)}" with its notes and checklist? This cannot be undone.`)) {
      void onRemove(session.id).then((done) => {
        if (done) window.location.search = '';
      });
    }
  };
  return (
    <>
      <a href="?">← All sessions</a>
      <section className="card" aria-labelledby="session-title" data-testid="session-view">
        <h2 id="session-title" className="title">
          {sessionTitle(session)}
        </h2>
        {open && (
          <p className="alert small">
            This session is still open in a call's side panel; edit it there, or end it there to edit it here.
          </p>
        )}
        <div className="details-grid">
          <input
            type="text"
            value={session.candidate.name}
            disabled={open}
            onChange={(event) => details({ name: event.target.value })}
            placeholder="Candidate"
            aria-label="Candidate name"
            maxLength={120}
          />
          <input
            type="text"
            value={session.candidate.role}
            disabled={open}
            onChange={(event) => details({ role: event.target.value })}
            placeholder="Role"
            aria-label="Role"
            maxLength={120}
          />
          <input
            type="text"
            value={session.interviewer}
            disabled={open}
            onChange={(event) => details({ interviewer: event.target.value })}
            placeholder="Interviewer"
            aria-label="Interviewer"
            maxLength={120}
          />
        </div>
        <p className="small muted">
          {new Date(session.startedAtMs).toLocaleString()}
          {session.platform && ` · ${session.platform}`}
          {session.endedAtMs !== null && ` · ended ${new Date(session.endedAtMs).toLocaleString()}`}
        </p>
        <SummaryFacts session={session} />
        <h3>Export</h3>
        <SessionExportButtons session={session}>
          <a
            className="button secondary"
            href={`?id=${encodeURIComponent(session.id)}&view=report`}
            target="_blank"
            rel="noreferrer"
            data-testid="open-report"
          >
            Printable report
          </a>
        </SessionExportButtons>
      </section>
      <SessionIdentity db={db} session={session} editable={!open} onChange={change} />
      {session.checklist && (
        <section className="card" aria-labelledby="checklist-outcomes">
          <h2 id="checklist-outcomes">Checklist</h2>
          <ChecklistTable session={session} />
        </section>
      )}
      <section className="card" aria-labelledby="notes-title">
        <h2 id="notes-title">Notes</h2>
        {session.notes.length === 0 ? (
          <p className="muted">No notes.</p>
        ) : (
          <ul className="note-list" data-testid="notes">
            {session.notes.map((note) =>
              open ? (
                <li key={note.id}>
                  <span className="muted">{formatClock(note.atS)}</span> {note.text}
                </li>
              ) : (
                <NoteItem
                  key={note.id}
                  note={note}
                  onEdit={(noteId, text) => change(withNoteEdited(session, noteId, text, Date.now()))}
                />
              ),
            )}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <Timeline session={session} />
      </section>
      <button type="button" className="link danger" onClick={remove} data-testid="delete-session">
        Delete this session
      </button>
    </>
  );
}
