import { describe, expect, it } from 'vitest';
import { newSession } from '@/utils/sessions/session';
import { summaryOf, timelineOf } from '@/utils/sessions/timeline';
import { fixtureSession } from '../../support/session-fixtures';

describe('timeline and summary', () => {
  it('should put findings, asked checklist prompts, notes and events in call-time order', () => {
    const timeline = timelineOf(fixtureSession());
    expect(timeline.map((entry) => [entry.atS, entry.kind])).toEqual([
      [2, 'event'],
      [95.5, 'note'],
      [120, 'checklist'],
      [190, 'finding'],
      [200, 'checklist'],
      [250, 'note'],
      [300, 'checklist'],
      [330, 'event'],
    ]);
    const read = timeline.find((entry) => entry.atS === 200);
    expect(read).toMatchObject({
      endS: 216,
      level: 'concern',
      detail: expect.stringMatching(/^Outcome: concern\. Signals: While reading, the sound was 556 ms off/),
    });
    expect(timeline.find((entry) => entry.atS === 300)?.detail).toMatch(
      /marked passed by the interviewer\. Note: Driving licence/,
    );
    expect(timeline.find((entry) => entry.kind === 'finding')).toMatchObject({
      title: 'Audio-video offset (Check)',
      endS: 220,
      level: 'warn',
    });
  });

  it('should sum up the signals, findings by kind and the checklist', () => {
    const summary = summaryOf(fixtureSession());
    expect(summary.durationS).toBe(331);
    expect(summary.faceFoundShare).toBeCloseTo((65 + 0.4) / 66, 3);
    expect(summary.lipSync).toEqual({
      verdicts: { 'in-sync': 52, offset: 9, mismatch: 0, insufficient: 5 },
      medianOffsetMs: 45,
    });
    expect(summary.findingsByKind).toEqual([
      { kind: 'av-offset', title: 'Audio-video offset', count: 1, strongest: 'warn' },
    ]);
    expect(summary.checklist).toMatchObject({ total: 7, done: 3, passed: 1, concern: 1, notVerified: 1 });
  });

  it('should say nothing is known for an empty session', () => {
    const summary = summaryOf(newSession('s', 1, 0));
    expect(summary).toMatchObject({
      durationS: 0,
      faceFoundShare: null,
      lipSync: { medianOffsetMs: null },
      findingsByKind: [],
      checklist: null,
    });
    expect(timelineOf(newSession('s', 1, 0))).toEqual([]);
  });
});
