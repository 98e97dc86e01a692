import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultTemplate } from '@/utils/checklist/prompts';
import type { ChecklistItem } from '@/utils/checklist/run';
import { ChecklistController } from '@/utils/live/checklist-controller';
import type { AnswerCheck } from '@/utils/live/analysis-link';
import type { AnswerChecker } from '@/utils/live/live-session';
import { newSession, type Session } from '@/utils/sessions/session';
import { seededRandom } from '../../support/generators';

const T0 = Date.UTC(2026, 10, 28, 10, 0, 0);
const passed = { outcome: 'passed' as const, summary: 'two blinks', evidence: { blinks: 2 } };

/** A checker on the fake clock whose answers resolve with `result`; it records verify and prepare calls. */
function fakeChecker(result: AnswerCheck | null = { verification: passed, computeMs: 12.34 }) {
  const calls: [string, number, number][] = [];
  const prepared: [string, number][] = [];
  const checker: AnswerChecker & { calls: typeof calls; prepared: typeof prepared } = {
    calls,
    prepared,
    clockMs: () => Date.now(),
    verify: async (verifier, fromMs, toMs) => {
      calls.push([verifier, fromMs, toMs]);
      return result;
    },
    prepare: (verifier, untilMs) => void prepared.push([verifier, untilMs]),
  };
  return checker;
}

function setUp(checker: AnswerChecker | null = fakeChecker()) {
  let session: Session = newSession('s', 1, Date.now());
  let current = checker;
  const controller = new ChecklistController(
    {
      update: (apply) => (session = apply(session, Date.now())),
      answerChecker: () => current,
    },
    undefined,
    seededRandom(3),
  );
  controller.start(defaultTemplate());
  const indexOf = (id: string) => session.checklist?.items.findIndex((item) => item.prompt.id === id) ?? -1;
  const item = (id: string) => session.checklist?.items[indexOf(id)] as ChecklistItem;
  return {
    controller,
    indexOf,
    item,
    session: () => session,
    swapChecker: (next: AnswerChecker | null) => (current = next),
  };
}

describe('ChecklistController', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('should start a run with the template and note it on the timeline', () => {
    const { session } = setUp();
    expect(session().checklist?.items.length).toBe(defaultTemplate().prompts.length);
    expect(session().events.at(-1)?.text).toBe('Checklist started ("Standard interview").');
  });

  it('should close the response window when its time is up and check the answer over it', async () => {
    const checker = fakeChecker();
    const { controller, indexOf, item } = setUp(checker);
    const blink = indexOf('blink-twice');
    vi.advanceTimersByTime(2000);
    controller.ask(blink);
    const responseMs = item('blink-twice').prompt.responseS * 1000;
    await vi.advanceTimersByTimeAsync(responseMs - 1);
    expect(checker.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(checker.calls).toEqual([['blink', T0 + 2000, T0 + 2000 + responseMs]]);
    expect(item('blink-twice').auto).toEqual({ ...passed, evidence: { blinks: 2, checkMs: 12.3 } });
    expect(item('blink-twice').askedAtS).toBe(2);
  });

  it("should check at once on Done, and not again when the window's time would have been up", async () => {
    const checker = fakeChecker();
    const { controller, indexOf } = setUp(checker);
    controller.ask(indexOf('blink-twice'));
    await vi.advanceTimersByTimeAsync(1500);
    controller.answer(indexOf('blink-twice'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(checker.calls).toHaveLength(1);
    expect(checker.calls[0]?.[2]).toBe(T0 + 1500);
  });

  it('should close an open window when another prompt is asked', async () => {
    const checker = fakeChecker();
    const { controller, indexOf } = setUp(checker);
    controller.ask(indexOf('blink-twice'));
    await vi.advanceTimersByTimeAsync(1000);
    controller.ask(indexOf('turn-profile'));
    expect(checker.calls.map(([verifier]) => verifier)).toEqual(['blink']);
  });

  it.each([
    ['no capture ran', null, null, /No capture was analysing the call/],
    ['the capture restarted', fakeChecker(), fakeChecker(), /stopped or restarted during the answer/],
    ['the capture stopped before the check', fakeChecker(null), 'same', /stopped before the answer could be checked/],
  ] as const)('should say the answer is not verified when %s', async (_case, before, after, summary) => {
    const { controller, indexOf, item, swapChecker } = setUp(before);
    controller.ask(indexOf('blink-twice'));
    if (after !== 'same') swapChecker(after);
    controller.answer(indexOf('blink-twice'));
    await vi.runAllTimersAsync();
    expect(item('blink-twice').auto?.outcome).toBe('not-verified');
    expect(item('blink-twice').auto?.summary).toMatch(summary);
  });

  it('should not check a manual prompt, and keep marks and notes', async () => {
    const checker = fakeChecker();
    const { controller, item, session } = setUp(checker);
    const manual = session().checklist?.items.findIndex((entry) => entry.prompt.verifier === 'manual') ?? -1;
    const id = session().checklist?.items[manual]?.prompt.id ?? '';
    controller.ask(manual);
    controller.answer(manual);
    controller.mark(manual, 'passed');
    controller.note(manual, 'answered well');
    await vi.runAllTimersAsync();
    expect(checker.calls).toEqual([]);
    expect(item(id)).toMatchObject({ mark: 'passed', note: 'answered well', auto: null });
  });

  it.each([
    ['blink-twice', 'blink'],
    ['id-document', 'photo-id'],
  ] as const)(
    'should tell the checker what %s is checked by and when its answer is due, as its window opens',
    async (id, verifier) => {
      const checker = fakeChecker();
      const { controller, indexOf, item } = setUp(checker);
      vi.advanceTimersByTime(3000);
      controller.ask(indexOf(id));
      const responseMs = item(id).prompt.responseS * 1000;
      expect(checker.prepared).toEqual([[verifier, T0 + 3000 + responseMs]]);
      expect(checker.calls).toEqual([]);
      await vi.advanceTimersByTimeAsync(responseMs);
      expect(checker.calls).toEqual([[verifier, T0 + 3000, T0 + 3000 + responseMs]]);
      expect(checker.prepared).toHaveLength(1);
    },
  );

  it('should not prepare the checker for a manual prompt', () => {
    const checker = fakeChecker();
    const { controller, session } = setUp(checker);
    const manual = session().checklist?.items.findIndex((entry) => entry.prompt.verifier === 'manual') ?? -1;
    expect(manual).toBeGreaterThanOrEqual(0);
    controller.ask(manual);
    expect(checker.prepared).toEqual([]);
  });

  it('should drop the run on discard and let no timer fire after dispose', async () => {
    const checker = fakeChecker();
    const { controller, indexOf, session } = setUp(checker);
    controller.ask(indexOf('blink-twice'));
    controller.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(checker.calls).toEqual([]);
    controller.discard();
    expect(session().checklist).toBeNull();
    expect(session().events.at(-1)?.text).toBe('Checklist discarded.');
  });
});
