import { describe, expect, it } from 'vitest';
import { defaultTemplate } from '@/utils/checklist/prompts';
import { markItem, startRun } from '@/utils/checklist/run';
import type { Finding } from '@/utils/findings/finding';
import {
  isOpen,
  newSession,
  SESSION_RESUME_MS,
  sessionTimeS,
  sessionTitle,
  shiftFindings,
  withChecklist,
  withDetails,
  withEnded,
  withEvent,
  withNote,
  withNoteEdited,
  withRunFindings,
  withSignalPoint,
} from '@/utils/sessions/session';
import { seededRandom } from '../../support/generators';

const finding: Finding = {
  kind: 'av-offset',
  severity: 'warn',
  startS: 1,
  endS: 11,
  message: 'm',
  evidence: { offsetMs: 500 },
};

describe('session', () => {
  it('should stamp notes at the moment they were started and events when they happen', () => {
    let session = newSession('s1', 7, 1_000_000);
    session = withNote(session, 'n2', '  asked to turn left  ', 65, 1_070_000);
    session = withNote(session, 'n1', 'earlier thought', 20, 1_071_000);
    session = withEvent(session, 'Capture stopped.', 1_070_000);
    expect(session.notes.map((note) => [note.atS, note.text])).toEqual([
      [20, 'earlier thought'],
      [65, 'asked to turn left'],
    ]);
    expect(session.events).toEqual([{ atS: 70, text: 'Capture stopped.' }]);
    expect(withNote(session, 'n3', '   ', 80, 1_080_000)).toBe(session);
  });

  it('should edit a note after the call, and remove it when emptied', () => {
    let session = withNote(newSession('s1', 1, 0), 'n1', 'first', 5, 1000);
    session = withNoteEdited(session, 'n1', ' corrected ', 9000);
    expect(session.notes).toEqual([{ id: 'n1', atS: 5, text: 'corrected', editedAtMs: 9000 }]);
    expect(withNoteEdited(session, 'n1', '  ', 9500).notes).toEqual([]);
  });

  it('should keep findings, details, checklist, signal points and the end', () => {
    const run = markItem(startRun(defaultTemplate(), seededRandom(1)), 0, 'passed');
    let session = withRunFindings(newSession('s2', 3, 5000), shiftFindings([finding], 30), 6000);
    session = withDetails(session, { name: 'Ada Lovelace', role: 'Backend engineer' }, 7000);
    session = withDetails(session, { interviewer: 'Grace' }, 7100);
    session = withChecklist(session, run, 8000);
    session = withSignalPoint(
      session,
      { atS: 5, faceShare: 1, lipSync: 'in-sync', offsetMs: 40, confidence: 0.9 },
      9000,
    );
    session = withEnded(session, 10_000);
    expect(session).toMatchObject({
      candidate: { name: 'Ada Lovelace', role: 'Backend engineer' },
      interviewer: 'Grace',
      findings: [{ startS: 31, endS: 41 }],
      checklist: run,
      signals: [{ atS: 5 }],
      endedAtMs: 10_000,
    });
    expect(sessionTitle(session)).toBe('Ada Lovelace, Backend engineer');
    expect(sessionTitle(newSession('s3', null, Date.UTC(2026, 10, 26, 9, 30)))).toBe(
      'Interview of 2026-11-26 09:30 UTC',
    );
    expect(sessionTimeS(session, 4000)).toBe(0);
  });
});

describe('open sessions', () => {
  it('should count a session as open until it is ended or left untouched for SESSION_RESUME_MS', () => {
    const session = newSession('s', 5, 0);
    expect(isOpen(session, SESSION_RESUME_MS - 1)).toBe(true);
    expect(isOpen(session, SESSION_RESUME_MS)).toBe(false);
    expect(isOpen(withEnded(session, 10), 20)).toBe(false);
  });
});
