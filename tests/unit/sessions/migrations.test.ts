import { describe, expect, it } from 'vitest';
import { sessionToJson } from '@/utils/sessions/export-json';
import { parseSession, parseSessionJson } from '@/utils/sessions/migrations';
import { SESSION_SCHEMA_VERSION, SessionSchema } from '@/utils/sessions/session';
import { sessionFixtureText } from '../../support/session-fixtures';

const VERSIONS = Array.from({ length: SESSION_SCHEMA_VERSION }, (_, i) => i + 1);

describe('session migrations', () => {
  it.each(VERSIONS)(
    'should read the version %i fixture as a current session, and export and re-read it unchanged',
    (version) => {
      const parsed = parseSessionJson(sessionFixtureText(version));
      if (!('session' in parsed)) throw new Error(parsed.problem);
      expect(SessionSchema.safeParse(parsed.session).success).toBe(true);
      expect(parsed.session.schemaVersion).toBe(SESSION_SCHEMA_VERSION);
      expect(parseSessionJson(sessionToJson(parsed.session, { includeDescriptors: true }))).toEqual(parsed);
    },
  );

  it('should carry everything of version 1 into the current version, with face identity on and empty', () => {
    const parsed = parseSessionJson(sessionFixtureText(1));
    if (!('session' in parsed)) throw new Error(parsed.problem);
    expect(parsed.session).toMatchObject({
      id: 'tab-812-1764115200000',
      tabId: 812,
      candidate: { name: '', role: '' },
      interviewer: '',
      endedAtMs: null,
      checklist: null,
      signals: [],
      findings: [{ kind: 'av-offset', startS: 12.5, endS: 42.5 }],
      notes: [
        { id: 'note-1', atS: 65.2, text: 'Asked about the gap in 2021', editedAtMs: null },
        { id: 'note-2', atS: 301, text: 'Camera froze while answering | check later', editedAtMs: null },
      ],
      events: [{ atS: 0 }, { atS: 1790 }],
      identity: { enabled: true, consentAtMs: null, profile: null, previousRoundId: null },
    });
  });

  it('should carry everything of version 2 into version 3, adding face identity on and empty', () => {
    const parsed = parseSessionJson(sessionFixtureText(2));
    if (!('session' in parsed)) throw new Error(parsed.problem);
    expect(parsed.session).toEqual({
      ...JSON.parse(sessionFixtureText(2)),
      schemaVersion: 3,
      identity: { enabled: true, consentAtMs: null, profile: null, previousRoundId: null },
    });
  });

  it('should read a stored session whose evidence holds NaN (IndexedDB keeps it) with those values as null', () => {
    const stored = JSON.parse(sessionFixtureText(SESSION_SCHEMA_VERSION));
    stored.findings[0].evidence = { offsetMs: Number.NaN, confidence: 0.8, peak: Infinity, note: 'kept' };
    const parsed = parseSession(stored);
    if (!('session' in parsed)) throw new Error(parsed.problem);
    expect(parsed.session.findings[0]?.evidence).toEqual({ offsetMs: null, confidence: 0.8, peak: null, note: 'kept' });
    expect(stored.findings[0].evidence.offsetMs).toBeNaN();
  });

  it('should read the version 3 fixture with its consent and profile', () => {
    const parsed = parseSessionJson(sessionFixtureText(3));
    if (!('session' in parsed)) throw new Error(parsed.problem);
    expect(parsed.session.identity).toMatchObject({
      enabled: true,
      consentAtMs: parsed.session.startedAtMs + 30_000,
      profile: { count: 42, spread: 0.214 },
      previousRoundId: null,
    });
    expect(parsed.session.identity.profile?.descriptor).toHaveLength(128);
  });

  it.each([
    ['not json', /not JSON/],
    ['42', /not a Liveproof session \(not an object\)/],
    ['{"schemaVersion": 99}', /newer Liveproof \(schema version 99\)/],
    ['{"hello": "world"}', /no known schemaVersion/],
    ['{"schemaVersion": 1, "tabId": "x"}', /version 1\) is damaged at tabId/],
    [
      JSON.stringify({
        ...JSON.parse(sessionFixtureText(2)),
        notes: [{ id: 'n', atS: -5, text: 'x', editedAtMs: null }],
      }),
      /damaged at notes\.0\.atS/,
    ],
    [
      JSON.stringify({ ...JSON.parse(sessionFixtureText(2)), findings: [{ kind: 'mind-reading' }] }),
      /damaged at findings\.0\.kind/,
    ],
  ])('should refuse %s with a clear message', (text, message) => {
    const parsed = parseSessionJson(text);
    expect('problem' in parsed && parsed.problem).toMatch(message);
  });

  it('should refuse a version 3 session whose identity is missing or holds a descriptor of the wrong length', () => {
    const v3 = JSON.parse(sessionFixtureText(3));
    const short = { ...v3.identity, profile: { ...v3.identity.profile, descriptor: [0.1, 0.2] } };
    const problem = (value: unknown) => {
      const parsed = parseSessionJson(JSON.stringify(value));
      return 'problem' in parsed ? parsed.problem : null;
    };
    expect(problem({ ...v3, identity: short })).toMatch(/damaged at identity\.profile\.descriptor/);
    expect(problem({ ...v3, identity: undefined })).toMatch(/damaged at identity/);
    expect(problem({ ...JSON.parse(sessionFixtureText(2)), notes: null })).toMatch(
      /^This Liveproof session \(version 2\) is damaged at notes/,
    );
  });

  it('should not be fooled by a prototype key in a hostile file', () => {
    // A "__proto__" key written into the file's text (JSON.parse keeps it as an own key).
    const parsed = parseSessionJson(sessionFixtureText(2).replace('{', '{"__proto__": {"polluted": true},'));
    expect('session' in parsed).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect('session' in parsed && (parsed.session as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });
});
