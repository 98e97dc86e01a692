/** The interviewer's checklist templates in extension storage; unreadable ones are left untouched. */
import { defaultSavedTemplates, SavedTemplatesSchema, type SavedTemplates } from '@/utils/checklist/templates';
import { firstProblem } from '@/utils/common/zod-problem';
import type { KeyValueStorage } from './key-value-storage';

const KEY = 'checklistTemplates';

/** The saved templates, or the built-in default with the reason when none or unreadable ones were stored. */
export async function loadTemplates(
  storage: KeyValueStorage,
): Promise<{ saved: SavedTemplates; problem: string | null }> {
  try {
    const stored = (await storage.get(KEY))[KEY];
    if (stored === undefined) return { saved: defaultSavedTemplates(), problem: null };
    const parsed = SavedTemplatesSchema.safeParse(stored);
    if (parsed.success) return { saved: parsed.data, problem: null };
    return {
      saved: defaultSavedTemplates(),
      problem: `Your saved checklist templates could not be read${firstProblem(parsed.error)}; the standard one is shown and they are left as they were until you change a template.`,
    };
  } catch (error) {
    return {
      saved: defaultSavedTemplates(),
      problem: `Checklist templates could not be read (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}

/** Saves the templates; resolves to null, or to a message for the interviewer. */
export async function saveTemplates(storage: KeyValueStorage, saved: SavedTemplates): Promise<string | null> {
  try {
    await storage.set({ [KEY]: SavedTemplatesSchema.parse(saved) });
    return null;
  } catch (error) {
    return `Checklist templates could not be saved (${error instanceof Error ? error.message : String(error)}); export the template to keep your changes.`;
  }
}
