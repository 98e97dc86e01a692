import { useEffect, useState } from 'react';
import type { LiveControls } from '@/utils/hooks/use-live-capture';
import { earlierRoundCandidates, resemblingSessions } from '@/utils/sessions/identity';
import type { Session } from '@/utils/sessions/session';
import type { SessionDb } from '@/utils/storage/session-db';
import { useAppStore } from '@/utils/store';
import { resemblanceText } from '@/utils/wording/identity';
import { IDENTITY_PANEL } from '@/utils/wording/identity-panel';

/** Every readable session on this device, read again when `refreshKey` changes. */
function useAllSessions(db: Pick<SessionDb, 'readable'>, refreshKey: string): Session[] {
  const [all, setAll] = useState<Session[]>([]);
  useEffect(() => {
    let active = true;
    db.readable().then(
      (sessions) => active && setAll(sessions),
      () => active && setAll([]),
    );
    return () => {
      active = false;
    };
  }, [db, refreshKey]);
  return all;
}

/**
 * The session's face identity: the consent line before any comparison, the on/off switch, the
 * link to an earlier round ("Round 2 of…"), and, when the returning-applicant check is on in the
 * settings, earlier sessions whose candidate resembles this one.
 */
export function IdentityCard({
  session,
  controls,
  db,
}: {
  session: Session;
  controls: LiveControls;
  db: Pick<SessionDb, 'readable'>;
}) {
  const summary = useAppStore((state) => state.liveSummary);
  const settings = useAppStore((state) => state.settings);
  const { enabled, consentAtMs, profile, previousRoundId } = session.identity;
  const faces = profile?.count ?? 0;
  // Re-read the other sessions when the profile has grown by a few faces, not on every save.
  const all = useAllSessions(db, `${session.id}:${Math.floor(faces / 20)}`);
  const candidates = earlierRoundCandidates(session, all);
  const resemblances = settings?.returningApplicantCheck && profile ? resemblingSessions(session, all) : [];
  const liveFaces = summary?.identity.described ?? 0;

  return (
    <div className="identity" data-testid="identity-card">
      <h3>{IDENTITY_PANEL.title}</h3>
      {!enabled && (
        <p className="small" data-testid="identity-state" data-state="off">
          {IDENTITY_PANEL.off}{' '}
          <button type="button" className="link" onClick={() => controls.setIdentityEnabled(true)}>
            {IDENTITY_PANEL.switchOn}
          </button>
        </p>
      )}
      {enabled && consentAtMs === null && (
        <div className="alert notice" role="status" data-testid="identity-consent">
          <p className="small">{IDENTITY_PANEL.consentLine}</p>
          <div className="row">
            <button type="button" onClick={controls.consentToIdentity} data-testid="identity-consent-yes">
              {IDENTITY_PANEL.consent}
            </button>
            <button type="button" className="secondary" onClick={() => controls.setIdentityEnabled(false)}>
              {IDENTITY_PANEL.decline}
            </button>
          </div>
        </div>
      )}
      {enabled && consentAtMs !== null && (
        <p className="small" data-testid="identity-state" data-state="on" data-faces={Math.max(faces, liveFaces)}>
          {IDENTITY_PANEL.faces(Math.max(faces, liveFaces))}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              if (window.confirm(IDENTITY_PANEL.confirmOff)) controls.setIdentityEnabled(false);
            }}
          >
            {IDENTITY_PANEL.switchOff}
          </button>
        </p>
      )}
      <label className="small">
        {IDENTITY_PANEL.roundLabel}{' '}
        <select
          value={previousRoundId ?? ''}
          onChange={(event) => void controls.linkPreviousRound(event.target.value || null)}
          data-testid="identity-round"
          disabled={candidates.length === 0 && previousRoundId === null}
        >
          <option value="">{candidates.length ? IDENTITY_PANEL.firstRound : IDENTITY_PANEL.noEarlier}</option>
          {candidates.map(({ session: earlier, label }) => (
            <option key={earlier.id} value={earlier.id}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {resemblances.length > 0 && (
        <div className="small" data-testid="identity-resemblances">
          <p>{IDENTITY_PANEL.resemblances}</p>
          <ul>
            {resemblances.map(({ session: other, distance }) => (
              <li key={other.id}>
                {resemblanceText({ name: other.candidate.name, startedAtMs: other.startedAtMs }, distance)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
