import { describe, expect, it } from 'vitest';
import type { Finding } from '@/utils/findings';
import { defaultTemplate } from '@/utils/checklist/prompts';
import { markItem, startRun } from '@/utils/checklist/run';
import { newLiveSession, parseLiveSession, sessionTimeS, shiftFindings, withChecklist, withEvent, withNote, withRunFindings } from '@/utils/live/live-session';
import { seededRandom } from '../../support/generators';
import { forgetLiveSession, loadLiveSession, saveLiveSession } from '@/utils/live/session-keeper';
import { memoryStorage } from '../../support/memory-storage';

const finding: Finding = { kind: 'av-offset', severity: 'warn', startS: 1, endS: 11, message: 'm', evidence: { offsetMs: 500 } };

describe('live session', () => {
  it('should stamp notes and events with seconds since the session started', () => {
    let session = newLiveSession(7, 1_000_000);
    session = withNote(session, '  asked to turn left  ', 1_065_000);
    session = withEvent(session, 'Capture stopped.', 1_070_000);
    expect(session.notes).toEqual([{ atS: 65, text: 'asked to turn left' }]);
    expect(session.events).toEqual([{ atS: 70, text: 'Capture stopped.' }]);
    expect(withNote(session, '   ', 1_080_000)).toBe(session);
  });

  it('should move a later capture run onto the session clock', () => {
    const session = newLiveSession(7, 0);
    const offsetS = sessionTimeS(session, 120_000);
    const merged = withRunFindings(session, shiftFindings([finding], offsetS), 130_000);
    expect(merged.findings[0]).toMatchObject({ startS: 121, endS: 131 });
  });

  it('should reject a corrupt stored session with a reason, and accept a valid one', () => {
    expect(parseLiveSession({ schemaVersion: 1, tabId: 'x' }).problem).toMatch(/could not be read/);
    expect(parseLiveSession(undefined)).toEqual({ session: null, problem: null });
    const session = withRunFindings(newLiveSession(3, 5), [finding], 6);
    expect(parseLiveSession(JSON.parse(JSON.stringify(session))).session).toEqual(session);
  });
});

describe('session keeper', () => {
  it('should save, load and forget a tab session', async () => {
    const storage = memoryStorage();
    const session = withNote(newLiveSession(42, 0), 'hello', 1000);
    expect(await saveLiveSession(storage, session)).toBeNull();
    expect((await loadLiveSession(storage, 42)).session).toEqual(session);
    expect((await loadLiveSession(storage, 43)).session).toBeNull();
    await forgetLiveSession(storage, 42);
    expect((await loadLiveSession(storage, 42)).session).toBeNull();
  });

  it('should say plainly when the session cannot be saved', async () => {
    const problem = await saveLiveSession(memoryStorage(true), newLiveSession(1, 0));
    expect(problem).toMatch(/could not be saved \(QUOTA_BYTES quota exceeded\).*kept while this panel stays open/);
  });

  it('should keep the checklist with the session, and read sessions saved before checklists existed', () => {
    const run = markItem(startRun(defaultTemplate(), seededRandom(1)), 0, 'passed');
    const session = withChecklist(newLiveSession(3, 0), run, 5000);
    expect(parseLiveSession(JSON.parse(JSON.stringify(session))).session?.checklist).toEqual(run);
    const older: Record<string, unknown> = { ...newLiveSession(3, 0) };
    delete older.checklist;
    expect(parseLiveSession(older).session?.checklist).toBeNull();
  });
});
