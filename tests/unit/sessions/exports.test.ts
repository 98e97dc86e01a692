import { describe, expect, it } from 'vitest';
import { csvCell, sessionToCsv } from '@/utils/sessions/export-csv';
import { exportFileName, sessionToJson } from '@/utils/sessions/export-json';
import { mdText, sessionToMarkdown } from '@/utils/sessions/export-markdown';
import { parseSessionJson } from '@/utils/sessions/migrations';
import { withIdentityEnabled, withPreviousRound } from '@/utils/sessions/identity';
import { newSession } from '@/utils/sessions/session';
import { profileAt, sessionWithProfile } from '../../fixtures/sessions/identity-profiles';
import { fixtureSession } from '../../support/session-fixtures';

/** Parses RFC 4180 CSV (quoted cells with doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('session exports', () => {
  it('should round-trip a session through JSON unchanged', () => {
    const session = fixtureSession();
    expect(parseSessionJson(sessionToJson(session))).toEqual({ session });
  });

  it('should write Markdown with the details, summary, checklist table and timeline, interviewer text escaped', () => {
    const md = sessionToMarkdown(fixtureSession());
    expect(md).toMatch(/^## Liveproof session: Ada Lovelace, Backend engineer\n/);
    expect(md).toContain('- Interviewer: Grace Hopper');
    expect(md).toContain('- Platform: Google Meet');
    expect(md).toContain("- Candidate's face found: 99 % of the analysed time");
    expect(md).toContain('52 in sync, 9 offset, 0 mismatch, 5 not enough speech; median offset 45 ms');
    expect(md).toContain('- Findings: Audio-video offset ×1 (strongest: Check)');
    expect(md).toContain('- Checklist: 3 of 7 done; 1 passed, 1 concern, 1 not verified, 0 skipped');
    expect(md).toContain(
      '| Could you hold your photo ID next to your face, then closer to the camera? | 5:00 ' +
        '| passed (interviewer) | - | Driving licence; "photo" matches, name = CV |',
    );
    expect(md).toContain('- **3:10–3:40** Audio-video offset (Check): Lips and voice match');
    // The hostile note stays literal text: no HTML tag, no table cell break, no heading.
    expect(md).toContain('=HYPERLINK("http://example.test") \\<b\\>not markup\\</b\\> \\| # \\* \\_');
    expect(md).not.toContain('<b>');
    expect(md.trim().endsWith('Event: Capture stopped.')).toBe(true);
  });

  it('should escape every Markdown control character and fold line breaks', () => {
    expect(mdText('a|b\n# c *d* [e](f) <g> ~~h~~ `i`')).toBe(
      'a\\|b # c \\*d\\* \\[e\\](f) \\<g\\> \\~\\~h\\~\\~ \\`i\\`',
    );
  });

  it('should write the timeline as CSV that parses back, with formulas defused', () => {
    const session = fixtureSession();
    const csv = sessionToCsv(session);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['session_id', 'call_time_s', 'end_s', 'kind', 'level', 'title', 'detail']);
    expect(rows).toHaveLength(1 + 1 + 8);
    expect(rows[1]).toEqual([
      session.id,
      '0',
      '',
      'identity',
      'on',
      'Face identity',
      'on, no consent recorded (no face descriptors kept)',
    ]);
    expect(rows[5]).toEqual([
      session.id,
      '190',
      '220',
      'finding',
      'warn',
      'Audio-video offset (Check)',
      expect.stringMatching(/^Lips and voice match/),
    ]);
    const hostile = rows.find((row) => row[3] === 'note' && row[1] === '250');
    expect(hostile?.[6]).toBe('\'=HYPERLINK("http://example.test") <b>not markup</b> | # * _');
    expect(rows.find((row) => row[1] === '300')?.[6]).toContain('Driving licence; "photo" matches, name = CV');
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell(1 / 3)).toBe('0.333');
    expect(csvCell(null)).toBe('');
  });

  it('should name export files after the candidate and the date', () => {
    expect(exportFileName(fixtureSession(), 'md')).toBe('liveproof-2026-11-26-ada-lovelace-backend-engineer.md');
    expect(exportFileName(newSession('x', null, Date.UTC(2026, 0, 2)), 'csv')).toBe('liveproof-2026-01-02.csv');
  });
});

describe('face identity in session exports', () => {
  const withProfile = fixtureSession(3);
  const earlier = sessionWithProfile('round-1', Date.UTC(2026, 10, 20, 14, 2), profileAt(0), 'Ada Lovelace');
  const later = sessionWithProfile('round-2', Date.UTC(2026, 10, 27, 9, 0), profileAt(0.71), 'Ada Lovelace');

  it('should leave the descriptor out of JSON unless asked, keeping a file that imports', () => {
    const plain = JSON.parse(sessionToJson(withProfile));
    expect(plain.identity).toEqual({
      enabled: true,
      consentAtMs: withProfile.startedAtMs + 30_000,
      profile: { descriptor: null, count: 42, spread: 0.214 },
      previousRoundId: null,
    });
    const reread = parseSessionJson(sessionToJson(withProfile));
    expect('session' in reread && reread.session.identity.profile?.descriptor).toBeNull();
    // An imported file without the descriptor cannot be compared, only shown.
    expect('session' in reread && sessionToMarkdown(reread.session)).toContain('; 42 faces read');

    const full = JSON.parse(sessionToJson(withProfile, { includeDescriptors: true }));
    expect(full.identity.profile.descriptor).toEqual(withProfile.identity.profile?.descriptor);
    expect(parseSessionJson(sessionToJson(withProfile, { includeDescriptors: true }))).toEqual({
      session: withProfile,
    });
    expect(sessionToJson(newSession('x', null, 0))).toBe(
      sessionToJson(newSession('x', null, 0), { includeDescriptors: true }),
    );
  });

  it('should say in Markdown and CSV whether face identity was on, with the consent time', () => {
    expect(sessionToMarkdown(withProfile)).toContain(
      '- Face identity: on, consent recorded 2026-11-26 14:00 UTC; 42 faces read\n',
    );
    const off = withIdentityEnabled(withProfile, false, withProfile.startedAtMs + 60_000);
    expect(sessionToMarkdown(off)).toContain('- Face identity: off for this session (no face descriptors kept)\n');
    expect(sessionToCsv(off).split('\r\n')[1]).toBe(
      `${off.id},0,,identity,off,Face identity,off for this session (no face descriptors kept)`,
    );
    const value = withProfile.identity.profile?.descriptor?.[0];
    expect(value).toEqual(expect.any(Number));
    for (const text of [sessionToMarkdown(withProfile), sessionToCsv(withProfile)]) {
      expect(text).not.toContain(String(value));
    }
  });

  it('should show the round comparison as a finding, and the earlier round it follows', () => {
    const linked = withPreviousRound(later, earlier, later.startedAtMs + 60_000);
    const md = sessionToMarkdown(linked);
    expect(md).toContain('- Earlier round: session round-1\n');
    expect(md).toContain('- Findings: Same person as an earlier round? ×1 (strongest: Strong signal)');
    expect(md).toContain(
      '- **0:00** Same person as an earlier round? (Strong signal): A different person from round 1 ' +
        '(Ada Lovelace, 2026-11-20 14:02 UTC): face distance 0.71, threshold 0.46. ' +
        'Ask for ID again and compare with the earlier recording.',
    );
    const row = parseCsv(sessionToCsv(linked)).find((cells) => cells[3] === 'finding');
    expect(row?.slice(3, 6)).toEqual(['finding', 'high', 'Same person as an earlier round? (Strong signal)']);
  });
});

describe('session size', () => {
  it('should keep a two-hour interview small enough to save on every change', () => {
    let session = fixtureSession();
    const points = Array.from({ length: (2 * 3600) / 5 }, (_, i) => ({
      atS: (i + 1) * 5,
      faceShare: 1,
      lipSync: 'in-sync' as const,
      offsetMs: 42,
      confidence: 0.91,
    }));
    const notes = Array.from({ length: 120 }, (_, i) => ({
      id: `n${i}`,
      atS: i * 60,
      text: 'A typical note of a sentence or two about what the candidate said.',
      editedAtMs: null,
    }));
    const first = session.findings[0] as (typeof session.findings)[number];
    const findings = Array.from({ length: 60 }, (_, i) => ({ ...first, startS: i * 120, endS: i * 120 + 30 }));
    session = { ...session, signals: points, notes, findings };
    const sizes = {
      json: sessionToJson(session).length,
      markdown: sessionToMarkdown(session).length,
      csv: sessionToCsv(session).length,
    };
    const kb = (chars: number) => `${(chars / 1024).toFixed(0)} KB`;
    console.log(
      `[sessions] two-hour session: JSON ${kb(sizes.json)}, Markdown ${kb(sizes.markdown)}, CSV ${kb(sizes.csv)}`,
    );
    expect(sizes.json).toBeLessThan(2_000_000);
  });
});
