import { useCallback, useEffect, useState } from 'react';
import { useAppStore } from '@/utils/store';
import type { KeyValueStorage } from '@/utils/storage/key-value-storage';
import { parseSessionJson } from '@/utils/sessions/migrations';
import { sessionTitle, type Session } from '@/utils/sessions/session';
import { SessionDb } from '@/utils/storage/session-db';
import { storageProblem } from '@/utils/wording/storage';
import { loadSettings, saveSettings } from '@/utils/storage/settings';
import { type Settings } from '@/utils/sessions/settings';

/** Largest session file accepted on import: far above a long interview's few hundred KB. */
export const MAX_SESSION_FILE_BYTES = 20_000_000;

export interface ImportResult {
  fileName: string;
  /** The session read from the file (also when it was already stored). */
  session: Session | null;
  /** What happened, in plain words. */
  message: string;
}

/**
 * Applies the retention setting: sessions that ended longer ago than the interviewer chose are
 * deleted (open ones never are). Runs when the panel or the sessions page opens.
 */
export async function applyRetention(db: SessionDb, storage: KeyValueStorage, nowMs: number): Promise<number> {
  const settings = await loadSettings(storage);
  return settings.retentionDays === null ? 0 : db.removeEndedBefore(settings.retentionDays, nowMs);
}

/** The sessions database, opened once for the page. */
export function useSessionDb(): SessionDb {
  const [db] = useState(() => new SessionDb());
  return db;
}

/** The panel's privacy settings: read into the store when it opens, with the retention applied. */
export function usePanelSettings(db: SessionDb): void {
  useEffect(() => {
    const storage = browser.storage.local;
    void loadSettings(storage).then(useAppStore.getState().setSettings);
    void applyRetention(db, storage, Date.now()).catch(() => undefined);
  }, [db]);
}

/** Keeps changed settings: in the store at once, in extension storage as soon as it can. */
export function useSettingsSaver(): (next: Settings) => void {
  return useCallback((next: Settings) => {
    useAppStore.getState().setSettings(next);
    void saveSettings(browser.storage.local, next);
  }, []);
}

/** The sessions page's data: the list, settings, and the actions on them, with every failure said plainly. */
export function useSessions(db: SessionDb, storage: KeyValueStorage) {
  const { setSessionList, setSessionsProblem, setSettings } = useAppStore.getState();

  const refresh = useCallback(async () => {
    try {
      setSessionList(await db.list(Date.now()));
    } catch (error) {
      setSessionsProblem(storageProblem(error, 'read the saved sessions'));
    }
  }, [db, setSessionList, setSessionsProblem]);

  useEffect(() => {
    void (async () => {
      setSettings(await loadSettings(storage));
      await applyRetention(db, storage, Date.now()).catch((error: unknown) =>
        setSessionsProblem(storageProblem(error, 'delete expired sessions')),
      );
      await refresh();
    })();
  }, [db, refresh, setSessionsProblem, setSettings, storage]);

  /** Runs a change to the stored sessions, then shows the list again; false (with a message) when it failed. */
  const attempt = useCallback(
    async (doing: string, run: () => Promise<unknown>) => {
      try {
        await run();
        setSessionsProblem(null);
        return true;
      } catch (error) {
        setSessionsProblem(storageProblem(error, doing));
        return false;
      } finally {
        await refresh();
      }
    },
    [refresh, setSessionsProblem],
  );

  const updateSettings = useCallback(
    async (settings: Settings) => {
      setSettings(settings);
      const problem = await saveSettings(storage, settings);
      if (problem) setSessionsProblem(problem);
      else await attempt('delete expired sessions', () => applyRetention(db, storage, Date.now()));
    },
    [attempt, db, setSessionsProblem, setSettings, storage],
  );

  const importFiles = useCallback(
    async (files: readonly File[]): Promise<ImportResult[]> => {
      const results: ImportResult[] = [];
      for (const file of files) {
        if (file.size > MAX_SESSION_FILE_BYTES) {
          results.push({
            fileName: file.name,
            session: null,
            message: `not imported: ${Math.round(file.size / 1_000_000)} MB is far larger than any session.`,
          });
          continue;
        }
        const parsed = parseSessionJson(await file.text());
        if ('problem' in parsed) {
          results.push({ fileName: file.name, session: null, message: `not imported: ${parsed.problem}` });
          continue;
        }
        try {
          const added = await db.add(parsed.session);
          results.push({
            fileName: file.name,
            session: parsed.session,
            message: added
              ? `imported "${sessionTitle(parsed.session)}".`
              : `"${sessionTitle(parsed.session)}" is already on this device; the stored one was kept.`,
          });
        } catch (error) {
          results.push({
            fileName: file.name,
            session: parsed.session,
            message: `read, but not saved: ${storageProblem(error, 'save it')}`,
          });
        }
      }
      await refresh();
      return results;
    },
    [db, refresh],
  );

  return {
    updateSettings,
    importFiles,
    save: (session: Session) => attempt('save the session', () => db.put(session)),
    remove: (id: string) => attempt('delete the session', () => db.remove(id)),
    removeAll: () => attempt('delete the sessions', () => db.removeAll()),
  };
}
