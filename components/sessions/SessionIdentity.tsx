import { useEffect, useState } from 'react';
import {
  earlierRoundCandidates,
  identityStateOf,
  resemblingSessions,
  roundComparison,
  roundNumber,
  withIdentityEnabled,
  withPreviousRound,
} from '@/utils/sessions/identity';
import { sessionTitle, type Session } from '@/utils/sessions/session';
import type { SessionDb } from '@/utils/storage/session-db';
import { useAppStore } from '@/utils/store';
import { IDENTITY_PAGE } from '@/utils/wording/identity';
import { storageProblem } from '@/utils/wording/storage';
import { FindingsList } from '../shared/FindingsList';

/** The other sessions on this device, for linking rounds and finding a returning applicant. */
function useOtherSessions(db: SessionDb, id: string): { others: Session[]; problem: string | null } {
  const [state, setState] = useState<{ others: Session[]; problem: string | null }>({ others: [], problem: null });
  useEffect(() => {
    let active = true;
    db.readable().then(
      (all) => active && setState({ others: all.filter((session) => session.id !== id), problem: null }),
      (error: unknown) => active && setState({ others: [], problem: storageProblem(error, 'read the other sessions') }),
    );
    return () => {
      active = false;
    };
  }, [db, id]);
  return state;
}

function RoundPicker({
  session,
  others,
  editable,
  onChange,
}: {
  session: Session;
  others: Session[];
  editable: boolean;
  onChange: (next: Session) => void;
}) {
  const candidates = earlierRoundCandidates(session, others);
  const linkedId = session.identity.previousRoundId;
  const earlier = others.find((other) => other.id === linkedId) ?? null;
  const comparison = earlier && roundComparison(session, earlier);
  const finding = session.findings.find((entry) => entry.kind === 'round-comparison');
  const link = (id: string) =>
    onChange(withPreviousRound(session, others.find((other) => other.id === id) ?? null, Date.now(), others));
  return (
    <>
      {candidates.length === 0 && linkedId === null ? (
        <p className="small muted">{IDENTITY_PAGE.noEarlier}</p>
      ) : (
        <label className="row" htmlFor="earlier-round">
          {linkedId === null ? IDENTITY_PAGE.laterRound : IDENTITY_PAGE.roundOf(roundNumber(session, others))}
          <select
            id="earlier-round"
            data-testid="earlier-round"
            value={linkedId ?? ''}
            disabled={!editable}
            onChange={(event) => link(event.target.value)}
          >
            <option value="">{IDENTITY_PAGE.notLinked}</option>
            {linkedId !== null && !candidates.some((candidate) => candidate.session.id === linkedId) && (
              <option value={linkedId}>{earlier ? sessionTitle(earlier) : linkedId}</option>
            )}
            {candidates.map(({ session: candidate, label }) => (
              <option key={candidate.id} value={candidate.id}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
      {linkedId !== null && (
        <div data-testid="round-comparison">
          {!earlier && <p className="small muted">{IDENTITY_PAGE.earlierMissing(linkedId)}</p>}
          {earlier && !comparison && <p className="small muted">{IDENTITY_PAGE.noComparison}</p>}
          {comparison && (
            <dl className="facts small">
              <dt>{IDENTITY_PAGE.distance}</dt>
              <dd data-testid="round-distance">{comparison.distance.toFixed(2)}</dd>
              <dt>{IDENTITY_PAGE.threshold}</dt>
              <dd>{comparison.threshold.toFixed(2)}</dd>
              <dt>{IDENTITY_PAGE.facesThisRound}</dt>
              <dd>{comparison.facesThisRound}</dd>
              <dt>{IDENTITY_PAGE.facesEarlierRound}</dt>
              <dd>{comparison.facesEarlierRound}</dd>
            </dl>
          )}
          {finding && <FindingsList findings={[finding]} />}
        </div>
      )}
    </>
  );
}

function Resemblances({ session, others }: { session: Session; others: Session[] }) {
  const found = resemblingSessions(session, others);
  return (
    <>
      <h3>{IDENTITY_PAGE.resemblanceTitle}</h3>
      {found.length === 0 ? (
        <p className="small muted" data-testid="no-resemblance">
          {IDENTITY_PAGE.noResemblance}
        </p>
      ) : (
        <ul className="note-list small" data-testid="resemblances">
          {found.map(({ session: other, text }) => (
            <li key={other.id}>
              <a href={`?id=${encodeURIComponent(other.id)}`}>{sessionTitle(other)}</a>: {text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * A session's face identity: whether it was on, faces read, the earlier round it follows with the
 * comparison, the switch that deletes its descriptors, and (when the interviewer opted in) other
 * sessions whose candidate resembles this one.
 */
export function SessionIdentity({
  db,
  session,
  editable,
  onChange,
}: {
  db: SessionDb;
  session: Session;
  editable: boolean;
  onChange: (next: Session) => void;
}) {
  const { others, problem } = useOtherSessions(db, session.id);
  const returningApplicantCheck = useAppStore((state) => state.settings?.returningApplicantCheck ?? false);
  const switchOff = () => {
    if (window.confirm(IDENTITY_PAGE.confirmOff)) onChange(withIdentityEnabled(session, false, Date.now()));
  };
  return (
    <section className="card" aria-labelledby="identity-title" data-testid="session-identity">
      <h2 id="identity-title">{IDENTITY_PAGE.title}</h2>
      {problem && (
        <p className="alert bad small" role="alert">
          {problem}
        </p>
      )}
      <dl className="facts small">
        <dt>{IDENTITY_PAGE.state}</dt>
        <dd data-testid="identity-state">{identityStateOf(session)}</dd>
      </dl>
      <RoundPicker session={session} others={others} editable={editable} onChange={onChange} />
      <label className="row" htmlFor="identity-off">
        <input
          id="identity-off"
          type="checkbox"
          data-testid="identity-off"
          checked={!session.identity.enabled}
          disabled={!editable}
          onChange={(event) =>
            event.target.checked ? switchOff() : onChange(withIdentityEnabled(session, true, Date.now()))
          }
        />
        {IDENTITY_PAGE.switchOff}
      </label>
      {returningApplicantCheck && <Resemblances session={session} others={others} />}
    </section>
  );
}
