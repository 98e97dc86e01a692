import { describe, expect, it } from 'vitest';
import { csvCell, sessionToCsv } from '@/utils/sessions/export-csv';
import { exportFileName, sessionToJson } from '@/utils/sessions/export-json';
import { mdText, sessionToMarkdown } from '@/utils/sessions/export-markdown';
import { parseSessionJson } from '@/utils/sessions/migrations';
import { newSession } from '@/utils/sessions/session';
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
    expect(rows).toHaveLength(1 + 8);
    expect(rows[4]).toEqual([
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
