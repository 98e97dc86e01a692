import { useState } from 'react';
import { RETENTION_CHOICES } from '@/utils/sessions/settings';
import { retentionText } from '@/utils/wording/storage';
import { IDENTITY_PAGE } from '@/utils/wording/identity';
import { useSessionDb, useSessions, type ImportResult } from '@/utils/hooks/use-sessions';
import { useAppStore } from '@/utils/store';
import { Brand } from '../shared/Brand';
import { CombinedSessions } from './CombinedSessions';
import { SessionReport } from './SessionReport';
import { SessionView } from './SessionView';

const dateTime = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function PrivacyCard({ sessions }: { sessions: ReturnType<typeof useSessions> }) {
  const settings = useAppStore((state) => state.settings);
  const count = useAppStore((state) => state.sessionList?.length ?? 0);
  const removeAll = () => {
    if (
      window.confirm(
        `Delete all ${count} session(s) on this device, with their notes and checklists? This cannot be undone.`,
      )
    )
      void sessions.removeAll();
  };
  return (
    <section className="card" aria-labelledby="privacy-title" data-testid="privacy">
      <h2 id="privacy-title">Privacy</h2>
      <p className="small">
        Sessions are kept only in this browser on this device. Liveproof stores no video or audio: a session holds what
        was measured, the checklist, your notes and when things happened. Nothing is uploaded.
      </p>
      <p className="small">{IDENTITY_PAGE.privacy}</p>
      {settings && (
        <label className="row" htmlFor="retention">
          Keep sessions:
          <select
            id="retention"
            data-testid="retention"
            value={settings.retentionDays ?? 'forever'}
            onChange={(event) =>
              void sessions.updateSettings({
                ...settings,
                retentionDays: event.target.value === 'forever' ? null : Number(event.target.value),
              })
            }
          >
            {RETENTION_CHOICES.map((days) => (
              <option key={days ?? 'forever'} value={days ?? 'forever'}>
                {retentionText(days)}
              </option>
            ))}
          </select>
        </label>
      )}
      {settings && (
        <label className="row small" htmlFor="returning-applicant">
          <input
            id="returning-applicant"
            type="checkbox"
            data-testid="returning-applicant"
            checked={settings.returningApplicantCheck}
            onChange={(event) =>
              void sessions.updateSettings({ ...settings, returningApplicantCheck: event.target.checked })
            }
          />
          <span>{IDENTITY_PAGE.returningSetting}</span>
        </label>
      )}
      <button
        type="button"
        className="secondary danger"
        onClick={removeAll}
        disabled={count === 0}
        data-testid="delete-all"
      >
        Delete everything
      </button>
    </section>
  );
}

function ImportCard({
  sessions,
  onResults,
}: {
  sessions: ReturnType<typeof useSessions>;
  onResults: (results: ImportResult[]) => void;
}) {
  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <p className="small muted">
        Sessions exported as JSON by other interviewers or in other rounds. Files are checked first; a damaged one
        changes nothing.
      </p>
      <input
        type="file"
        accept="application/json,.json"
        multiple
        data-testid="session-import"
        aria-label="Import sessions (JSON)"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) void sessions.importFiles(files).then(onResults);
        }}
      />
    </section>
  );
}

function SessionList() {
  const list = useAppStore((state) => state.sessionList);
  const [chosen, setChosen] = useState<string[]>([]);
  if (!list) return <p className="muted">Reading sessions…</p>;
  if (list.length === 0)
    return (
      <p className="muted" data-testid="no-sessions">
        No sessions yet. Start a capture from the side panel of a call tab, or import sessions above.
      </p>
    );
  const toggle = (id: string) =>
    setChosen((ids) => (ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id]));
  return (
    <>
      <ul className="session-list" data-testid="session-list">
        {list.map((item) => (
          <li key={item.id} data-testid="session-row" data-id={item.id}>
            <input
              type="checkbox"
              checked={chosen.includes(item.id)}
              onChange={() => toggle(item.id)}
              aria-label={`Choose ${item.title} to combine`}
              disabled={item.problem !== null}
            />
            <div className="session-row-text">
              {item.problem ? (
                <strong>{item.title}</strong>
              ) : (
                <a href={`?id=${encodeURIComponent(item.id)}`}>
                  <strong>{item.title}</strong>
                </a>
              )}
              <div className="small muted">
                {dateTime(item.startedAtMs)}
                {item.interviewer && ` · ${item.interviewer}`}
                {item.platform && ` · ${item.platform}`} · {item.findings} finding(s)
                {item.open ? ' · open in a call panel' : ''}
              </div>
              {item.problem && <div className="small alert bad">{item.problem}</div>}
            </div>
          </li>
        ))}
      </ul>
      <button
        type="button"
        disabled={chosen.length < 2}
        onClick={() => {
          window.location.search = `?combine=${chosen.map(encodeURIComponent).join(',')}`;
        }}
        data-testid="combine"
      >
        Combine {chosen.length >= 2 ? chosen.length : ''} chosen sessions
      </button>
    </>
  );
}

/** The sessions page: every session on this device, privacy settings, import, and one session or several combined. */
export function SessionsApp({ search }: { search: string }) {
  const db = useSessionDb();
  const sessions = useSessions(db, browser.storage.local);
  const problem = useAppStore((state) => state.sessionsProblem);
  const [results, setResults] = useState<ImportResult[]>([]);
  const params = new URLSearchParams(search);
  const id = params.get('id');
  const combine = params.get('combine');

  if (id && params.get('view') === 'report') return <SessionReport db={db} id={id} />;
  return (
    <main className="app">
      <Brand tagline="Sessions kept on this device" />
      {problem && (
        <p className="alert bad" role="alert" data-testid="sessions-problem">
          {problem}
        </p>
      )}
      {id ? (
        <SessionView db={db} id={id} onSave={sessions.save} onRemove={sessions.remove} />
      ) : combine ? (
        <CombinedSessions db={db} ids={combine.split(',').filter(Boolean)} />
      ) : (
        <>
          <section className="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">Sessions</h2>
            <SessionList />
          </section>
          <ImportCard sessions={sessions} onResults={setResults} />
          {results.length > 0 && (
            <ul className="card import-results small" data-testid="import-results">
              {results.map((result, index) => (
                <li key={`${result.fileName}-${index}`} className={result.session ? '' : 'bad'}>
                  <strong>{result.fileName}</strong>: {result.message}
                </li>
              ))}
            </ul>
          )}
          <PrivacyCard sessions={sessions} />
          <section className="card" aria-labelledby="drills-title">
            <h2 id="drills-title">Practice drills</h2>
            <p className="small muted">
              Train interviewers on clips you own: scored drills of genuine and changed clips, with a debrief per item.
            </p>
            <a href="/drill.html" data-testid="open-drills">
              Open practice drills
            </a>
          </section>
        </>
      )}
    </main>
  );
}
