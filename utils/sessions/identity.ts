/**
 * Face identity in sessions (pure): the interviewer's switch and the candidate's consent, the
 * profile kept as numbers, the comparison with an earlier interview round, and resemblances to
 * other sessions' candidates. All of it is evidence for a person to judge, never an identification.
 */
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { compareProfiles, type IdentityProfile } from '@/utils/features/descriptor';
import type { Finding, Severity } from '@/utils/findings/finding';
import {
  IDENTITY_EVENTS,
  identityStateText,
  resemblanceText,
  roundCandidateLabel,
  roundComparisonMessage,
} from '@/utils/wording/identity';
import { sessionTimeS, type Session, type SessionIdentity, type StoredProfile } from './session';

/** Decimals a stored descriptor keeps: they move a distance by under 1e-5, far below the thresholds' 0.01 steps. */
const STORED_DECIMALS = 6;
/** `|| 0`: no -0, which JSON writes as 0, so a stored session reads back equal. */
const roundTo = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals || 0;

/**
 * When an identity change is stamped: now on the call clock, or the end of a session already ended
 * (changed later on the sessions page), so it does not stretch the call.
 */
function identityEventAtS(session: Session, nowMs: number): number {
  const atS = sessionTimeS(session, nowMs);
  return session.endedAtMs === null
    ? atS
    : Math.min(atS, Math.max(0, (session.endedAtMs - session.startedAtMs) / 1000));
}

function withIdentity(session: Session, identity: SessionIdentity, nowMs: number, event?: string): Session {
  const events = event ? [...session.events, { atS: identityEventAtS(session, nowMs), text: event }] : session.events;
  return { ...session, updatedAtMs: nowMs, identity, events };
}

const withoutRoundComparison = (findings: readonly Finding[]) =>
  findings.filter((finding) => finding.kind !== 'round-comparison');

/** Records that the interviewer told the candidate about the face identity check (the first time is kept). */
export function withIdentityConsent(session: Session, nowMs: number): Session {
  if (session.identity.consentAtMs !== null) return session;
  return withIdentity(session, { ...session.identity, consentAtMs: nowMs }, nowMs, IDENTITY_EVENTS.consent);
}

/**
 * Switches face identity on or off for the session. Off deletes the profile and the round
 * comparison (deleted, not hidden); the link to the earlier round stays, as it holds no face.
 */
export function withIdentityEnabled(session: Session, enabled: boolean, nowMs: number): Session {
  if (session.identity.enabled === enabled) return session;
  if (enabled) return withIdentity(session, { ...session.identity, enabled }, nowMs, IDENTITY_EVENTS.switchedOn);
  const off = withIdentity(
    session,
    { ...session.identity, enabled, profile: null },
    nowMs,
    IDENTITY_EVENTS.switchedOff,
  );
  return { ...off, findings: withoutRoundComparison(off.findings) };
}

/** Faces are described and compared only with identity on and the candidate told (consent recorded). */
export const identityActive = (session: Session): boolean =>
  session.identity.enabled && session.identity.consentAtMs !== null;

/** Keeps the candidate's profile (null: none), only while identity is on and consent is recorded. */
export function withIdentityProfile(session: Session, profile: IdentityProfile | null, nowMs: number): Session {
  if (!identityActive(session)) return session;
  const stored: StoredProfile | null = profile && {
    descriptor: Array.from(profile.descriptor, (value) => roundTo(value, STORED_DECIMALS)),
    count: profile.count,
    spread: roundTo(profile.spread, STORED_DECIMALS),
  };
  return withIdentity(session, { ...session.identity, profile: stored }, nowMs);
}

export interface RoundComparison {
  /** Distance between the two profiles' descriptors, and the same-person threshold. */
  distance: number;
  threshold: number;
  samePerson: boolean;
  /** Faces each profile was made of. */
  facesThisRound: number;
  facesEarlierRound: number;
}

/**
 * How this session's candidate compares with the earlier round's; null unless both have a
 * descriptor made of DESCRIPTOR.minRoundFaces faces (a few seconds of face is not a person yet).
 */
export function roundComparison(current: Session, earlier: Session): RoundComparison | null {
  const [now, before] = [current.identity.profile, earlier.identity.profile];
  if (!now?.descriptor || !before?.descriptor) return null;
  if (Math.min(now.count, before.count) < DESCRIPTOR.minRoundFaces) return null;
  return {
    ...compareProfiles({ descriptor: now.descriptor }, { descriptor: before.descriptor }),
    facesThisRound: now.count,
    facesEarlierRound: before.count,
  };
}

const byId = (sessions: readonly Session[]) => new Map(sessions.map((session) => [session.id, session]));

/**
 * Ids of `session` and the earlier rounds it links to through previousRoundId, newest first. A
 * link to a session not in `known` still counts (that round exists elsewhere) and ends the chain,
 * as does a link back into the chain (a cycle, possible only in imported files).
 */
function roundChain(session: Session, known: ReadonlyMap<string, Session>): string[] {
  const chain = [session.id];
  let link = session.identity.previousRoundId;
  while (link !== null && !chain.includes(link)) {
    chain.push(link);
    link = known.get(link)?.identity.previousRoundId ?? null;
  }
  return chain;
}

/** The round `session` is: 1, plus one per earlier round its links lead to among `sessions`. */
export function roundNumber(session: Session, sessions: readonly Session[]): number {
  return roundChain(session, byId(sessions)).length;
}

/** How long the session has covered so far, s: the end of its last finding or signal point. */
function coveredS(session: Session): number {
  return Math.max(
    0,
    ...withoutRoundComparison(session.findings).map((finding) => finding.endS),
    ...session.signals.map((point) => point.atS),
  );
}

const roundSeverity = (comparison: RoundComparison): Severity => {
  if (comparison.samePerson) return 'info';
  return comparison.distance >= DESCRIPTOR.highChangeDistance ? 'high' : 'warn';
};

/**
 * The `round-comparison` finding of `current` against the `earlier` round (numbered by following
 * links among `sessions`), over the call time covered so far; null when they cannot be compared.
 */
export function roundComparisonFinding(
  current: Session,
  earlier: Session,
  sessions: readonly Session[] = [],
): Finding | null {
  const comparison = roundComparison(current, earlier);
  if (!comparison) return null;
  const severity = roundSeverity(comparison);
  return {
    kind: 'round-comparison',
    severity,
    startS: 0,
    endS: coveredS(current),
    message: roundComparisonMessage({
      earlierRound: roundNumber(earlier, sessions),
      earlier: { name: earlier.candidate.name, startedAtMs: earlier.startedAtMs },
      distance: comparison.distance,
      threshold: comparison.threshold,
      severity,
    }),
    evidence: {
      previousRoundId: earlier.id,
      distance: roundTo(comparison.distance, 3),
      threshold: comparison.threshold,
      facesThisRound: comparison.facesThisRound,
      facesEarlierRound: comparison.facesEarlierRound,
    },
  };
}

/**
 * Links the session to the earlier round it follows (null: unlinks it), with a fresh comparison
 * finding in place of any old one (none when they cannot be compared). A session is never its own
 * earlier round.
 */
export function withPreviousRound(
  session: Session,
  earlier: Session | null,
  nowMs: number,
  sessions: readonly Session[] = [],
): Session {
  if (earlier?.id === session.id) return session;
  const finding = earlier && roundComparisonFinding(session, earlier, sessions);
  const findings = withoutRoundComparison(session.findings);
  return {
    ...session,
    updatedAtMs: nowMs,
    identity: { ...session.identity, previousRoundId: earlier?.id ?? null },
    findings: finding ? [...findings, finding] : findings,
  };
}

/** The comparison again after the profile grew; unchanged unless `earlier` is the linked round. */
export function refreshRoundFinding(
  session: Session,
  earlier: Session | null,
  nowMs: number,
  sessions: readonly Session[] = [],
): Session {
  if (earlier === null || earlier.id !== session.identity.previousRoundId) return session;
  return withPreviousRound(session, earlier, nowMs, sessions);
}

/** Ids of the sessions linked with `session` as rounds of one interview, in either direction, itself included. */
function linkedRoundIds(session: Session, sessions: readonly Session[]): Set<string> {
  const linked = new Set([session.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const other of [session, ...sessions]) {
      const link = other.identity.previousRoundId;
      if (link === null || linked.has(other.id) === linked.has(link)) continue;
      linked.add(other.id).add(link);
      grew = true;
    }
  }
  return linked;
}

export interface Resemblance {
  session: Session;
  distance: number;
  /** In plain words, for the interviewer to judge. */
  text: string;
}

/**
 * A returning applicant: other sessions whose candidate's profile is within the same-person
 * threshold of this one's, closest first; the session itself and its linked rounds are left out.
 */
export function resemblingSessions(current: Session, others: readonly Session[]): Resemblance[] {
  const descriptor = current.identity.profile?.descriptor;
  if (!descriptor) return [];
  const linked = linkedRoundIds(current, others);
  return others
    .flatMap((other) => {
      const theirs = other.identity.profile?.descriptor;
      if (!theirs || linked.has(other.id)) return [];
      const { distance, samePerson } = compareProfiles({ descriptor }, { descriptor: theirs });
      if (!samePerson) return [];
      const text = resemblanceText({ name: other.candidate.name, startedAtMs: other.startedAtMs }, distance);
      return [{ session: other, distance, text }];
    })
    .sort((a, b) => a.distance - b.distance);
}

export interface RoundCandidate {
  session: Session;
  /** Name, role and when, for a picker. */
  label: string;
}

/**
 * Sessions the current one can follow as a later round: started before it, newest first. Those
 * whose own chain of rounds already leads to the current one are left out, so no cycle is made.
 */
export function earlierRoundCandidates(current: Session, all: readonly Session[]): RoundCandidate[] {
  const known = byId(all);
  return all
    .filter((session) => session.id !== current.id && session.startedAtMs < current.startedAtMs)
    .filter((session) => !roundChain(session, known).includes(current.id))
    .sort((a, b) => b.startedAtMs - a.startedAtMs)
    .map((session) => ({
      session,
      label: roundCandidateLabel({ ...session.candidate, startedAtMs: session.startedAtMs }),
    }));
}

/** Whether face identity was on for the session, its consent and faces read, in plain words (every export). */
export function identityStateOf(session: Session): string {
  const { enabled, consentAtMs, profile } = session.identity;
  return identityStateText({ enabled, consentAtMs, faces: profile?.count ?? null });
}
