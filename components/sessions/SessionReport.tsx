import { useEffect } from 'react';
import { sessionTitle } from '@/utils/sessions/session';
import type { SessionDb } from '@/utils/storage/session-db';
import { ChecklistTable, SummaryFacts, Timeline } from './SessionView';
import { SessionSignalsChart } from './SessionSignalsChart';
import { useStoredSession } from '../../utils/hooks/use-stored-session';

/**
 * A session as a printable page (the browser's Print saves it as PDF): no video frames, only what
 * was measured and written.
 */
export function SessionReport({ db, id }: { db: SessionDb; id: string }) {
  const [stored] = useStoredSession(db, id);
  const title = stored.state === 'ready' ? sessionTitle(stored.session) : 'Session';
  useEffect(() => {
    document.title = `Liveproof report – ${title}`;
  }, [title]);
  if (stored.state === 'loading') return <p className="muted">Reading the session…</p>;
  if (stored.state !== 'ready')
    return (
      <p className="alert bad">{stored.state === 'missing' ? 'This session is not on this device.' : stored.message}</p>
    );
  const { session } = stored;
  return (
    <main className="report" data-testid="report">
      <header className="row spread">
        <div>
          <h1>{title}</h1>
          <p className="muted">
            Interviewer: {session.interviewer || 'not given'} · {new Date(session.startedAtMs).toLocaleString()}
            {session.platform && ` · ${session.platform}`}
          </p>
        </div>
        <button type="button" className="no-print" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </header>
      <p className="small">
        Liveproof measured the call on the interviewer's device. Findings are measurements to follow up on, not a
        verdict about the candidate. No video or audio is kept.
      </p>
      <h2>Summary</h2>
      <SummaryFacts session={session} />
      <h2>Signals over the call</h2>
      {session.signals.length > 0 ? (
        <SessionSignalsChart points={session.signals} />
      ) : (
        <p className="muted">No signals were recorded (no capture ran).</p>
      )}
      {session.checklist && (
        <>
          <h2>Checklist</h2>
          <ChecklistTable session={session} />
        </>
      )}
      <h2>Timeline</h2>
      <Timeline session={session} />
    </main>
  );
}
