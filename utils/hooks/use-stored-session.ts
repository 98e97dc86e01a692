import { useEffect, useState } from 'react';
import type { Session } from '@/utils/sessions/session';
import { type SessionDb } from '@/utils/storage/session-db';
import { storageProblem } from '@/utils/wording/storage';

export type StoredSession =
  | { state: 'loading' }
  | { state: 'missing' }
  | { state: 'failed'; message: string }
  | { state: 'ready'; session: Session };

/** One stored session, read (and migrated) from the database. */
export function useStoredSession(db: SessionDb, id: string): [StoredSession, (session: Session) => void] {
  const [stored, setStored] = useState<StoredSession>({ state: 'loading' });
  useEffect(() => {
    let active = true;
    db.get(id).then(
      (result) => {
        if (!active) return;
        if (!result) setStored({ state: 'missing' });
        else if ('problem' in result) setStored({ state: 'failed', message: result.problem });
        else setStored({ state: 'ready', session: result.session });
      },
      (error: unknown) => active && setStored({ state: 'failed', message: storageProblem(error, 'read this session') }),
    );
    return () => {
      active = false;
    };
  }, [db, id]);
  return [stored, (session) => setStored({ state: 'ready', session })];
}
