import { useCallback, useEffect, useMemo } from 'react';
import { parseTemplate, type Template } from '@/utils/checklist/prompts';
import type { Mark } from '@/utils/checklist/run';
import { withImported, type SavedTemplates } from '@/utils/checklist/templates';
import { loadTemplates, saveTemplates } from '@/utils/storage/templates';
import type { LiveControls } from '@/utils/hooks/use-live-capture';
import { useAppStore } from '@/utils/store';

/** The session's checklist, run by the tab's host (utils/live/checklist-controller.ts) wherever it is. */
export interface ChecklistControls {
  start(template: Template): void;
  discard(): void;
  ask(index: number): void;
  answer(index: number): void;
  mark(index: number, mark: Mark | null): void;
  note(index: number, text: string): void;
  goTo(index: number): void;
}

export function useChecklist(live: Pick<LiveControls, 'run'>): ChecklistControls {
  const { run } = live;
  return useMemo(
    () => ({
      start: (template) => run({ kind: 'checklist-start', template }),
      discard: () => run({ kind: 'checklist-discard' }),
      ask: (index) => run({ kind: 'checklist-ask', index }),
      answer: (index) => run({ kind: 'checklist-answer', index }),
      mark: (index, mark) => run({ kind: 'checklist-mark', index, mark }),
      note: (index, text) => run({ kind: 'checklist-note', index, text }),
      goTo: (index) => run({ kind: 'checklist-go-to', index }),
    }),
    [run],
  );
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
