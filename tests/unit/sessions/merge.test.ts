import { describe, expect, it } from 'vitest';
import { combinedToMarkdown, combineSessions } from '@/utils/sessions/merge';
import { withIdentityEnabled, withPreviousRound } from '@/utils/sessions/identity';
import { newSession, withDetails } from '@/utils/sessions/session';
import { profileAt, sessionWithProfile } from '../../fixtures/sessions/identity-profiles';
import { fixtureSession } from '../../support/session-fixtures';

describe('combined view of several sessions', () => {
  const first = fixtureSession();
  const second = {
    ...withDetails(
      newSession('round-2', null, first.startedAtMs + 86_400_000),
      { name: ' ada  LOVELACE', interviewer: 'Alan' },
      first.startedAtMs + 86_400_000,
    ),
    findings: [
      {
        kind: 'freeze' as const,
        severity: 'warn' as const,
        startS: 60,
        endS: 63,
        message: 'Froze while speaking',
        evidence: {},
      },
    ],
  };

  it('should order the sessions, count findings per kind and line up checklist outcomes', () => {
    const view = combineSessions([second, first]);
    expect(view.sessions.map((session) => session.id)).toEqual([first.id, 'round-2']);
    expect(view.candidate).toBe('Ada Lovelace');
    expect(view.warnings).toEqual([]);
    expect(view.findings).toEqual([
      { kind: 'av-offset', title: 'Audio-video offset', perSession: [1, 0] },
      { kind: 'freeze', title: 'Picture froze or repeated', perSession: [0, 1] },
    ]);
    expect(view.checklist.find((row) => row.promptId === 'read-phrase')?.perSession).toEqual(['concern', null]);
    expect(view.checklist.find((row) => row.promptId === 'id-document')?.perSession).toEqual(['passed', null]);
  });

  it('should warn when the sessions name different candidates, or none', () => {
    const other = withDetails(newSession('x', null, 0), { name: 'Charles Babbage' }, 0);
    expect(combineSessions([first, other, newSession('y', null, 1)]).warnings).toEqual([
      'These sessions name different candidates: Charles Babbage, Ada Lovelace. Check they are the same person.',
      '1 session(s) have no candidate name.',
    ]);
  });

  it('should export one Markdown document with the per-session tables and each session in full', () => {
    const md = combinedToMarkdown(combineSessions([first, second]));
    expect(md).toMatch(/^# Liveproof: Ada Lovelace, 2 session\(s\)/);
    expect(md).toContain('| 1. Grace Hopper, 2026-11-26 | Ada Lovelace, Backend engineer | 5:31 | 1 | 3 of 7 |');
    expect(md).toContain('| Picture froze or repeated | 0 | 1 |');
    expect(md).toContain('| Could you read these words aloud for me, slowly, twice: … | concern | - |');
    expect(md.match(/^## Session: /gm)).toHaveLength(2);
  });

  it("should show each session's face identity and its round comparison", () => {
    const round1 = sessionWithProfile('round-1', first.startedAtMs, profileAt(0, 40), 'Ada Lovelace');
    const round2 = withPreviousRound(
      sessionWithProfile('round-2', first.startedAtMs + 86_400_000, profileAt(0.21, 35), 'Ada Lovelace'),
      round1,
      first.startedAtMs + 86_400_000,
    );
    const off = withIdentityEnabled(withDetails(second, { name: 'Ada Lovelace' }, 0), false, second.startedAtMs);
    const view = combineSessions([round2, off, round1]);
    expect(view.identity).toEqual([
      { state: 'on, consent recorded 2026-11-26 14:00 UTC; 40 faces read', roundComparison: null },
      { state: 'on, consent recorded 2026-11-27 14:00 UTC; 35 faces read', roundComparison: expect.any(String) },
      { state: 'off for this session (no face descriptors kept)', roundComparison: null },
    ]);
    const md = combinedToMarkdown(view);
    expect(md).toContain('## Face identity by session\n\n| session | face identity | round comparison |');
    expect(md).toContain(
      '| 2 | on, consent recorded 2026-11-27 14:00 UTC; 35 faces read | Consistent with round 1 ' +
        '(Ada Lovelace, 2026-11-26 14:00 UTC): face distance 0.21, same-person threshold 0.46. |',
    );
    expect(md).toContain('| 3 | off for this session (no face descriptors kept) | - |');
  });
});
