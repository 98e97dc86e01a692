import { useRef, useState } from 'react';
import { PROMPT_GROUPS, promptWords, templateToJson, type Prompt } from '@/utils/checklist/prompts';
import {
  activeTemplate,
  addPrompt,
  copyTemplate,
  movePrompt,
  removePrompt,
  selectTemplate,
  setHidden,
  withoutTemplate,
  withTemplate,
  type SavedTemplates,
} from '@/utils/checklist/templates';
import type { TemplateControls } from '@/utils/hooks/use-checklist';
import { useAppStore } from '@/utils/store';
import { TEMPLATE_FILE_TEXT } from '@/utils/wording/checklist-editor';
import { GROUP_LABEL } from '../shared/checklist-labels';
import { downloadText } from '../shared/download';

const MAX_TEMPLATE_BYTES = 1_000_000;

function AddPromptForm({
  onAdd,
}: {
  onAdd: (draft: { group: Prompt['group']; say: string; why: string; watch: string }) => string | null;
}) {
  const [draft, setDraft] = useState({ group: 'technical' as Prompt['group'], say: '', why: '', watch: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const result = onAdd(draft);
    setProblem(result);
    if (!result) setDraft({ ...draft, say: '', why: '', watch: '' });
  };
  return (
    <form className="add-prompt" onSubmit={submit} data-testid="add-prompt">
      <h3>Add your own prompt</h3>
      <select
        value={draft.group}
        onChange={(event) => setDraft({ ...draft, group: event.target.value as Prompt['group'] })}
        aria-label="Purpose"
      >
        {PROMPT_GROUPS.map((group) => (
          <option key={group} value={group}>
            {GROUP_LABEL[group]}
          </option>
        ))}
      </select>
      <textarea
        value={draft.say}
        onChange={(event) => setDraft({ ...draft, say: event.target.value })}
        placeholder="The words to say"
        aria-label="The words to say"
        rows={2}
        maxLength={400}
      />
      <input
        type="text"
        value={draft.why}
        onChange={(event) => setDraft({ ...draft, why: event.target.value })}
        placeholder="Why it works (optional)"
        aria-label="Why it works"
        maxLength={400}
      />
      <input
        type="text"
        value={draft.watch}
        onChange={(event) => setDraft({ ...draft, watch: event.target.value })}
        placeholder="What to watch for (optional)"
        aria-label="What to watch for"
        maxLength={400}
      />
      {problem && (
        <p className="alert bad small" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="secondary">
        Add prompt
      </button>
    </form>
  );
}

/** Edits the interviewer's templates: which prompts, in which order, their own prompts; import and export. */
export function ChecklistEditor({
  saved,
  controls,
  onClose,
}: {
  saved: SavedTemplates;
  controls: TemplateControls;
  onClose: () => void;
}) {
  const template = activeTemplate(saved);
  const [newName, setNewName] = useState('');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const setProblem = useAppStore((state) => state.setTemplatesProblem);
  const change = (next: typeof template) => controls.update(withTemplate(saved, next));

  const saveAs = () => {
    const copied = copyTemplate(saved, template, newName);
    if ('problem' in copied) {
      setNameProblem(copied.problem);
      return;
    }
    setNameProblem(null);
    setNewName('');
    controls.update(copied.saved);
  };

  const remove = () => {
    if (
      saved.templates.length > 1 &&
      window.confirm(`Delete the template "${template.name}"? Checklists already run keep their prompts.`)
    ) {
      controls.update(withoutTemplate(saved, template.name));
    }
  };

  const importFile = async (file: File) => {
    if (file.size > MAX_TEMPLATE_BYTES) {
      setProblem(TEMPLATE_FILE_TEXT.tooLarge(file.name, file.size));
      return;
    }
    controls.importJson(await file.text(), file.name);
  };

  const exportFile = () => {
    const fileName = `liveproof-template-${template.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.json`;
    downloadText(fileName, templateToJson(template), 'application/json');
  };

  return (
    <div className="editor" data-testid="checklist-editor">
      <div className="row">
        <select
          value={saved.active}
          onChange={(event) => controls.update(selectTemplate(saved, event.target.value))}
          aria-label="Template"
          data-testid="editor-template"
        >
          {saved.templates.map((other) => (
            <option key={other.name} value={other.name}>
              {other.name}
            </option>
          ))}
        </select>
        <button type="button" className="link" onClick={remove} disabled={saved.templates.length <= 1}>
          Delete
        </button>
      </div>
      <p className="small muted">
        Changes are saved at once and apply to the next checklist you start. Unticked prompts are hidden.
      </p>
      <ol className="template-prompts" data-testid="template-prompts">
        {template.prompts.map((prompt, index) => {
          const shown = !template.hidden.includes(prompt.id);
          return (
            <li key={prompt.id} className={shown ? '' : 'hidden-prompt'} data-prompt={prompt.id}>
              <label className="row">
                <input
                  type="checkbox"
                  checked={shown}
                  onChange={(event) => change(setHidden(template, prompt.id, !event.target.checked))}
                  aria-label={`Show "${prompt.say}"`}
                />
                <span>
                  <span className="small muted">{GROUP_LABEL[prompt.group]}</span>
                  <br />
                  {promptWords(prompt, { phrase: '‹random words›', side: '‹left or right›' })}
                </span>
              </label>
              <span className="row prompt-actions">
                <button
                  type="button"
                  className="icon"
                  aria-label="Move up"
                  disabled={index === 0}
                  onClick={() => change(movePrompt(template, prompt.id, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon"
                  aria-label="Move down"
                  disabled={index === template.prompts.length - 1}
                  onClick={() => change(movePrompt(template, prompt.id, 1))}
                >
                  ↓
                </button>
                {prompt.id.startsWith('own-') && (
                  <button type="button" className="link" onClick={() => change(removePrompt(template, prompt.id))}>
                    Remove
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      <AddPromptForm
        onAdd={(draft) => {
          const added = addPrompt(template, draft);
          if ('problem' in added) return added.problem;
          change(added.template);
          return null;
        }}
      />
      <h3>Save as a new template</h3>
      <div className="row">
        <input
          type="text"
          value={newName}
          onChange={(event) => setNewName(event.target.value)}
          placeholder="Interview type, e.g. Senior backend"
          aria-label="New template name"
          maxLength={80}
        />
        <button type="button" className="secondary" onClick={saveAs}>
          Save as new
        </button>
      </div>
      {nameProblem && (
        <p className="alert bad small" role="alert">
          {nameProblem}
        </p>
      )}
      <div className="row spread">
        <span className="row">
          <button type="button" className="secondary" onClick={() => fileInput.current?.click()}>
            Import JSON…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            hidden
            data-testid="template-import"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <button type="button" className="secondary" onClick={exportFile} data-testid="template-export">
            Export JSON
          </button>
        </span>
        <button type="button" onClick={onClose} data-testid="editor-close">
          Done
        </button>
      </div>
    </div>
  );
}
