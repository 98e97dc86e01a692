import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultTemplate } from '@/utils/checklist/prompts';
import type { ChecklistItem } from '@/utils/checklist/run';
import { ChecklistController, EARLY_CHECK_EVERY_MS } from '@/utils/live/checklist-controller';
import type { AnswerCheck } from '@/utils/live/analysis-link';
import type { AnswerChecker } from '@/utils/live/live-session';
import { newSession, type Session } from '@/utils/sessions/session';
import { seededRandom } from '../../support/generators';

const T0 = Date.UTC(2026, 10, 28, 10, 0, 0);
const passed = { outcome: 'passed' as const, summary: 'two blinks', evidence: { blinks: 2 } };

const notYet = { outcome: 'not-verified' as const, summary: 'too little speech', evidence: { speechS: 0.8 } };
const concern = { outcome: 'concern' as const, summary: 'sound 520 ms off the lips', evidence: { offsetMs: 520 } };
const check = (verification: AnswerCheck['verification']): AnswerCheck => ({ verification, computeMs: 3.21 });

/**
 * A checker on the fake clock whose answers resolve with `result` (or what it gives for the
 * call's number, 0 first, and window); it records verify and prepare calls.
 */
function fakeChecker(
  result:
    | AnswerCheck
    | null
    | ((call: number, fromMs: number, toMs: number) => AnswerCheck | null | Promise<AnswerCheck | null>) = {
    verification: passed,
    computeMs: 12.34,
  },
) {
  const calls: [string, number, number][] = [];
  const prepared: [string, number][] = [];
  const checker: AnswerChecker & { calls: typeof calls; prepared: typeof prepared } = {
    calls,
    prepared,
    clockMs: () => Date.now(),
    verify: async (verifier, fromMs, toMs) => {
      calls.push([verifier, fromMs, toMs]);
      return typeof result === 'function' ? result(calls.length - 1, fromMs, toMs) : result;
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

/** A promise settled from outside: a worker reply that has not come back yet. */
function deferred() {
  let resolve: (check: AnswerCheck | null) => void = () => undefined;
  const promise = new Promise<AnswerCheck | null>((done) => (resolve = done));
  return { promise, resolve };
}

describe('ChecklistController, read a phrase', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('should check the reading every second and settle it as soon as lip sync has a verdict', async () => {
    const checker = fakeChecker((call) => check(call < 2 ? notYet : concern));
    const { controller, indexOf, item } = setUp(checker);
    vi.advanceTimersByTime(5000);
    controller.ask(indexOf('read-phrase'));
    expect(checker.prepared).toEqual([['read-phrase', T0 + 5000 + item('read-phrase').prompt.responseS * 1000]]);
    await vi.advanceTimersByTimeAsync(EARLY_CHECK_EVERY_MS - 1);
    expect(checker.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(2 * EARLY_CHECK_EVERY_MS);
    expect(checker.calls).toEqual([1, 2, 3].map((s) => ['read-phrase', T0 + 5000, T0 + 5000 + s * 1000]));
    expect(item('read-phrase')).toMatchObject({
      askedAtS: 5,
      answeredAtS: 8,
      auto: { ...concern, evidence: { offsetMs: 520, checkMs: 3.2 } },
    });
    // The window is closed: no more checks, and its time running out changes nothing.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(checker.calls).toHaveLength(3);
    expect(item('read-phrase').auto?.outcome).toBe('concern');
  });

  it('should keep the fixed window as the limit while lip sync cannot tell, then check the whole answer', async () => {
    const checker = fakeChecker((_call, fromMs, toMs) => check(toMs - fromMs < 20_000 ? notYet : passed));
    const { controller, indexOf, item } = setUp(checker);
    controller.ask(indexOf('read-phrase'));
    const responseMs = item('read-phrase').prompt.responseS * 1000;
    await vi.advanceTimersByTimeAsync(responseMs - 1);
    expect(item('read-phrase').answeredAtS).toBeNull();
    const early = checker.calls.length;
    expect(early).toBe(Math.floor((responseMs - 1) / EARLY_CHECK_EVERY_MS));
    await vi.advanceTimersByTimeAsync(1);
    expect(checker.calls.slice(early)).toEqual([['read-phrase', T0, T0 + responseMs]]);
    expect(item('read-phrase')).toMatchObject({ answeredAtS: responseMs / 1000, auto: { outcome: 'passed' } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(checker.calls).toHaveLength(early + 1);
  });

  it('should close early on Done as before, and drop an early check that comes back after it', async () => {
    const replies = [deferred(), deferred()];
    const checker = fakeChecker((call) => replies[call]?.promise ?? null);
    const { controller, indexOf, item } = setUp(checker);
    controller.ask(indexOf('read-phrase'));
    await vi.advanceTimersByTimeAsync(1500);
    controller.answer(indexOf('read-phrase'));
    expect(checker.calls.map(([, , toMs]) => toMs)).toEqual([T0 + 1000, T0 + 1500]);
    replies[0]?.resolve(check(passed));
    await vi.advanceTimersByTimeAsync(0);
    expect(item('read-phrase').auto).toBeNull();
    replies[1]?.resolve(check(concern));
    await vi.advanceTimersByTimeAsync(0);
    expect(item('read-phrase').auto?.outcome).toBe('concern');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(checker.calls).toHaveLength(2);
  });

  it('should drop an early check that comes back after another prompt was asked', async () => {
    const early = deferred();
    const checker = fakeChecker((call) => (call === 0 ? early.promise : check(notYet)));
    const { controller, indexOf, item } = setUp(checker);
    controller.ask(indexOf('read-phrase'));
    await vi.advanceTimersByTimeAsync(1200);
    controller.ask(indexOf('blink-twice'));
    early.resolve(check(concern));
    await vi.advanceTimersByTimeAsync(0);
    // The reading is settled by its window's own check, over all of it.
    expect(item('read-phrase').auto?.outcome).toBe('not-verified');
    expect(checker.calls[1]).toEqual(['read-phrase', T0, T0 + 1200]);
    expect(item('blink-twice')).toMatchObject({ askedAtS: 1.2, answeredAtS: null, auto: null });
  });

  it('should drop an early check of an earlier asking of the same prompt', async () => {
    const first = deferred();
    const checker = fakeChecker((call) => (call === 0 ? first.promise : check(notYet)));
    const { controller, indexOf, item } = setUp(checker);
    controller.ask(indexOf('read-phrase'));
    await vi.advanceTimersByTimeAsync(1000);
    controller.ask(indexOf('read-phrase'));
    first.resolve(check(concern));
    await vi.advanceTimersByTimeAsync(0);
    expect(item('read-phrase')).toMatchObject({ askedAtS: 1, answeredAtS: null, auto: null });
  });

  it('should not ask again while a check is still out', async () => {
    const slow = deferred();
    const checker = fakeChecker((call) => (call === 0 ? slow.promise : check(concern)));
    const { controller, indexOf, item } = setUp(checker);
    controller.ask(indexOf('read-phrase'));
    await vi.advanceTimersByTimeAsync(3500);
    expect(checker.calls).toHaveLength(1);
    slow.resolve(check(notYet));
    await vi.advanceTimersByTimeAsync(500);
    expect(checker.calls.map(([, , toMs]) => toMs)).toEqual([T0 + 1000, T0 + 4000]);
    expect(item('read-phrase')).toMatchObject({ answeredAtS: 4, auto: { outcome: 'concern' } });
  });

  it('should stop checking early when the capture restarts, and say so at the end', async () => {
    const checker = fakeChecker(check(notYet));
    const { controller, indexOf, item, swapChecker } = setUp(checker);
    controller.ask(indexOf('read-phrase'));
    await vi.advanceTimersByTimeAsync(2000);
    swapChecker(fakeChecker(check(concern)));
    await vi.advanceTimersByTimeAsync(5000);
    expect(checker.calls).toHaveLength(2);
    controller.answer(indexOf('read-phrase'));
    expect(item('read-phrase').auto?.summary).toMatch(/stopped or restarted during the answer/);
  });

  it('should not check early without a capture, nor after dispose', async () => {
    const { controller, indexOf, item } = setUp(null);
    controller.ask(indexOf('read-phrase'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(item('read-phrase').auto).toBeNull();
    const checker = fakeChecker(check(concern));
    const other = setUp(checker);
    other.controller.ask(other.indexOf('read-phrase'));
    other.controller.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(checker.calls).toEqual([]);
  });

  it.each(['turn-profile', 'blink-twice', 'hand-across-face', 'id-document'])(
    'should not check %s before its window closes',
    async (id) => {
      const checker = fakeChecker(check(concern));
      const { controller, indexOf, item } = setUp(checker);
      controller.ask(indexOf(id));
      await vi.advanceTimersByTimeAsync(item(id).prompt.responseS * 1000 - 1);
      expect(checker.calls).toEqual([]);
    },
  );
});
