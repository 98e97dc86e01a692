import { describe, expect, it } from 'vitest';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import type { Finding } from '@/utils/findings/finding';
import {
  earlierRoundCandidates,
  identityStateOf,
  refreshRoundFinding,
  resemblingSessions,
  roundComparison,
  roundComparisonFinding,
  roundNumber,
  withIdentityConsent,
  withIdentityEnabled,
  withIdentityProfile,
  withPreviousRound,
} from '@/utils/sessions/identity';
import { newIdentity, newSession, withDetails, withEnded, type Session } from '@/utils/sessions/session';
import { descriptorAt, profileAt, sessionWithProfile } from '../../fixtures/sessions/identity-profiles';

const T0 = Date.UTC(2026, 10, 20, 14, 2);
const DAY_MS = 86_400_000;

const freeze: Finding = { kind: 'freeze', severity: 'warn', startS: 60, endS: 95.5, message: 'froze', evidence: {} };
const withCall = (session: Session): Session => ({
  ...session,
  findings: [freeze],
  signals: [{ atS: 120, faceShare: 1, lipSync: null, offsetMs: null, confidence: null }],
});

const round1 = sessionWithProfile('round-1', T0, profileAt(0, 40), 'Jane Doe');
const sameLater = withCall(sessionWithProfile('same', T0 + DAY_MS, profileAt(0.21, 35), 'Jane Doe'));
const otherLater = withCall(sessionWithProfile('other', T0 + DAY_MS, profileAt(0.71, 35), 'Jane Doe'));

describe('face identity switch and consent', () => {
  it('should start on, with no consent, profile or earlier round', () => {
    expect(newSession('s', 1, T0).identity).toEqual({
      enabled: true,
      consentAtMs: null,
      profile: null,
      previousRoundId: null,
    });
  });

  it('should record the first consent with an event, and keep it when given again', () => {
    const consented = withIdentityConsent(newSession('s', 1, T0), T0 + 30_000);
    expect(consented.identity.consentAtMs).toBe(T0 + 30_000);
    expect(consented.events).toEqual([
      { atS: 30, text: 'The interviewer recorded that the candidate was told about the face identity check.' },
    ]);
    expect(withIdentityConsent(consented, T0 + 90_000)).toBe(consented);
  });

  it('should keep a profile rounded to 6 decimals only while on and with consent', () => {
    const values = [0.12345678, -0.0000001, -0.25];
    const descriptor = Float32Array.from({ length: 128 }, (_, i) => values[i] ?? 0.5);
    const profile = { descriptor, count: 12, spread: 0.1234567 };
    const fresh = newSession('s', 1, T0);
    expect(withIdentityProfile(fresh, profile, T0 + 1000)).toBe(fresh);
    const consented = withIdentityConsent(fresh, T0);
    const off = withIdentityEnabled(consented, false, T0);
    expect(withIdentityProfile(off, profile, T0 + 1000)).toBe(off);

    const kept = withIdentityProfile(consented, profile, T0 + 1000);
    expect(kept.updatedAtMs).toBe(T0 + 1000);
    expect(kept.identity.profile).toMatchObject({ count: 12, spread: 0.123457 });
    expect(kept.identity.profile?.descriptor).toHaveLength(128);
    expect(kept.identity.profile?.descriptor?.slice(0, 4)).toEqual([0.123457, 0, -0.25, 0.5]);
    // Not -0, which JSON writes as 0: the stored session reads back equal.
    expect(Object.is(kept.identity.profile?.descriptor?.[1], -0)).toBe(false);
    expect(withIdentityProfile(kept, null, T0 + 2000).identity.profile).toBeNull();
  });

  it('should delete the profile and the round comparison when switched off, with an event, keeping the link', () => {
    const linked = withPreviousRound(sameLater, round1, T0 + DAY_MS + 1000);
    expect(linked.findings.map((finding) => finding.kind)).toEqual(['freeze', 'round-comparison']);
    const ended = withEnded(linked, T0 + DAY_MS + 600_000);
    const off = withIdentityEnabled(ended, false, T0 + 3 * DAY_MS);
    expect(off.identity).toMatchObject({ enabled: false, profile: null, previousRoundId: 'round-1' });
    expect(off.findings).toEqual([freeze]);
    // Switched off two days after the call: stamped at its end, not two days into it.
    expect(off.events.at(-1)).toEqual({
      atS: 600,
      text:
        'Face identity switched off for this session: its face descriptors and any comparison with an earlier ' +
        'round were deleted.',
    });
    const value = linked.identity.profile?.descriptor?.[0];
    expect(value).toEqual(expect.any(Number));
    expect(JSON.stringify(off)).not.toContain(String(value));
    expect(withIdentityEnabled(off, false, T0)).toBe(off);
    const on = withIdentityEnabled(off, true, T0 + 3 * DAY_MS);
    expect(on.identity).toMatchObject({ enabled: true, profile: null });
    expect(on.events.at(-1)?.text).toBe('Face identity switched on for this session.');
  });

  it('should say whether identity was on, since when consent was recorded and how many faces were read', () => {
    expect(identityStateOf(round1)).toBe('on, consent recorded 2026-11-20 14:02 UTC; 40 faces read');
    expect(identityStateOf(newSession('s', 1, T0))).toBe('on, no consent recorded (no face descriptors kept)');
    expect(identityStateOf(withIdentityConsent(newSession('s', 1, T0), T0))).toBe(
      'on, consent recorded 2026-11-20 14:02 UTC; no face read yet',
    );
    expect(identityStateOf(withIdentityEnabled(round1, false, T0))).toBe(
      'off for this session (no face descriptors kept)',
    );
  });
});

describe('comparing interview rounds', () => {
  it('should compare two profiles at known distances, and nothing without both descriptors', () => {
    expect(roundComparison(sameLater, round1)).toEqual({
      distance: expect.closeTo(0.21, 4),
      threshold: 0.46,
      samePerson: true,
      facesThisRound: 35,
      facesEarlierRound: 40,
    });
    expect(roundComparison(otherLater, round1)).toMatchObject({ distance: expect.closeTo(0.71, 4), samePerson: false });
    expect(roundComparison(sameLater, newSession('none', null, T0))).toBeNull();
    // A few seconds of face is not a person yet: no comparison below DESCRIPTOR.minRoundFaces.
    const early = sessionWithProfile('early', T0 + DAY_MS, profileAt(0.71, DESCRIPTOR.minRoundFaces - 1));
    expect(roundComparison(early, round1)).toBeNull();
    const enough = sessionWithProfile('enough', T0 + DAY_MS, profileAt(0.71, DESCRIPTOR.minRoundFaces));
    expect(roundComparison(enough, round1)?.samePerson).toBe(false);
    const withoutDescriptor = {
      ...round1,
      identity: { ...round1.identity, profile: { count: 40, spread: 0.2, descriptor: null } },
    };
    expect(roundComparison(sameLater, withoutDescriptor)).toBeNull();
  });

  it('should write a same-person finding as a note over the call time covered so far', () => {
    expect(roundComparisonFinding(sameLater, round1)).toEqual({
      kind: 'round-comparison',
      severity: 'info',
      startS: 0,
      endS: 120,
      message:
        'Consistent with round 1 (Jane Doe, 2026-11-20 14:02 UTC): face distance 0.21, same-person threshold 0.46.',
      evidence: {
        previousRoundId: 'round-1',
        distance: 0.21,
        threshold: 0.46,
        facesThisRound: 35,
        facesEarlierRound: 40,
      },
    });
    // Nothing recorded yet: the comparison covers no call time.
    const justStarted = sessionWithProfile('new', T0 + DAY_MS, profileAt(0.1));
    expect(roundComparisonFinding(justStarted, round1)?.endS).toBe(0);
  });

  it.each([
    [0.5, 'warn', 'Possibly a different person', '0.50'],
    [0.6, 'high', 'A different person', '0.60'],
    [0.71, 'high', 'A different person', '0.71'],
  ])('should call a distance of %f %s', (distance, severity, who, shown) => {
    // Just past the distance: stored descriptors are rounded, so exactly 0.6 could read as 0.5999999.
    const later = withCall(sessionWithProfile('later', T0 + DAY_MS, profileAt(distance + 1e-4)));
    const nameless = sessionWithProfile('round-1', T0, profileAt(0));
    const finding = roundComparisonFinding(later, nameless);
    expect(finding?.severity).toBe(severity);
    expect(finding?.message).toBe(
      `${who} from round 1 (no name given, 2026-11-20 14:02 UTC): face distance ${shown}, threshold 0.46. ` +
        'Ask for ID again and compare with the earlier recording.',
    );
  });

  it('should number rounds by following the links among the sessions given, through chains and cycles', () => {
    const a = sessionWithProfile('a', T0, profileAt(0));
    const b = sessionWithProfile('b', T0 + DAY_MS, profileAt(0.1), '', 'a');
    const c = sessionWithProfile('c', T0 + 2 * DAY_MS, profileAt(0.2), '', 'b');
    const d = withCall(sessionWithProfile('d', T0 + 3 * DAY_MS, profileAt(0.25)));
    expect([a, b, c].map((session) => roundNumber(session, [a, b, c]))).toEqual([1, 2, 3]);
    expect(roundNumber(c, [])).toBe(2);
    expect(roundComparisonFinding(d, c, [a, b, c])?.message).toMatch(/^Consistent with round 3 \(no name given/);
    expect(roundComparisonFinding(d, c)?.message).toMatch(/^Consistent with round 2 /);

    const loopA = { ...a, identity: { ...a.identity, previousRoundId: 'c' } };
    expect(roundNumber(loopA, [loopA, b, c])).toBe(3);
    expect(roundNumber(c, [loopA, b, c])).toBe(3);
    const self = { ...a, identity: { ...a.identity, previousRoundId: 'a' } };
    expect(roundNumber(self, [self])).toBe(1);
  });

  it('should link, replace the comparison finding when relinked, and drop it when unlinked', () => {
    const linked = withPreviousRound(otherLater, round1, T0 + DAY_MS + 5000);
    expect(linked.identity.previousRoundId).toBe('round-1');
    expect(linked.updatedAtMs).toBe(T0 + DAY_MS + 5000);
    expect(linked.findings.filter((finding) => finding.kind === 'round-comparison')).toEqual([
      expect.objectContaining({ severity: 'high', endS: 120 }),
    ]);

    const sameRound1 = sessionWithProfile('round-1b', T0 + 1000, profileAt(0.7), 'Jane Doe');
    const relinked = withPreviousRound(linked, sameRound1, T0 + DAY_MS + 6000);
    expect(relinked.findings.filter((finding) => finding.kind === 'round-comparison')).toEqual([
      expect.objectContaining({ severity: 'info', evidence: expect.objectContaining({ previousRoundId: 'round-1b' }) }),
    ]);

    const unlinked = withPreviousRound(relinked, null, T0 + DAY_MS + 7000);
    expect(unlinked.identity.previousRoundId).toBeNull();
    expect(unlinked.findings).toEqual([freeze]);
    expect(withPreviousRound(round1, round1, T0)).toBe(round1);

    // Linked, but the earlier round has no face to compare: the link alone.
    const faceless = withPreviousRound(sameLater, newSession('faceless', null, T0), T0 + DAY_MS);
    expect(faceless.identity.previousRoundId).toBe('faceless');
    expect(faceless.findings).toEqual([freeze]);
  });

  it('should refresh the comparison when the profile grew, only against the linked round', () => {
    const linked = withPreviousRound(sameLater, round1, T0 + DAY_MS);
    const grown = withIdentityProfile(linked, profileAt(0.3, 80), T0 + DAY_MS + 60_000);
    const refreshed = refreshRoundFinding(grown, round1, T0 + DAY_MS + 60_000);
    const finding = refreshed.findings.find((entry) => entry.kind === 'round-comparison');
    expect(finding?.evidence).toMatchObject({ distance: 0.3, facesThisRound: 80 });
    expect(refreshed.findings.filter((entry) => entry.kind === 'round-comparison')).toHaveLength(1);
    expect(refreshRoundFinding(grown, otherLater, T0)).toBe(grown);
    expect(refreshRoundFinding(grown, null, T0)).toBe(grown);
  });
});

describe('returning applicant', () => {
  const current = sessionWithProfile('current', T0 + 10 * DAY_MS, profileAt(0), 'Jane Doe', 'round-a');
  const roundA = sessionWithProfile('round-a', T0, profileAt(0.05), 'Jane Doe');
  const laterRound = sessionWithProfile('later-round', T0 + 20 * DAY_MS, profileAt(0.02), 'Jane Doe', 'current');
  const close = sessionWithProfile('close', T0 + DAY_MS, profileAt(0.31), 'Jane Doe');
  const closer = sessionWithProfile('closer', T0 + 2 * DAY_MS, profileAt(0.12), '');
  const edge = sessionWithProfile('edge', T0 + 3 * DAY_MS, profileAt(0.45), 'Mary Major');
  const past = sessionWithProfile('past', T0 + 4 * DAY_MS, profileAt(0.47), 'John Roe');
  const faceless = sessionWithProfile('faceless', T0 + 5 * DAY_MS, null, 'Nobody');

  it('should list other candidates within the same-person threshold, closest first, leaving out linked rounds', () => {
    const all = [current, roundA, laterRound, close, closer, edge, past, faceless];
    const found = resemblingSessions(current, all);
    expect(found.map((entry) => entry.session.id)).toEqual(['closer', 'close', 'edge']);
    expect(found.map((entry) => entry.distance)).toEqual([
      expect.closeTo(0.12, 4),
      expect.closeTo(0.31, 4),
      expect.closeTo(0.45, 4),
    ]);
    expect(found[1]?.text).toBe(
      'Resembles the candidate of the session of 2026-11-21 (name given then: Jane Doe), face distance 0.31 — ' +
        'a resemblance for you to judge, not an identification.',
    );
    expect(found[0]?.text).toContain('(no name given then), face distance 0.12');
  });

  it('should find nothing for a session without a face descriptor', () => {
    expect(resemblingSessions(faceless, [close, closer])).toEqual([]);
    expect(resemblingSessions(withIdentityEnabled(current, false, T0), [close])).toEqual([]);
  });
});

describe('earlier round candidates', () => {
  it('should offer sessions started before, newest first, labelled with name, role and time', () => {
    const current = sessionWithProfile('current', T0 + 10 * DAY_MS, null, 'Jane Doe');
    const first = withDetails(newSession('first', null, T0), { name: 'Jane Doe', role: 'Backend engineer' }, T0);
    const second = newSession('second', null, T0 + DAY_MS);
    const later = newSession('later', null, T0 + 11 * DAY_MS);
    expect(earlierRoundCandidates(current, [first, later, current, second])).toEqual([
      { session: second, label: 'no name given, 2026-11-21 14:02 UTC' },
      { session: first, label: 'Jane Doe, Backend engineer, 2026-11-20 14:02 UTC' },
    ]);
  });

  it('should not offer a session whose chain of rounds already leads to the current one', () => {
    const current = newSession('current', null, T0 + DAY_MS);
    // An imported file linking an older session to a newer one: linking back would make a cycle.
    const older = { ...newSession('older', null, T0), identity: { ...newIdentity(), previousRoundId: 'current' } };
    expect(earlierRoundCandidates(current, [older, current])).toEqual([]);
  });
});

describe('test profiles', () => {
  it('should lie exactly the asked distance apart', () => {
    const a = descriptorAt(0.2);
    const b = descriptorAt(0.9);
    expect(Math.hypot(...a.map((value, i) => value - (b[i] as number)))).toBeCloseTo(0.7, 5);
  });
});
