import { describe, expect, it } from 'vitest';
import { defaultTemplate } from '@/utils/checklist/prompts';
import {
  activeTemplate,
  addPrompt,
  copyTemplate,
  defaultSavedTemplates,
  movePrompt,
  removePrompt,
  selectTemplate,
  setHidden,
  withImported,
  withoutTemplate,
  withTemplate,
} from '@/utils/checklist/templates';
import { loadTemplates, saveTemplates } from '@/utils/storage/templates';
import { memoryStorage } from '../../support/memory-storage';

describe('checklist templates', () => {
  it('should keep one template per interview type and always at least one', () => {
    let saved = defaultSavedTemplates();
    const copied = copyTemplate(saved, activeTemplate(saved), '  Senior backend ');
    if (!('saved' in copied)) throw new Error(copied.problem);
    saved = copied.saved;
    expect(saved.active).toBe('Senior backend');
    expect(copyTemplate(saved, activeTemplate(saved), 'Senior backend')).toEqual({
      problem: 'A template named "Senior backend" already exists.',
    });
    expect(copyTemplate(saved, activeTemplate(saved), '  ')).toMatchObject({ problem: expect.stringMatching(/name/) });
    expect(selectTemplate(saved, 'Standard interview').active).toBe('Standard interview');
    expect(selectTemplate(saved, 'missing').active).toBe('Senior backend');
    saved = withoutTemplate(saved, 'Senior backend');
    expect(saved.templates.map((t) => t.name)).toEqual(['Standard interview']);
    expect(saved.active).toBe('Standard interview');
    expect(withoutTemplate(saved, 'Standard interview')).toBe(saved);
    const imported = withImported(
      withImported(saved, defaultTemplate('Standard interview')),
      defaultTemplate('Standard interview'),
    );
    expect(imported.templates.map((t) => t.name)).toEqual([
      'Standard interview',
      'Standard interview (imported)',
      'Standard interview (imported 2)',
    ]);
    expect(imported.active).toBe('Standard interview (imported 2)');
    const renamed = withTemplate(saved, { ...defaultTemplate('Standard interview'), hidden: ['blink-twice'] });
    expect(renamed.templates).toHaveLength(1);
    expect(activeTemplate(renamed).hidden).toEqual(['blink-twice']);
  });

  it('should hide, show and reorder prompts', () => {
    let template = defaultTemplate();
    template = setHidden(setHidden(template, 'blink-twice', true), 'show-room', true);
    expect(setHidden(template, 'blink-twice', false).hidden).toEqual(['show-room']);
    const first = template.prompts[0]?.id;
    template = movePrompt(template, first as string, 2);
    expect(template.prompts[2]?.id).toBe(first);
    expect(movePrompt(template, first as string, -10).prompts[0]?.id).toBe(first);
    expect(movePrompt(template, 'missing', 1)).toBe(template);
  });

  it('should add the interviewer own prompts with unique ids, refuse empty words, and remove only own prompts', () => {
    let template = defaultTemplate();
    const draft = { group: 'technical' as const, say: 'Walk me through your last deploy!', why: '', watch: '' };
    for (let i = 0; i < 2; i++) {
      const added = addPrompt(template, draft);
      if (!('template' in added)) throw new Error(added.problem);
      template = added.template;
    }
    expect(template.prompts.slice(-2).map((p) => p.id)).toEqual([
      'own-walk-me-through-your-last-deploy',
      'own-walk-me-through-your-last-deploy-2',
    ]);
    expect(template.prompts.at(-1)).toMatchObject({
      verifier: 'manual',
      why: 'Your own question.',
      group: 'technical',
    });
    expect(addPrompt(template, { ...draft, say: '   ' })).toMatchObject({
      problem: expect.stringMatching(/^The words to say/),
    });
    expect(removePrompt(template, 'own-walk-me-through-your-last-deploy-2').prompts).toHaveLength(
      template.prompts.length - 1,
    );
    expect(removePrompt(template, 'turn-profile')).toBe(template);
  });

  it('should save and load templates, and fall back to the standard one with a message on stored junk', async () => {
    const storage = memoryStorage();
    expect(await loadTemplates(storage)).toEqual({ saved: defaultSavedTemplates(), problem: null });
    const saved = withTemplate(defaultSavedTemplates(), defaultTemplate('Graduate'));
    expect(await saveTemplates(storage, saved)).toBeNull();
    expect((await loadTemplates(storage)).saved).toEqual(saved);
    await storage.set({ checklistTemplates: { schemaVersion: 1, active: 'x', templates: [] } });
    const broken = await loadTemplates(storage);
    expect(broken.saved).toEqual(defaultSavedTemplates());
    expect(broken.problem).toMatch(/could not be read/);
    expect(await saveTemplates(memoryStorage(true), saved)).toMatch(/could not be saved \(QUOTA_BYTES/);
  });
});
