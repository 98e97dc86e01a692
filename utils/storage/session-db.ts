/**
 * Sessions kept in the browser's IndexedDB (through Dexie), so closing the panel, a crash or a
 * browser restart loses nothing (the browser edge of session.ts). Every read is validated and
 * migrated; a row that cannot be read is listed with its problem, never dropped silently.
 */
import Dexie, { type Table } from 'dexie';
import type { KeyValueStorage } from './key-value-storage';
import { parseSession } from '@/utils/sessions/migrations';
import { isOpen, sessionTitle, type Session } from '@/utils/sessions/session';

/** Sessions of Liveproof before IndexedDB, one per tab. */
const LEGACY_PREFIX = 'liveSession:';
/**
 * A closing panel's last copy of its session. IndexedDB writes started while a page unloads are
 * aborted, but extension storage writes are finished by the browser, so the last change (the
 * capture stopping with the panel) is left here and moved into the database on the next open.
 */
export const PENDING_PREFIX = 'pendingSession:';

export interface SessionListItem {
  id: string;
  title: string;
  interviewer: string;
  platform: string | null;
  startedAtMs: number;
  endedAtMs: number | null;
  /** Still going on in a call panel (see isOpen). */
  open: boolean;
  findings: number;
  /** Why the stored session cannot be opened; null when it can. */
  problem: string | null;
}

/** Rows are stored sessions as written (any schema version); `id` is the key. */
type Row = { id: string; tabId?: number | null; startedAtMs?: number } & Record<string, unknown>;

export class SessionDb {
  private readonly db: Dexie & { sessions: Table<Row, string> };

  constructor(name = 'liveproof') {
    this.db = new Dexie(name) as Dexie & { sessions: Table<Row, string> };
    this.db.version(1).stores({ sessions: 'id, tabId, startedAtMs' });
  }

  async put(session: Session): Promise<void> {
    await this.db.sessions.put(session as unknown as Row);
  }

  async get(id: string): Promise<{ session: Session } | { problem: string } | null> {
    const row = await this.db.sessions.get(id);
    return row ? parseSession(row) : null;
  }

  /** The newest session still open in this tab (see isOpen), if any. */
  async openForTab(tabId: number, nowMs: number): Promise<Session | null> {
    const rows = await this.db.sessions.where('tabId').equals(tabId).sortBy('startedAtMs');
    for (const row of rows.reverse()) {
      const parsed = parseSession(row);
      if ('session' in parsed && isOpen(parsed.session, nowMs)) return parsed.session;
    }
    return null;
  }

  /** Every stored session, newest first. */
  async list(nowMs: number): Promise<SessionListItem[]> {
    const rows = await this.db.sessions.orderBy('startedAtMs').reverse().toArray();
    return rows.map((row) => {
      const parsed = parseSession(row);
      if ('problem' in parsed) {
        const startedAtMs = typeof row.startedAtMs === 'number' ? row.startedAtMs : 0;
        return {
          id: row.id,
          title: `Unreadable session ${row.id}`,
          interviewer: '',
          platform: null,
          startedAtMs,
          endedAtMs: null,
          open: false,
          findings: 0,
          problem: parsed.problem,
        };
      }
      const { session } = parsed;
      return {
        id: session.id,
        title: sessionTitle(session),
        interviewer: session.interviewer,
        platform: session.platform,
        startedAtMs: session.startedAtMs,
        endedAtMs: session.endedAtMs,
        open: isOpen(session, nowMs),
        findings: session.findings.length,
        problem: null,
      };
    });
  }

  /** Every stored session that can be read, newest first (list() names the others with their problem). */
  async readable(): Promise<Session[]> {
    const rows = await this.db.sessions.orderBy('startedAtMs').reverse().toArray();
    return rows.flatMap((row) => {
      const parsed = parseSession(row);
      return 'session' in parsed ? [parsed.session] : [];
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.sessions.delete(id);
  }

  async removeAll(): Promise<void> {
    await this.db.sessions.clear();
  }

  /** Deletes sessions that ended more than `days` days before `nowMs` (open ones are kept); returns how many. */
  async removeEndedBefore(days: number, nowMs: number): Promise<number> {
    const cutoffMs = nowMs - days * 86_400_000;
    return this.db.sessions.filter((row) => typeof row.endedAtMs === 'number' && row.endedAtMs < cutoffMs).delete();
  }

  /** Keeps an imported session; one with the id of a stored session is not overwritten (false). */
  async add(session: Session): Promise<boolean> {
    if (await this.db.sessions.get(session.id)) return false;
    await this.put(session);
    return true;
  }

  /**
   * Moves sessions kept in chrome.storage.local into the database: those of Liveproof versions
   * before IndexedDB (`liveSession:<tab>`, schema 1) and the copy a closing panel leaves
   * (`pendingSession:<id>`, see PENDING_PREFIX), when it is newer than the stored one. Unreadable
   * entries stay where they are: nothing the interviewer wrote is thrown away. Returns how many moved.
   */
  async recoverFrom(storage: KeyValueStorage): Promise<number> {
    const all = await storage.get(null);
    let moved = 0;
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(LEGACY_PREFIX) && !key.startsWith(PENDING_PREFIX)) continue;
      const parsed = parseSession(value);
      if (!('session' in parsed)) continue;
      const stored = await this.get(parsed.session.id);
      const newer = !stored || !('session' in stored) || stored.session.updatedAtMs < parsed.session.updatedAtMs;
      if (newer) {
        await this.put(parsed.session);
        moved++;
      }
      await storage.remove(key);
    }
    return moved;
  }
}
