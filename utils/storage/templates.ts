/** The interviewer's checklist templates in extension storage; unreadable ones are left untouched. */
import { defaultSavedTemplates, SavedTemplatesSchema, type SavedTemplates } from '@/utils/checklist/templates';
import { plainProblem } from '@/utils/common/zod-problem';
import { STORED_TEXT } from '@/utils/wording/storage';
import type { KeyValueStorage } from './key-value-storage';
import { messageOf } from '@/utils/common/error-message';

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
      problem: STORED_TEXT.templatesInvalid(plainProblem(parsed.error)),
    };
  } catch (error) {
    return {
      saved: defaultSavedTemplates(),
      problem: STORED_TEXT.templatesUnreadable(messageOf(error)),
    };
  }
}

/** Saves the templates; resolves to null, or to a message for the interviewer. */
export async function saveTemplates(storage: KeyValueStorage, saved: SavedTemplates): Promise<string | null> {
  try {
    await storage.set({ [KEY]: SavedTemplatesSchema.parse(saved) });
    return null;
  } catch (error) {
    return STORED_TEXT.templatesUnsaved(messageOf(error));
  }
}
