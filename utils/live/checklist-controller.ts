/**
 * The session's checklist run, without React: opens a prompt's response window, closes it when
 * its time is up (or on Done), has the live analysis check the answer, and keeps the run in the
 * session (saved as it changes, so a reload keeps outcomes and notes; its times place it on the
 * timeline). Timers and randomness come in, so tests use fakes.
 */
import { cryptoRandom, type RandomSource } from '@/utils/checklist/challenges';
import type { Template } from '@/utils/checklist/prompts';
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
import type { Timers } from './analysis-link';
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
  timer: ReturnType<typeof setTimeout>;
}

const notVerified = (summary: string): Verification => ({ outcome: 'not-verified', summary, evidence: {} });

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
    if (checker && isChallenge(item.prompt))
      checker.prepare(item.prompt.verifier, fromMs + item.prompt.responseS * 1000);
    this.open = { index, checker, fromMs, timer };
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
      const evidence = { ...check.verification.evidence, checkMs: Number(check.computeMs.toFixed(1)) };
      this.settle(index, askedAtS, { ...check.verification, evidence });
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
    if (this.open) this.timers.clearTimeout(this.open.timer);
    this.open = null;
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
