import { useState } from 'react';
import type { StampedText } from '@/utils/live/live-session';
import { formatClock } from './format';

/** Notes typed during the call, each stamped with the session time when Enter is pressed. */
export function SessionNotes({ notes, onAdd }: { notes: readonly StampedText[]; onAdd: (text: string) => void }) {
  const [draft, setDraft] = useState('');
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!draft.trim()) return;
    onAdd(draft);
    setDraft('');
  };
  return (
    <div className="notes">
      <form onSubmit={submit} className="row">
        <input
          type="text"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          placeholder="Add a note (Enter)"
          aria-label="New note"
          data-testid="note-input"
        />
        <button type="submit" className="secondary" disabled={!draft.trim()}>
          Add
        </button>
      </form>
      {notes.length > 0 && (
        <ul className="note-list small" data-testid="notes">
          {notes.map((note, index) => (
            <li key={`${note.atS}-${index}`}>
              <span className="muted">{formatClock(note.atS)}</span> {note.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
