/**
 * The interviewer's saved checklist templates, one per interview type, and the edits made to
 * them in the panel (pure; utils/storage/templates.ts keeps them in extension storage).
 */
import { z } from 'zod';
import { defaultTemplate, PromptSchema, TemplateSchema, type Prompt, type Template } from './prompts';

export const SavedTemplatesSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** The template a new checklist starts from. */
    active: z.string(),
    templates: z.array(TemplateSchema).min(1),
  })
  .refine((saved) => saved.templates.some((template) => template.name === saved.active), {
    message: 'the active template is missing',
    path: ['active'],
  });
export type SavedTemplates = z.infer<typeof SavedTemplatesSchema>;

export function defaultSavedTemplates(): SavedTemplates {
  const template = defaultTemplate();
  return { schemaVersion: 1, active: template.name, templates: [template] };
}

export function activeTemplate(saved: SavedTemplates): Template {
  return saved.templates.find((template) => template.name === saved.active) ?? (saved.templates[0] as Template);
}

/** Adds the template, or replaces the one of the same name, and makes it the active one. */
export function withTemplate(saved: SavedTemplates, template: Template): SavedTemplates {
  const others = saved.templates.filter((other) => other.name !== template.name);
  return { ...saved, active: template.name, templates: [...others, template] };
}

/** Adds an imported template; one whose name is taken is renamed "(imported)", so no saved template is overwritten. */
export function withImported(saved: SavedTemplates, template: Template): SavedTemplates {
  const taken = (name: string) => saved.templates.some((other) => other.name === name);
  let name = template.name;
  for (let n = 1; taken(name); n++) name = `${template.name.slice(0, 60)} (imported${n > 1 ? ` ${n}` : ''})`;
  return withTemplate(saved, { ...template, name });
}

/** Removes a template; the last one is never removed (a checklist always has a template). */
export function withoutTemplate(saved: SavedTemplates, name: string): SavedTemplates {
  const rest = saved.templates.filter((template) => template.name !== name);
  if (rest.length === 0) return saved;
  return { ...saved, active: saved.active === name ? (rest[0] as Template).name : saved.active, templates: rest };
}

export function selectTemplate(saved: SavedTemplates, name: string): SavedTemplates {
  return saved.templates.some((template) => template.name === name) ? { ...saved, active: name } : saved;
}

/** A copy of `template` under a new name, or a message when the name is empty or taken. */
export function copyTemplate(
  saved: SavedTemplates,
  template: Template,
  name: string,
): { saved: SavedTemplates } | { problem: string } {
  const trimmed = name.trim();
  if (!trimmed) return { problem: 'Give the new template a name, e.g. the interview type.' };
  if (trimmed.length > 80) return { problem: 'Template names are at most 80 characters.' };
  if (saved.templates.some((other) => other.name === trimmed))
    return { problem: `A template named "${trimmed}" already exists.` };
  return { saved: withTemplate(saved, { ...template, name: trimmed }) };
}

export function setHidden(template: Template, promptId: string, hidden: boolean): Template {
  const others = template.hidden.filter((id) => id !== promptId);
  return { ...template, hidden: hidden ? [...others, promptId] : others };
}

/** Moves a prompt `delta` places up (negative) or down, within the list. */
export function movePrompt(template: Template, promptId: string, delta: number): Template {
  const from = template.prompts.findIndex((prompt) => prompt.id === promptId);
  if (from < 0) return template;
  const to = Math.min(template.prompts.length - 1, Math.max(0, from + delta));
  const prompts = [...template.prompts];
  const [moved] = prompts.splice(from, 1);
  prompts.splice(to, 0, moved as Prompt);
  return { ...template, prompts };
}

/** What the interviewer types to add a prompt of their own (checked by the interviewer, not the signals). */
export interface PromptDraft {
  group: Prompt['group'];
  say: string;
  why: string;
  watch: string;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 36)
    .replace(/^-+|-+$/g, '') || 'prompt';

/** The template with the interviewer's own prompt added at the end, or a message saying what is missing. */
export function addPrompt(template: Template, draft: PromptDraft): { template: Template } | { problem: string } {
  const base = `own-${slug(draft.say)}`;
  let id = base;
  for (let n = 2; template.prompts.some((prompt) => prompt.id === id); n++) id = `${base}-${n}`;
  const parsed = PromptSchema.safeParse({
    id,
    group: draft.group,
    say: draft.say,
    why: draft.why.trim() || 'Your own question.',
    watch: draft.watch.trim() || 'Anything that does not fit.',
    verifier: 'manual',
    responseS: 30,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === 'say' ? 'The words to say' : String(issue?.path[0] ?? 'The prompt');
    return { problem: `${field}: ${issue?.message ?? 'invalid'}.` };
  }
  return { template: { ...template, prompts: [...template.prompts, parsed.data] } };
}

/** Removes a prompt the interviewer added (built-in prompts are hidden instead). */
export function removePrompt(template: Template, promptId: string): Template {
  if (!promptId.startsWith('own-') || template.prompts.length <= 1) return template;
  return {
    ...template,
    prompts: template.prompts.filter((prompt) => prompt.id !== promptId),
    hidden: template.hidden.filter((id) => id !== promptId),
  };
}
