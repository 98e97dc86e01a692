import { useEffect, useState } from 'react';
import { combinedToMarkdown, combineSessions } from '@/utils/sessions/merge';
import { sessionTitle, type Session } from '@/utils/sessions/session';
import { storageProblem, type SessionDb } from '@/utils/sessions/session-db';
import { formatClock } from '@/utils/format-time';
import { summaryOf } from '@/utils/sessions/timeline';
import { STATUS_LABEL, STATUS_PILL } from './checklist-labels';
import { downloadText } from './download';

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
          <>
            <h3>Findings by session</h3>
            <table className="checklist-table small" data-testid="combined-findings">
              <tbody>
                {view.findings.map((row) => (
                  <tr key={row.kind}>
                    <td>{row.title}</td>
                    {row.perSession.map((count, index) => (
                      <td key={index}>{count}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {view.checklist.length > 0 && (
          <>
            <h3>Checklist by session</h3>
            <table className="checklist-table small" data-testid="combined-checklist">
              <tbody>
                {view.checklist.map((row) => (
                  <tr key={row.promptId}>
                    <td>{row.words}</td>
                    {row.perSession.map((status, index) => (
                      <td key={index}>{status ? <span className={`pill ${STATUS_PILL[status]}`}>{STATUS_LABEL[status]}</span> : '–'}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <div className="row">
          <button
            type="button"
            onClick={() => downloadText(`liveproof-combined-${view.candidate.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.md`, combinedToMarkdown(view), 'text/markdown')}
            data-testid="combined-export"
          >
            Export combined Markdown
          </button>
        </div>
      </section>
    </>
  );
}
