/**
 * The session's checklist run, without React: opens a prompt's response window, closes it when
 * its time is up (or on Done), has the live analysis check the answer, and keeps the run in the
 * session (saved as it changes, so a reload keeps outcomes and notes; its times place it on the
 * timeline). A read phrase is checked every second while its window is open and closes as soon
 * as lip sync has a verdict; the other verifiers need the whole answer. Timers and randomness
 * come in, so tests use fakes.
 */
import { cryptoRandom, type RandomSource } from '@/utils/checklist/challenges';
import type { CheckedVerifier, Template } from '@/utils/checklist/prompts';
import {
  answerItem,
  askItem,
  goTo,
  isChallenge,
  markItem,
  noteItem,
  startRun,
  verifiedItem,
  type ChecklistRun,
  type Mark,
} from '@/utils/checklist/run';
import type { Verification } from '@/utils/checklist/verify';
import { sessionTimeS, withChecklist, withEvent, type Session } from '@/utils/sessions/session';
import { CHECKLIST_TEXT } from '@/utils/wording/checklist-run';
import type { AnswerCheck, Timers } from './analysis-link';
import type { AnswerChecker } from './live-session';

/** What the checklist needs of the live session. */
export interface ChecklistHost {
  update: (apply: (session: Session, nowMs: number) => Session) => Session;
  answerChecker: () => AnswerChecker | null;
}

/** The response window that is open: which prompt, who checks it, and since when on its clock. */
interface OpenWindow {
  index: number;
  checker: AnswerChecker | null;
  fromMs: number;
  /** Closes the window when its time is up. */
  timer: ReturnType<typeof setTimeout>;
  /** The next early check of an answer that can be judged before the window closes. */
  early: ReturnType<typeof setTimeout> | null;
}

/**
 * Verifiers whose answer is judged as soon as the signals say passed or concern: lip sync decides
 * a read phrase within seconds of speech, and more speech only confirms it. The others need the
 * whole answer (a turn to both sides, two blinks, the hand across and gone again, the ID held up).
 */
const EARLY_VERIFIERS: ReadonlySet<CheckedVerifier> = new Set(['read-phrase']);
/** An answer that can be judged early is checked this often while its window is open, ms. */
export const EARLY_CHECK_EVERY_MS = 1000;

const notVerified = (summary: string): Verification => ({ outcome: 'not-verified', summary, evidence: {} });

/** The verification with the worker's time in its evidence. */
const withCheckMs = (check: AnswerCheck): Verification => ({
  ...check.verification,
  evidence: { ...check.verification.evidence, checkMs: Number(check.computeMs.toFixed(1)) },
});

const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (id) => clearTimeout(id),
};

export class ChecklistController {
  private open: OpenWindow | null = null;

  constructor(
    private readonly host: ChecklistHost,
    private readonly timers: Timers = globalTimers,
    private readonly random: RandomSource = cryptoRandom,
  ) {}

  start(template: Template): void {
    this.host.update((session, nowMs) =>
      withEvent(
        withChecklist(session, startRun(template, this.random), nowMs),
        CHECKLIST_TEXT.started(template.name),
        nowMs,
      ),
    );
  }

  /** Drops the checklist run from the session (after the interviewer confirmed). */
  discard(): void {
    this.closeWindow();
    this.host.update((session, nowMs) =>
      withEvent(withChecklist(session, null, nowMs), CHECKLIST_TEXT.discarded, nowMs),
    );
  }

  /** Opens prompt `index`'s response window (closing any other first). */
  ask(index: number): void {
    if (this.open) this.answer(this.open.index);
    const checker = this.host.answerChecker();
    const run = this.updateRun((current, session, nowMs) =>
      askItem(current, index, sessionTimeS(session, nowMs), this.random),
    );
    const item = run?.items[index];
    if (!item) return;
    const timer = this.timers.setTimeout(() => this.answer(index), item.prompt.responseS * 1000);
    const fromMs = checker?.clockMs() ?? Number.NaN;
    this.open = { index, checker, fromMs, timer, early: null };
    if (checker && isChallenge(item.prompt)) {
      checker.prepare(item.prompt.verifier, fromMs + item.prompt.responseS * 1000);
      if (EARLY_VERIFIERS.has(item.prompt.verifier)) this.checkEarly(this.open, item.prompt.verifier);
    }
  }

  /** Closes prompt `index`'s response window (early on Done, or when its time is up) and checks the answer. */
  answer(index: number): void {
    const open = this.open?.index === index ? this.open : null;
    if (open) this.closeWindow();
    const run = this.updateRun((current, session, nowMs) => answerItem(current, index, sessionTimeS(session, nowMs)));
    const item = run?.items[index];
    if (!item || item.askedAtS === null || !isChallenge(item.prompt) || item.auto) return;
    const askedAtS = item.askedAtS;
    const checker = this.host.answerChecker();
    if (!open || !open.checker || open.checker !== checker) {
      const why = open?.checker ? CHECKLIST_TEXT.captureRestarted : CHECKLIST_TEXT.noCapture;
      this.settle(index, askedAtS, notVerified(why));
      return;
    }
    void checker.verify(item.prompt.verifier, open.fromMs, checker.clockMs()).then((check) => {
      if (!check) {
        this.settle(index, askedAtS, notVerified(CHECKLIST_TEXT.stoppedBeforeCheck));
        return;
      }
      this.settle(index, askedAtS, withCheckMs(check));
    });
  }

  mark(index: number, mark: Mark | null): void {
    this.updateRun((run) => markItem(run, index, mark));
  }

  note(index: number, text: string): void {
    this.updateRun((run) => noteItem(run, index, text));
  }

  goTo(index: number): void {
    this.updateRun((run) => goTo(run, index));
  }

  /** The panel goes away: an open window's timer must not fire into a closed session. */
  dispose(): void {
    this.closeWindow();
  }

  private closeWindow(): void {
    if (this.open) {
      this.timers.clearTimeout(this.open.timer);
      if (this.open.early !== null) this.timers.clearTimeout(this.open.early);
    }
    this.open = null;
  }

  /**
   * Checks the answer so far every EARLY_CHECK_EVERY_MS while `open` stays the open window with
   * its checker (one check at a time: a tick while one is out waits for the next). A verdict
   * (passed or concern) closes the window at once and is the answer's outcome. A check that comes
   * back after the window closed (Done, its time up, another prompt asked) is dropped: the
   * window's own check settles the answer.
   */
  private checkEarly(open: OpenWindow, verifier: CheckedVerifier): void {
    let checking = false;
    const tick = () => {
      const checker = open.checker;
      if (this.open !== open || !checker || checker !== this.host.answerChecker()) return;
      open.early = this.timers.setTimeout(tick, EARLY_CHECK_EVERY_MS);
      if (checking) return;
      checking = true;
      void checker.verify(verifier, open.fromMs, checker.clockMs()).then((check) => {
        checking = false;
        if (this.open !== open || !check || check.verification.outcome === 'not-verified') return;
        this.closeWindow();
        const run = this.updateRun((current, session, nowMs) =>
          answerItem(current, open.index, sessionTimeS(session, nowMs)),
        );
        const askedAtS = run?.items[open.index]?.askedAtS;
        if (askedAtS !== undefined && askedAtS !== null) this.settle(open.index, askedAtS, withCheckMs(check));
      });
    };
    open.early = this.timers.setTimeout(tick, EARLY_CHECK_EVERY_MS);
  }

  private settle(index: number, askedAtS: number, verification: Verification): void {
    this.updateRun((run) => verifiedItem(run, index, askedAtS, verification));
  }

  /** Applies a change to the run, when there is one (its times are the timeline's record of it). */
  private updateRun(apply: (run: ChecklistRun, session: Session, nowMs: number) => ChecklistRun): ChecklistRun | null {
    return this.host.update((session, nowMs) =>
      session.checklist ? withChecklist(session, apply(session.checklist, session, nowMs), nowMs) : session,
    ).checklist;
  }
}
