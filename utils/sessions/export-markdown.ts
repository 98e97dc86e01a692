/**
 * A session as Markdown that pastes cleanly into an applicant-tracking scorecard (pure). Text the
 * interviewer or a file supplied is escaped, so it reads as written and never becomes markup.
 */
import { formatClock, utcMinute } from '@/utils/common/format-time';
import { itemStatus, STATUS_WORDS } from '@/utils/checklist/run';
import { SEVERITY_TITLES } from '@/utils/wording/findings';
import { lipSyncCountsText } from '@/utils/wording/lip-sync';
import { identityStateOf } from './identity';
import { SESSION_SIGNAL_STEP_S, sessionTitle, type Session } from './session';
import { summaryOf, timelineOf, type SessionSummary } from './timeline';

/**
 * Text as literal Markdown, on one line: the characters that start markup inside a line are
 * escaped (emphasis, code, links and images, HTML, table cells, strikethrough). Text is never
 * placed at the start of a line, so list and heading markers need no escaping, and dates and
 * names stay readable where the Markdown is pasted as plain text.
 */
export function mdText(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>|~])/g, '\\$1');
}

const percent = (share: number | null) => (share === null ? 'n/a' : `${Math.round(share * 100)} %`);
const when = (ms: number | null) => (ms === null ? 'open' : `${utcMinute(ms)} UTC`);
const findingCount = (entry: SessionSummary['findingsByKind'][number]) =>
  `${mdText(entry.title)} ×${entry.count} (strongest: ${SEVERITY_TITLES[entry.strongest]})`;

export function sessionToMarkdown(session: Session): string {
  const summary = summaryOf(session);
  const { medianOffsetMs } = summary.lipSync;
  const lines = [
    `## Liveproof session: ${mdText(sessionTitle(session))}`,
    '',
    `- Candidate: ${mdText(session.candidate.name) || 'not given'}`,
    `- Role: ${mdText(session.candidate.role) || 'not given'}`,
    `- Interviewer: ${mdText(session.interviewer) || 'not given'}`,
    `- Platform: ${mdText(session.platform ?? 'not known')}`,
    `- Started: ${when(session.startedAtMs)}; ended: ${when(session.endedAtMs)}; ` +
      `call time ${formatClock(summary.durationS)}`,
    `- Face identity: ${identityStateOf(session)}`,
    ...(session.identity.previousRoundId === null
      ? []
      : [`- Earlier round: session ${mdText(session.identity.previousRoundId)}`]),
    '',
    '### Summary',
    '',
    `- Candidate's face found: ${percent(summary.faceFoundShare)} of the analysed time`,
    `- Lip sync (points every ${SESSION_SIGNAL_STEP_S} s): ${lipSyncCountsText(summary.lipSync.verdicts)}; ` +
      `median offset ${medianOffsetMs === null ? 'n/a' : `${medianOffsetMs} ms`}`,
    summary.findingsByKind.length === 0
      ? '- Findings: none'
      : `- Findings: ${summary.findingsByKind.map(findingCount).join('; ')}`,
    summary.checklist
      ? `- Checklist: ${summary.checklist.done} of ${summary.checklist.total} done; ` +
        `${summary.checklist.passed} passed, ` +
        `${summary.checklist.concern} concern, ${summary.checklist.notVerified} not verified, ` +
        `${summary.checklist.skipped} skipped`
      : '- Checklist: not used',
    '',
    'Findings are measurements to follow up on, not a verdict about the candidate.',
  ];
  if (session.checklist) {
    lines.push(
      '',
      '### Checklist',
      '',
      '| prompt | asked at | outcome | signals | note |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const item of session.checklist.items) {
      const status = itemStatus(item);
      const outcome = item.mark ? `${STATUS_WORDS[item.mark]} (interviewer)` : STATUS_WORDS[status];
      lines.push(
        `| ${mdText(item.words)} | ${item.askedAtS === null ? '-' : formatClock(item.askedAtS)} | ${outcome} ` +
          `| ${mdText(item.auto?.summary ?? '-')} | ${mdText(item.note) || '-'} |`,
      );
    }
  }
  lines.push('', '### Timeline', '');
  const timeline = timelineOf(session);
  if (timeline.length === 0) lines.push('Nothing recorded.');
  for (const entry of timeline) {
    const span = entry.endS !== null && entry.endS > entry.atS ? `–${formatClock(entry.endS)}` : '';
    lines.push(`- **${formatClock(entry.atS)}${span}** ${mdText(entry.title)}: ${mdText(entry.detail)}`);
  }
  return `${lines.join('\n')}\n`;
}
