/** Words for the face-identity features: consent, comparisons across rounds, photo ID, exports. */
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { utcDay, utcMinute } from '@/utils/common/format-time';
import type { Severity } from '@/utils/findings/finding';

/** The export option that puts the candidate's face descriptors in the JSON report. */
export const INCLUDE_DESCRIPTORS_LABEL =
  'Include the face descriptors (128 numbers per face read, never a picture) in the JSON report, to compare ' +
  'recordings later';

/** A recording that cannot be compared: too few near-frontal faces were read. */
export const noFaceToCompare = (file: string): string =>
  `${file}: too few near-frontal faces of the candidate were read to compare (at least ${DESCRIPTOR.minProfileFaces} ` +
  'are needed); use a recording where the face is seen from the front for a few seconds.';

/** What comparing the candidates of two recordings found (utils/report/compare-recordings.ts). */
export interface ComparisonFacts {
  /** The two files. */
  a: string;
  b: string;
  /** Distance between the two candidates' mean descriptors, and the same-person threshold. */
  distance: number;
  threshold: number;
  samePerson: boolean;
  /** Descriptors each profile was made of. */
  framesUsed: { a: number; b: number };
}

/** One line for `npm run analyze -- --compare A B`. */
export function comparisonText(comparison: ComparisonFacts): string {
  const numbers =
    `distance ${comparison.distance.toFixed(2)}, same-person threshold ${comparison.threshold.toFixed(2)}; ` +
    `${comparison.framesUsed.a} and ${comparison.framesUsed.b} faces compared`;
  const verdict = comparison.samePerson
    ? 'consistent with the same person'
    : 'different people by their face descriptors';
  return `${comparison.a} vs ${comparison.b}: ${verdict} (${numbers}).`;
}

/** Events a session records when its face identity changes, in plain words. */
export const IDENTITY_EVENTS = {
  consent: 'The interviewer recorded that the candidate was told about the face identity check.',
  switchedOn: 'Face identity switched on for this session.',
  switchedOff:
    'Face identity switched off for this session: its face descriptors and any comparison with an earlier round ' +
    'were deleted.',
} as const;

/** A session as the interviewer knows it: the name given then, and when it started. */
export interface SessionMention {
  name: string;
  startedAtMs: number;
}

const nameOrNot = (name: string) => name.trim() || 'no name given';

/** `round-comparison`: how this round's face compares with the earlier round's (evidence, never an identification). */
export function roundComparisonMessage(comparison: {
  earlierRound: number;
  earlier: SessionMention;
  distance: number;
  threshold: number;
  severity: Severity;
}): string {
  const { earlier } = comparison;
  const round = `round ${comparison.earlierRound} (${nameOrNot(earlier.name)}, ${utcMinute(earlier.startedAtMs)} UTC)`;
  const distance = comparison.distance.toFixed(2);
  const threshold = comparison.threshold.toFixed(2);
  if (comparison.severity === 'info') {
    return `Consistent with ${round}: face distance ${distance}, same-person threshold ${threshold}.`;
  }
  const who = comparison.severity === 'high' ? 'A different person' : 'Possibly a different person';
  return (
    `${who} from ${round}: face distance ${distance}, threshold ${threshold}. ` +
    'Ask for ID again and compare with the earlier recording.'
  );
}

/** A returning applicant: this session's candidate looks like an earlier session's. */
export function resemblanceText(earlier: SessionMention, distance: number): string {
  const name = earlier.name.trim() ? `name given then: ${earlier.name.trim()}` : 'no name given then';
  return (
    `Resembles the candidate of the session of ${utcDay(earlier.startedAtMs)} (${name}), ` +
    `face distance ${distance.toFixed(2)} — a resemblance for you to judge, not an identification.`
  );
}

/** A session offered as the earlier round: name, role and when. */
export function roundCandidateLabel(session: SessionMention & { role: string }): string {
  const who = [nameOrNot(session.name), session.role.trim()].filter(Boolean).join(', ');
  return `${who}, ${utcMinute(session.startedAtMs)} UTC`;
}

/** Whether face identity was on for a session, since when it had consent, and how many faces it read. */
export function identityStateText(identity: {
  enabled: boolean;
  consentAtMs: number | null;
  faces: number | null;
}): string {
  if (!identity.enabled) return 'off for this session (no face descriptors kept)';
  if (identity.consentAtMs === null) return 'on, no consent recorded (no face descriptors kept)';
  const faces = identity.faces === null ? 'no face read yet' : `${identity.faces} faces read`;
  return `on, consent recorded ${utcMinute(identity.consentAtMs)} UTC; ${faces}`;
}

/** The sessions page's Identity section. */
export const IDENTITY_PAGE = {
  title: 'Identity',
  state: 'Face identity',
  /** The picker's label before a round is chosen. */
  laterRound: 'Round 2 of…',
  roundOf: (round: number) => `Round ${round} of`,
  notLinked: 'Not a later round',
  noEarlier: 'No earlier session on this device to link to.',
  earlierMissing: (id: string) => `The earlier round (session ${id}) is not on this device; import it to compare.`,
  noComparison:
    'No comparison: both sessions need face identity on, with consent and faces read (a file exported without ' +
    'its face descriptors cannot be compared).',
  distance: 'Face distance',
  threshold: 'Same-person threshold',
  facesThisRound: 'Faces this round',
  facesEarlierRound: 'Faces earlier round',
  combinedTitle: 'Face identity by session',
  roundComparison: 'Round comparison',
  switchOff: 'Identity off for this session',
  confirmOff:
    "Switch face identity off for this session? The candidate's face descriptors and any round comparison are " +
    'deleted, not hidden. This cannot be undone.',
  resemblanceTitle: 'Returning applicant?',
  noResemblance: 'No other session on this device has a candidate whose face resembles this one.',
  privacy:
    "With face identity on and the candidate's consent, a session also holds the candidate's face descriptor: " +
    '128 numbers, never a picture, left out of exports unless you ask. Switching identity off for a session ' +
    'deletes it.',
  returningSetting:
    'Returning applicant check: on a session page, list other sessions whose candidate looks like this one (by ' +
    'the face descriptors of sessions with identity on and consent). Off by default.',
  includeDescriptors: 'Include face descriptors in the JSON',
  includeDescriptorsWhy: '128 numbers per profile, never a picture: to compare rounds on another device',
} as const;
