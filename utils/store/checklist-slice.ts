import type { StateCreator } from 'zustand';
import type { SavedTemplates } from '@/utils/checklist/templates';
import type { AppState } from './index';

export interface ChecklistSlice {
  /** The interviewer's checklist templates (null until read from storage). */
  templates: SavedTemplates | null;
  /** Why templates could not be read, saved or imported, in plain words; null when all is well. */
  templatesProblem: string | null;
  setTemplates: (templates: SavedTemplates) => void;
  setTemplatesProblem: (problem: string | null) => void;
}

export const createChecklistSlice: StateCreator<AppState, [], [], ChecklistSlice> = (set) => ({
  templates: null,
  templatesProblem: null,
  setTemplates: (templates) => set({ templates }),
  setTemplatesProblem: (templatesProblem) => set({ templatesProblem }),
});
