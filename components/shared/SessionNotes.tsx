import { useEffect, useRef, useState } from 'react';
import type { Note } from '@/utils/sessions/session';
import { formatClock } from '@/utils/common/format-time';
import { isShortcutKey } from './shortcuts';

export function NoteItem({ note, onEdit }: { note: Note; onEdit: (id: string, text: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null) {
    return (
      <li>
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            onEdit(note.id, draft);
            setDraft(null);
          }}
        >
          <span className="muted">{formatClock(note.atS)}</span>
          <input
            type="text"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            aria-label="Edit note"
            maxLength={5000}
            autoFocus
          />
          <button type="submit" className="secondary">
            Save
          </button>
          <button type="button" className="link" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }
  return (
    <li data-testid="note">
      <span className="muted">{formatClock(note.atS)}</span> {note.text}
      {note.editedAtMs !== null && <span className="muted"> (edited)</span>}{' '}
      <button
        type="button"
        className="link small"
        onClick={() => setDraft(note.text)}
        aria-label={`Edit the note at ${formatClock(note.atS)}`}
      >
        Edit
      </button>
    </li>
  );
}

/**
 * Notes typed during the call. A note is stamped with the call time when the interviewer starts
 * it (the T key, or the first keystroke in the box), not when Enter is pressed, so the stamp
 * marks the moment that prompted it. Notes can be edited (emptied: removed) later.
 */
export function SessionNotes({
  notes,
  callTimeS,
  onAdd,
  onEdit,
}: {
  notes: readonly Note[];
  callTimeS: () => number;
  onAdd: (text: string, atS: number) => void;
  onEdit: (id: string, text: string) => void;
}) {
  const [draft, setDraft] = useState('');
  const [stampS, setStampS] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 't' || !isShortcutKey(event)) return;
      event.preventDefault();
      setStampS(callTimeS());
      input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [callTimeS]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    onAdd(draft, stampS ?? callTimeS());
    setDraft('');
    setStampS(null);
  };
  return (
    <div className="notes">
      <form onSubmit={submit} className="row">
        <input
          ref={input}
          type="text"
          value={draft}
          maxLength={5000}
          onChange={(event) => {
            if (stampS === null) setStampS(callTimeS());
            setDraft(event.target.value);
          }}
          placeholder={stampS === null ? 'Note (T stamps the time)' : `Note at ${formatClock(stampS)}`}
          aria-label="New note"
          data-testid="note-input"
          data-stamp={stampS ?? ''}
        />
        <button type="submit" className="secondary" disabled={!draft.trim()}>
          Add
        </button>
      </form>
      {notes.length > 0 && (
        <ul className="note-list small" data-testid="notes">
          {notes.map((note) => (
            <NoteItem key={note.id} note={note} onEdit={onEdit} />
          ))}
        </ul>
      )}
    </div>
  );
}
