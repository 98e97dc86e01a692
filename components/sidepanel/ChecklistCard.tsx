import { useEffect, useState } from 'react';
import {
  isChallenge,
  itemStatus,
  nextOpen,
  progressOf,
  type ChecklistItem,
  type ChecklistRun,
  type Mark,
} from '@/utils/checklist/run';
import { activeTemplate, selectTemplate } from '@/utils/checklist/templates';
import type { ChecklistControls, TemplateControls } from '@/utils/hooks/use-checklist';
import { sessionTimeS } from '@/utils/sessions/session';
import { useAppStore } from '@/utils/store';
import { ChecklistEditor } from './ChecklistEditor';
import { GROUP_LABEL, STATUS_LABEL, STATUS_PILL } from '../shared/checklist-labels';
import { isShortcutKey } from '../shared/shortcuts';
import { evidenceParts } from '@/utils/wording/checklist-verify';

const MARK_BUTTONS: { mark: Mark; label: string; key: string }[] = [
  { mark: 'passed', label: 'Passed', key: 'p' },
  { mark: 'concern', label: 'Concern', key: 'c' },
  { mark: 'not-verified', label: 'Not verified', key: 'n' },
  { mark: 'skipped', label: 'Skip', key: 's' },
];

/** The mark buttons' keys, as the shortcut line shows them. */
const MARK_KEYS = (
  <>
    <kbd>P</kbd> <kbd>C</kbd> <kbd>N</kbd> <kbd>S</kbd>
  </>
);

/** Seconds left in the open response window, refreshed a few times a second. */
function useSecondsLeft(item: ChecklistItem, startedAtMs: number): number {
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const elapsedS = sessionTimeS({ startedAtMs }, nowMs) - (item.askedAtS ?? 0);
  return Math.max(0, Math.ceil(item.prompt.responseS - elapsedS));
}

function Countdown({ item, startedAtMs, onDone }: { item: ChecklistItem; startedAtMs: number; onDone: () => void }) {
  const left = useSecondsLeft(item, startedAtMs);
  return (
    <div className="row">
      <span className="countdown" data-testid="checklist-countdown">
        Listening · {left} s
      </span>
      <button type="button" onClick={onDone}>
        Done <kbd>D</kbd>
      </button>
    </div>
  );
}

/** A typed note on the current prompt, kept with the session as it is typed. */
function ItemNote({ item, onChange }: { item: ChecklistItem; onChange: (text: string) => void }) {
  return (
    <input
      type="text"
      className="wide"
      value={item.note}
      maxLength={2000}
      onChange={(event) => onChange(event.target.value)}
      placeholder="Note on this answer"
      aria-label="Note on this answer"
      data-testid="checklist-note"
    />
  );
}

function Evidence({ evidence }: { evidence: Record<string, number | string | null> }) {
  const parts = evidenceParts(evidence);
  if (parts.length === 0) return null;
  return <p className="small muted evidence">{parts.join(' · ')}</p>;
}

function CurrentPrompt({
  run,
  startedAtMs,
  capturing,
  controls,
}: {
  run: ChecklistRun;
  startedAtMs: number;
  capturing: boolean;
  controls: ChecklistControls;
}) {
  const index = run.current;
  const item = run.items[index] as ChecklistItem;
  const status = itemStatus(item);
  const challenge = isChallenge(item.prompt);
  return (
    <div className="prompt-now" data-testid="checklist-current" data-prompt={item.prompt.id} data-status={status}>
      <div className="row spread small muted">
        <span>
          {GROUP_LABEL[item.prompt.group]} · {index + 1} of {run.items.length}
        </span>
        <span className={`pill ${STATUS_PILL[status]}`} data-testid="checklist-status">
          {STATUS_LABEL[status]}
        </span>
      </div>
      <p className="say" data-testid="checklist-words">
        {item.words}
      </p>
      <details>
        <summary className="small">Why it works, what to watch</summary>
        <p className="small">{item.prompt.why}</p>
        <p className="small">
          <strong>Watch for:</strong> {item.prompt.watch}
        </p>
      </details>
      {status === 'answering' ? (
        <Countdown item={item} startedAtMs={startedAtMs} onDone={() => controls.answer(index)} />
      ) : (
        <div className="row">
          <button
            type="button"
            className={status === 'waiting' ? '' : 'secondary'}
            onClick={() => controls.ask(index)}
            disabled={status === 'checking'}
          >
            {status === 'waiting' ? 'Ask now' : 'Ask again'} <kbd>A</kbd>
          </button>
          <span className="small muted">
            {!challenge
              ? 'Mark it yourself after the answer.'
              : capturing
                ? `Checked against the live signals for up to ${item.prompt.responseS} s.`
                : 'Start the capture to have this checked; otherwise mark it yourself.'}
          </span>
        </div>
      )}
      {item.auto && (
        <div
          className={`outcome ${item.auto.outcome}`}
          data-testid="checklist-auto"
          data-outcome={item.auto.outcome}
          data-evidence={JSON.stringify(item.auto.evidence)}
        >
          <strong>Signals: {STATUS_LABEL[item.auto.outcome]}.</strong> {item.auto.summary}
          <Evidence evidence={item.auto.evidence} />
        </div>
      )}
      <div className="row marks" role="group" aria-label="Your mark">
        {MARK_BUTTONS.map(({ mark, label, key }) => (
          <button
            key={mark}
            type="button"
            className={`secondary mark ${item.mark === mark ? 'pressed' : ''}`}
            aria-pressed={item.mark === mark}
            data-testid={`mark-${mark}`}
            onClick={() => controls.mark(index, item.mark === mark ? null : mark)}
          >
            {label} <kbd>{key.toUpperCase()}</kbd>
          </button>
        ))}
      </div>
      <ItemNote item={item} onChange={(text) => controls.note(index, text)} />
      <div className="row spread">
        <button type="button" className="link" disabled={index === 0} onClick={() => controls.goTo(index - 1)}>
          ← Previous
        </button>
        <button
          type="button"
          className="link"
          onClick={() => controls.goTo(nextOpen(run))}
          data-testid="checklist-next"
        >
          Next open prompt →
        </button>
      </div>
    </div>
  );
}

/** Keyboard shortcuts for the current prompt, while no text field has the focus. */
function useShortcuts(run: ChecklistRun | null, controls: ChecklistControls) {
  useEffect(() => {
    if (!run) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcutKey(event)) return;
      const index = run.current;
      const item = run.items[index] as ChecklistItem;
      const status = itemStatus(item);
      const key = event.key.toLowerCase();
      const mark = MARK_BUTTONS.find((button) => button.key === key)?.mark;
      if (mark) controls.mark(index, item.mark === mark ? null : mark);
      else if (key === 'a' && status !== 'checking' && status !== 'answering') controls.ask(index);
      else if (key === 'd' && status === 'answering') controls.answer(index);
      else if (key === 'j' || key === 'arrowright') controls.goTo(index + 1);
      else if (key === 'k' || key === 'arrowleft') controls.goTo(index - 1);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [controls, run]);
}

/** The verification checklist: the current prompt large, one click to ask, outcomes as they come, marks and notes. */
export function ChecklistCard({
  controls,
  templateControls,
  capturing,
}: {
  controls: ChecklistControls;
  templateControls: TemplateControls;
  capturing: boolean;
}) {
  const run = useAppStore((state) => state.liveSession?.checklist ?? null);
  const startedAtMs = useAppStore((state) => state.liveSession?.startedAtMs ?? 0);
  const saved = useAppStore((state) => state.templates);
  const problem = useAppStore((state) => state.templatesProblem);
  const [editing, setEditing] = useState(false);
  useShortcuts(editing ? null : run, controls);
  const progress = run ? progressOf(run) : null;
  const startOver = () => {
    if (
      window.confirm(
        'Discard this checklist? Its outcomes and notes will be deleted; the findings and session notes stay.',
      )
    )
      controls.discard();
  };

  return (
    <section className="card" aria-labelledby="checklist-title" data-testid="checklist-card">
      <div className="row spread">
        <h2 id="checklist-title">Checklist</h2>
        {progress && (
          <span
            className="small muted"
            data-testid="checklist-progress"
            data-done={progress.done}
            data-total={progress.total}
          >
            {progress.done} of {progress.total} done{progress.concern > 0 ? ` · ${progress.concern} concern` : ''}
          </span>
        )}
      </div>
      {problem && (
        <p className="alert bad" role="alert" data-testid="templates-problem">
          {problem}
        </p>
      )}
      {editing && saved ? (
        <ChecklistEditor saved={saved} controls={templateControls} onClose={() => setEditing(false)} />
      ) : run && progress ? (
        <>
          <progress value={progress.done} max={progress.total} aria-label="Checklist progress" />
          <CurrentPrompt run={run} startedAtMs={startedAtMs} capturing={capturing} controls={controls} />
          <ol className="checklist-items" data-testid="checklist-items">
            {run.items.map((item, index) => {
              const status = itemStatus(item);
              return (
                <li key={item.prompt.id} className={index === run.current ? 'current' : ''}>
                  <button
                    type="button"
                    className="item"
                    onClick={() => controls.goTo(index)}
                    data-testid="checklist-item"
                    data-prompt={item.prompt.id}
                    data-status={status}
                  >
                    <span className={`dot ${STATUS_PILL[status]}`} aria-hidden="true" />
                    <span className="item-text">{item.words}</span>
                    <span className="small muted">{STATUS_LABEL[status]}</span>
                  </button>
                </li>
              );
            })}
          </ol>
          <p className="small muted shortcuts">
            Keys: <kbd>A</kbd> ask · <kbd>D</kbd> done · {MARK_KEYS} mark · <kbd>←</kbd> <kbd>→</kbd> move
          </p>
          <div className="row spread">
            <span className="small muted">Template: {run.templateName}</span>
            <span className="row">
              <button type="button" className="link" onClick={() => setEditing(true)}>
                Edit templates
              </button>
              <button type="button" className="link" onClick={startOver}>
                Discard checklist
              </button>
            </span>
          </div>
        </>
      ) : (
        <>
          <p className="muted">
            Challenges a face swap or a stand-in struggles with, asked in a random order with random words, checked
            against the live signals.
          </p>
          {saved && (
            <div className="row">
              <label className="row small" htmlFor="template-select">
                Template
              </label>
              <select
                id="template-select"
                value={saved.active}
                onChange={(event) => templateControls.update(selectTemplate(saved, event.target.value))}
                data-testid="template-select"
              >
                {saved.templates.map((template) => (
                  <option key={template.name} value={template.name}>
                    {template.name}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => controls.start(activeTemplate(saved))} data-testid="checklist-start">
                Start checklist
              </button>
              <button type="button" className="link" onClick={() => setEditing(true)} data-testid="templates-edit">
                Edit templates
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
