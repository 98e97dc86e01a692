import { useCallback, useEffect, useMemo } from 'react';
import { parseTemplate } from '@/utils/checklist/prompts';
import { withImported, type SavedTemplates } from '@/utils/checklist/templates';
import { loadTemplates, saveTemplates } from '@/utils/storage/templates';
import type { LiveControls } from '@/utils/hooks/use-live-capture';
import { ChecklistController } from '@/utils/live/checklist-controller';
import { useAppStore } from '@/utils/store';

export type ChecklistControls = Pick<
  ChecklistController,
  'start' | 'discard' | 'ask' | 'answer' | 'mark' | 'note' | 'goTo'
>;

/** The session's checklist (utils/live/checklist-controller.ts), alive as long as the panel. */
export function useChecklist(live: Pick<LiveControls, 'updateSession' | 'answerChecker'>): ChecklistControls {
  const { updateSession, answerChecker } = live;
  const controller = useMemo(
    () => new ChecklistController({ update: updateSession, answerChecker }),
    [answerChecker, updateSession],
  );
  useEffect(() => () => controller.dispose(), [controller]);
  return controller;
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
