import { useCallback, useEffect, useRef } from 'react';
import type { LiveControls } from '@/utils/hooks/use-live-capture';
import type { AnswerChecker } from '@/utils/live/live-session';
import { sessionTimeS, withChecklist, withEvent, type Session } from '@/utils/sessions/session';
import { useAppStore } from '@/utils/store';
import { cryptoRandom } from '../checklist/challenges';
import { parseTemplate, type Template } from '../checklist/prompts';
import { answerItem, askItem, goTo, isChallenge, markItem, noteItem, startRun, verifiedItem, type ChecklistRun, type Mark } from '../checklist/run';
import { loadTemplates, saveTemplates, withImported, type SavedTemplates } from '../checklist/templates';
import type { Verification } from '../checklist/verify';

export interface ChecklistControls {
  start: (template: Template) => void;
  /** Drops the checklist run from the session (after the interviewer confirmed). */
  discard: () => void;
  ask: (index: number) => void;
  /** Closes the open response window of prompt `index` early. */
  answer: (index: number) => void;
  mark: (index: number, mark: Mark | null) => void;
  note: (index: number, text: string) => void;
  goTo: (index: number) => void;
}

/** The response window that is open: when it opened on the session and on the analysis clock. */
interface OpenWindow {
  index: number;
  checker: AnswerChecker | null;
  fromMs: number;
  timer: ReturnType<typeof setTimeout>;
}

const notVerified = (summary: string): Verification => ({ outcome: 'not-verified', summary, evidence: {} });

/**
 * Runs the session's checklist: opens a prompt's response window, closes it when its time is up
 * (or on Done), has the live analysis check the answer, and keeps the run in the session (saved
 * as it changes, so a reload keeps the outcomes and notes; its times place it on the timeline).
 */
export function useChecklist(live: Pick<LiveControls, 'updateSession' | 'answerChecker'>): ChecklistControls {
  const openRef = useRef<OpenWindow | null>(null);
  const { updateSession, answerChecker } = live;

  /** Applies a change to the run, when there is one (its times are the timeline's record of it). */
  const updateRun = useCallback(
    (apply: (run: ChecklistRun, session: Session, nowMs: number) => ChecklistRun) =>
      updateSession((session, nowMs) => (session.checklist ? withChecklist(session, apply(session.checklist, session, nowMs), nowMs) : session)).checklist,
    [updateSession],
  );

  const settle = useCallback(
    (index: number, askedAtS: number, verification: Verification) => {
      updateRun((run) => verifiedItem(run, index, askedAtS, verification));
    },
    [updateRun],
  );

  const answer = useCallback(
    (index: number) => {
      const open = openRef.current?.index === index ? openRef.current : null;
      if (open) {
        clearTimeout(open.timer);
        openRef.current = null;
      }
      const run = updateRun((current, session, nowMs) => answerItem(current, index, sessionTimeS(session, nowMs)));
      const item = run?.items[index];
      if (!item || item.askedAtS === null || !isChallenge(item.prompt) || item.auto) return;
      const askedAtS = item.askedAtS;
      const checker = answerChecker();
      if (!open || !open.checker || open.checker !== checker) {
        settle(
          index,
          askedAtS,
          notVerified(
            open?.checker
              ? 'The capture stopped or restarted during the answer, so the signals cannot say; mark it yourself.'
              : 'No capture was analysing the call during the answer, so the signals cannot say; mark it yourself.',
          ),
        );
        return;
      }
      void checker.verify(item.prompt.verifier, open.fromMs, checker.clockMs()).then((check) =>
        settle(
          index,
          askedAtS,
          check
            ? { ...check.verification, evidence: { ...check.verification.evidence, checkMs: Number(check.computeMs.toFixed(1)) } }
            : notVerified('The capture stopped before the answer could be checked; mark it yourself.'),
        ),
      );
    },
    [answerChecker, settle, updateRun],
  );

  const ask = useCallback(
    (index: number) => {
      const open = openRef.current;
      if (open) answer(open.index);
      const checker = answerChecker();
      const run = updateRun((current, session, nowMs) => askItem(current, index, sessionTimeS(session, nowMs), cryptoRandom));
      const item = run?.items[index];
      if (!item) return;
      openRef.current = { index, checker, fromMs: checker?.clockMs() ?? Number.NaN, timer: setTimeout(() => answer(index), item.prompt.responseS * 1000) };
    },
    [answer, answerChecker, updateRun],
  );

  useEffect(
    () => () => {
      if (openRef.current) clearTimeout(openRef.current.timer);
    },
    [],
  );

  return {
    start: useCallback(
      (template: Template) => {
        updateSession((session, nowMs) => withEvent(withChecklist(session, startRun(template, cryptoRandom), nowMs), `Checklist started ("${template.name}").`, nowMs));
      },
      [updateSession],
    ),
    discard: useCallback(() => {
      if (openRef.current) clearTimeout(openRef.current.timer);
      openRef.current = null;
      updateSession((session, nowMs) => withEvent(withChecklist(session, null, nowMs), 'Checklist discarded.', nowMs));
    }, [updateSession]),
    ask,
    answer,
    mark: useCallback(
      (index: number, mark: Mark | null) => {
        updateRun((run) => markItem(run, index, mark));
      },
      [updateRun],
    ),
    note: useCallback((index: number, text: string) => void updateRun((run) => noteItem(run, index, text)), [updateRun]),
    goTo: useCallback((index: number) => void updateRun((run) => goTo(run, index)), [updateRun]),
  };
}

export interface TemplateControls {
  /** Keeps the changed templates (in the store at once, in storage as soon as it can). */
  update: (saved: SavedTemplates) => void;
  /** Imports a template from a JSON file's text; false (with a message in the store) when it is not one. */
  importJson: (json: string, fileName: string) => boolean;
}

/** Loads the interviewer's templates into the store and saves every change. */
export function useChecklistTemplates(storage: Parameters<typeof loadTemplates>[0]): TemplateControls {
  const { setTemplates, setTemplatesProblem } = useAppStore.getState();

  useEffect(() => {
    let active = true;
    void loadTemplates(storage).then(({ saved, problem }) => {
      if (!active) return;
      setTemplates(saved);
      setTemplatesProblem(problem);
    });
    return () => {
      active = false;
    };
  }, [setTemplates, setTemplatesProblem, storage]);

  const update = useCallback(
    (saved: SavedTemplates) => {
      setTemplates(saved);
      void saveTemplates(storage, saved).then(setTemplatesProblem);
    },
    [setTemplates, setTemplatesProblem, storage],
  );

  const importJson = useCallback(
    (json: string, fileName: string) => {
      const current = useAppStore.getState().templates;
      const parsed = parseTemplate(json);
      if ('problem' in parsed) {
        setTemplatesProblem(`${fileName}: ${parsed.problem} Nothing was changed.`);
        return false;
      }
      if (current) update(withImported(current, parsed.template));
      setTemplatesProblem(null);
      return true;
    },
    [setTemplatesProblem, update],
  );

  return { update, importJson };
}
