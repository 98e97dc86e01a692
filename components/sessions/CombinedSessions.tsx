import { useEffect, useState, type ReactNode } from 'react';
import { combinedToMarkdown, combineSessions } from '@/utils/sessions/merge';
import { sessionTitle, type Session } from '@/utils/sessions/session';
import { type SessionDb } from '@/utils/storage/session-db';
import { storageProblem } from '@/utils/wording/storage';
import { formatClock } from '@/utils/common/format-time';
import { summaryOf } from '@/utils/sessions/timeline';
import { IDENTITY_PAGE } from '@/utils/wording/identity';
import { STATUS_LABEL, STATUS_PILL } from '../shared/checklist-labels';
import { downloadText } from '../shared/download';

/** One row per finding kind or prompt, one column per session. */
function PerSessionTable({
  title,
  testId,
  rows,
}: {
  title: string;
  testId: string;
  rows: { key: string; label: string; cells: ReactNode[] }[];
}) {
  return (
    <>
      <h3>{title}</h3>
      <table className="checklist-table small" data-testid={testId}>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.label}</td>
              {row.cells.map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Several sessions of one candidate side by side, for the hiring panel, with one Markdown export. */
export function CombinedSessions({ db, ids }: { db: SessionDb; ids: string[] }) {
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    void (async () => {
      const found: Session[] = [];
      const missing: string[] = [];
      for (const id of ids) {
        try {
          const result = await db.get(id);
          if (result && 'session' in result) found.push(result.session);
          else missing.push(`Session ${id}: ${result ? result.problem : 'not on this device'}`);
        } catch (error) {
          missing.push(storageProblem(error, `read session ${id}`));
        }
      }
      setSessions(found);
      setProblems(missing);
    })();
  }, [db, ids]);
  if (!sessions) return <p className="muted">Reading the sessions…</p>;
  const view = combineSessions(sessions);
  return (
    <>
      <a href="?">← All sessions</a>
      <section className="card" aria-labelledby="combined-title" data-testid="combined">
        <h2 id="combined-title" className="title">
          {view.candidate}: {view.sessions.length} sessions
        </h2>
        {[...problems, ...view.warnings].map((text) => (
          <p key={text} className="alert small" role="status">
            {text}
          </p>
        ))}
        <table className="checklist-table small">
          <thead>
            <tr>
              <th>#</th>
              <th>Session</th>
              <th>Interviewer</th>
              <th>Call time</th>
              <th>Findings</th>
            </tr>
          </thead>
          <tbody>
            {view.sessions.map((session, index) => (
              <tr key={`${session.id}-${index}`}>
                <td>{index + 1}</td>
                <td>
                  <a href={`?id=${encodeURIComponent(session.id)}`}>{sessionTitle(session)}</a>
                  <div className="muted">{new Date(session.startedAtMs).toLocaleString()}</div>
                </td>
                <td>{session.interviewer || '–'}</td>
                <td>{formatClock(summaryOf(session).durationS)}</td>
                <td>{session.findings.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {view.findings.length > 0 && (
          <PerSessionTable
            title="Findings by session"
            testId="combined-findings"
            rows={view.findings.map((row) => ({ key: row.kind, label: row.title, cells: row.perSession.map(String) }))}
          />
        )}
        {view.checklist.length > 0 && (
          <PerSessionTable
            title="Checklist by session"
            testId="combined-checklist"
            rows={view.checklist.map((row) => ({
              key: row.promptId,
              label: row.words,
              cells: row.perSession.map((status) =>
                status ? <span className={`pill ${STATUS_PILL[status]}`}>{STATUS_LABEL[status]}</span> : '–',
              ),
            }))}
          />
        )}
        <PerSessionTable
          title={IDENTITY_PAGE.combinedTitle}
          testId="combined-identity"
          rows={[
            { key: 'state', label: IDENTITY_PAGE.state, cells: view.identity.map((row) => row.state) },
            {
              key: 'round',
              label: IDENTITY_PAGE.roundComparison,
              cells: view.identity.map((row) => row.roundComparison ?? '–'),
            },
          ]}
        />
        <div className="row">
          <button
            type="button"
            onClick={() =>
              downloadText(
                `liveproof-combined-${view.candidate.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.md`,
                combinedToMarkdown(view),
                'text/markdown',
              )
            }
            data-testid="combined-export"
          >
            Export combined Markdown
          </button>
        </div>
      </section>
    </>
  );
}
