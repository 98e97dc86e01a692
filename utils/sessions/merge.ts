/**
 * Several sessions of one candidate (rounds, or interviewers on the same call) in one view for the
 * hiring panel, and its Markdown export (pure). Each session keeps its own call clock; the view
 * puts them in start order and lines up what each found and how each checklist went.
 */
import { promptWords } from '@/utils/checklist/prompts';
import { itemStatus, STATUS_WORDS, type ItemStatus } from '@/utils/checklist/run';
import { FINDING_KINDS, type FindingKind } from '@/utils/findings/finding';
import { FINDING_TITLES } from '@/utils/wording/findings';
import { formatClock, utcDay } from '@/utils/common/format-time';
import { mdText, sessionToMarkdown } from './export-markdown';
import { identityStateOf } from './identity';
import { sessionTitle, type Session } from './session';
import { summaryOf } from './timeline';

export interface CombinedView {
  /** The candidate's name as the sessions give it (the most common one). */
  candidate: string;
  /** Plain-words warnings, e.g. sessions naming different candidates. */
  warnings: string[];
  sessions: Session[];
  /** Findings per kind, per session (in `sessions` order). */
  findings: { kind: FindingKind; title: string; perSession: number[] }[];
  /** Each prompt asked in any session: its outcome per session (null: not asked there). */
  checklist: { promptId: string; words: string; perSession: (ItemStatus | null)[] }[];
  /** Each session's face identity (on or off, consent, faces read) and its round comparison's message, if any. */
  identity: { state: string; roundComparison: string | null }[];
}

const norm = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

export function combineSessions(input: readonly Session[]): CombinedView {
  const sessions = [...input].sort((a, b) => a.startedAtMs - b.startedAtMs);
  const names = sessions.map((session) => session.candidate.name.trim()).filter(Boolean);
  const counts = new Map<string, { name: string; count: number }>();
  for (const name of names) {
    const seen = counts.get(norm(name));
    counts.set(norm(name), { name: seen?.name ?? name, count: (seen?.count ?? 0) + 1 });
  }
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count);
  const warnings: string[] = [];
  if (ranked.length > 1) {
    const named = ranked.map((entry) => entry.name).join(', ');
    warnings.push(`These sessions name different candidates: ${named}. Check they are the same person.`);
  }
  if (names.length < sessions.length) {
    warnings.push(`${sessions.length - names.length} session(s) have no candidate name.`);
  }
  const ids = sessions.map((session) => session.id);
  if (new Set(ids).size < ids.length) {
    warnings.push('The same session was imported more than once; it is shown once per import.');
  }

  const findings = FINDING_KINDS.flatMap((kind) => {
    const perSession = sessions.map((session) => session.findings.filter((finding) => finding.kind === kind).length);
    return perSession.some((count) => count > 0) ? [{ kind, title: FINDING_TITLES[kind], perSession }] : [];
  });
  const promptIds = [
    ...new Set(
      sessions.flatMap((session) =>
        (session.checklist?.items ?? [])
          .filter((item) => item.askedAtS !== null || item.mark)
          .map((item) => item.prompt.id),
      ),
    ),
  ];
  const checklist = promptIds.map((promptId) => {
    const items = sessions.map(
      (session) => session.checklist?.items.find((item) => item.prompt.id === promptId) ?? null,
    );
    const first = items.find((item) => item !== null);
    return {
      promptId,
      words: first ? promptWords(first.prompt, { phrase: '…', side: 'one side' }) : promptId,
      perSession: items.map((item) => (item && (item.askedAtS !== null || item.mark) ? itemStatus(item) : null)),
    };
  });
  const identity = sessions.map((session) => ({
    state: identityStateOf(session),
    roundComparison: session.findings.find((finding) => finding.kind === 'round-comparison')?.message ?? null,
  }));
  return { candidate: ranked[0]?.name ?? 'Unnamed candidate', warnings, sessions, findings, checklist, identity };
}

const roundName = (session: Session, index: number) =>
  `${index + 1}. ${mdText(session.interviewer || 'interviewer not given')}, ${utcDay(session.startedAtMs)}`;

export function combinedToMarkdown(view: CombinedView): string {
  const lines = [`# Liveproof: ${mdText(view.candidate)}, ${view.sessions.length} session(s)`, ''];
  for (const warning of view.warnings) lines.push(`> ${mdText(warning)}`, '');
  lines.push('| session | title | call time | findings | checklist done |', '| --- | --- | --- | --- | --- |');
  view.sessions.forEach((session, index) => {
    const summary = summaryOf(session);
    const checklist = summary.checklist ? `${summary.checklist.done} of ${summary.checklist.total}` : '-';
    lines.push(
      `| ${roundName(session, index)} | ${mdText(sessionTitle(session))} | ${formatClock(summary.durationS)} ` +
        `| ${session.findings.length} | ${checklist} |`,
    );
  });
  const header = view.sessions.map((_, index) => `${index + 1}`);
  const rule = `| --- | ${header.map(() => '---').join(' | ')} |`;
  if (view.findings.length > 0) {
    lines.push('', '## Findings by session', '', `| finding | ${header.join(' | ')} |`, rule);
    for (const row of view.findings) lines.push(`| ${mdText(row.title)} | ${row.perSession.join(' | ')} |`);
  }
  if (view.checklist.length > 0) {
    lines.push('', '## Checklist by session', '', `| prompt | ${header.join(' | ')} |`, rule);
    for (const row of view.checklist) {
      const outcomes = row.perSession.map((status) => (status ? STATUS_WORDS[status] : '-'));
      lines.push(`| ${mdText(row.words)} | ${outcomes.join(' | ')} |`);
    }
  }
  lines.push(
    '',
    '## Face identity by session',
    '',
    '| session | face identity | round comparison |',
    '| --- | --- | --- |',
  );
  view.identity.forEach((row, index) => {
    lines.push(`| ${index + 1} | ${mdText(row.state)} | ${mdText(row.roundComparison ?? '-')} |`);
  });
  for (const session of view.sessions) {
    lines.push('', sessionToMarkdown(session).replace(/^## /, '## Session: ').trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
