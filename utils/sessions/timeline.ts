/**
 * A session as one timeline (findings, checklist answers, notes, capture events) and its summary
 * figures, for the panel's views and every export (pure).
 */
import { itemStatus, progressOf, STATUS_WORDS, type ItemStatus, type Progress } from '@/utils/checklist/run';
import { FINDING_KINDS, SEVERITY_RANK, type FindingKind, type Severity } from '@/utils/findings/finding';
import { FINDING_TITLES, SEVERITY_TITLES } from '@/utils/wording/findings';
import { median } from '@/utils/common/stats';
import type { Session } from './session';

export const TIMELINE_KINDS = ['finding', 'checklist', 'note', 'event'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEntry {
  /** Call time, s. */
  atS: number;
  /** End of the evidence or of the answer, s; null for a moment. */
  endS: number | null;
  kind: TimelineKind;
  title: string;
  detail: string;
  /** A finding's severity, or a checklist answer's outcome; null for notes and events. */
  level: Severity | ItemStatus | null;
}

/** Every entry of the session in call-time order (ties: findings, checklist, notes, events). */
export function timelineOf(session: Session): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...session.findings.map((finding) => ({
      atS: finding.startS,
      endS: finding.endS,
      kind: 'finding' as const,
      title: `${FINDING_TITLES[finding.kind]} (${SEVERITY_TITLES[finding.severity]})`,
      detail: finding.message,
      level: finding.severity,
    })),
    ...(session.checklist?.items ?? []).flatMap((item) => {
      if (item.askedAtS === null) return [];
      const status = itemStatus(item);
      const how = item.mark ? `marked ${STATUS_WORDS[item.mark]} by the interviewer` : STATUS_WORDS[status];
      const parts = [
        `Outcome: ${how}.`,
        item.auto ? `Signals: ${item.auto.summary}` : '',
        item.note ? `Note: ${item.note}` : '',
      ];
      return [
        {
          atS: item.askedAtS,
          endS: item.answeredAtS,
          kind: 'checklist' as const,
          title: `Asked: ${item.words}`,
          detail: parts.filter(Boolean).join(' '),
          level: status,
        },
      ];
    }),
    ...session.notes.map((note) => ({
      atS: note.atS,
      endS: null,
      kind: 'note' as const,
      title: 'Note',
      detail: note.text,
      level: null,
    })),
    ...session.events.map((event) => ({
      atS: event.atS,
      endS: null,
      kind: 'event' as const,
      title: 'Event',
      detail: event.text,
      level: null,
    })),
  ];
  const order = (kind: TimelineKind) => TIMELINE_KINDS.indexOf(kind);
  return entries.sort((a, b) => a.atS - b.atS || order(a.kind) - order(b.kind));
}

export interface SessionSummary {
  /** From the start to the end (or the last thing recorded), s. */
  durationS: number;
  /** Share of the signal points' time with the candidate's face found, 0..1; null without points. */
  faceFoundShare: number | null;
  lipSync: {
    /** Signal points by verdict. */
    verdicts: Record<'in-sync' | 'offset' | 'mismatch' | 'insufficient', number>;
    /** Median of the measured offsets, ms; null when none was measured. */
    medianOffsetMs: number | null;
  };
  /** Findings by kind: how many, and the strongest severity. */
  findingsByKind: { kind: FindingKind; title: string; count: number; strongest: Severity }[];
  checklist: Progress | null;
}

export function summaryOf(session: Session): SessionSummary {
  const lastS = Math.max(
    0,
    ...session.findings.map((f) => f.endS),
    ...session.notes.map((n) => n.atS),
    ...session.events.map((e) => e.atS),
    ...session.signals.map((p) => p.atS),
  );
  const durationS =
    session.endedAtMs !== null ? Math.max(lastS, (session.endedAtMs - session.startedAtMs) / 1000) : lastS;
  const points = session.signals;
  const verdicts = { 'in-sync': 0, offset: 0, mismatch: 0, insufficient: 0 };
  for (const point of points) if (point.lipSync) verdicts[point.lipSync]++;
  const offsets = points.flatMap((point) => (point.offsetMs === null ? [] : [point.offsetMs]));
  const findingsByKind = FINDING_KINDS.flatMap((kind) => {
    const ofKind = session.findings.filter((finding) => finding.kind === kind);
    if (ofKind.length === 0) return [];
    const strongest = ofKind.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a)).severity;
    return [{ kind, title: FINDING_TITLES[kind], count: ofKind.length, strongest }];
  });
  return {
    durationS,
    faceFoundShare: points.length > 0 ? points.reduce((sum, point) => sum + point.faceShare, 0) / points.length : null,
    lipSync: { verdicts, medianOffsetMs: offsets.length > 0 ? median(offsets) : null },
    findingsByKind,
    checklist: session.checklist ? progressOf(session.checklist) : null,
  };
}
