// IndexedDB in Node: imported before session-db so Dexie finds it on globalThis.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  SESSION_RESUME_MS,
  newSession,
  withDetails,
  withEnded,
  withNote,
  type Session,
} from '@/utils/sessions/session';
import { PENDING_PREFIX, SessionDb } from '@/utils/storage/session-db';
import { storageProblem } from '@/utils/wording/storage';
import { memoryStorage } from '../../support/memory-storage';
import { sessionFixtureText } from '../../support/session-fixtures';

const T0 = Date.UTC(2026, 10, 2, 9, 0);
const DAY_MS = 86_400_000;

let dbCount = 0;
/** A database of its own per test, so no test sees another's rows. */
const freshDb = () => new SessionDb(`liveproof-test-${++dbCount}`);

const session = (id: string, tabId: number | null, startedAtMs: number): Session => newSession(id, tabId, startedAtMs);

describe('SessionDb', () => {
  afterEach(() => vi.restoreAllMocks());

  it('should give back what was put, and null for an id never stored', async () => {
    const db = freshDb();
    const named = withDetails(session('a', 3, T0), { name: 'Ada Lovelace', role: 'Engineer' }, T0 + 1000);
    const stored = withNote(named, 'n1', 'Said "hi"', 4, T0 + 2000);
    await db.put(stored);
    expect(await db.get('a')).toEqual({ session: stored });
    expect(await db.get('nope')).toBeNull();
  });

  it('should overwrite a session put again with the same id', async () => {
    const db = freshDb();
    await db.put(session('a', 3, T0));
    const later = withDetails(session('a', 3, T0), { interviewer: 'Grace' }, T0 + 5000);
    await db.put(later);
    expect(await db.get('a')).toEqual({ session: later });
    expect(await db.list(T0 + 5000)).toHaveLength(1);
  });

  it('should list newest first, with an unreadable row listed with its problem', async () => {
    const db = freshDb();
    await db.put(withEnded(session('old', 1, T0), T0 + 60_000));
    await db.put(withDetails(session('new', 2, T0 + DAY_MS), { name: 'Ada', role: 'Engineer' }, T0 + DAY_MS));
    // A row no Liveproof version wrote (a damaged or foreign record).
    await db.put({ id: 'broken', startedAtMs: T0 + 3600_000, schemaVersion: 99 } as unknown as Session);
    const list = await db.list(T0 + DAY_MS + 1000);
    expect(list.map((item) => item.id)).toEqual(['new', 'broken', 'old']);
    expect(list[0]).toMatchObject({ title: 'Ada, Engineer', open: true, findings: 0, problem: null });
    expect(list[1]).toMatchObject({ title: 'Unreadable session broken', open: false, startedAtMs: T0 + 3600_000 });
    expect(list[1]?.problem).toEqual(expect.any(String));
    expect(list[2]).toMatchObject({ title: 'Interview of 2026-11-02 09:00 UTC', open: false, endedAtMs: T0 + 60_000 });
    expect(await db.get('broken')).toEqual({ problem: list[1]?.problem });
  });

  it('should delete one session, then all of them', async () => {
    const db = freshDb();
    await db.put(session('a', 1, T0));
    await db.put(session('b', 1, T0 + 1));
    await db.remove('a');
    expect(await db.get('a')).toBeNull();
    expect((await db.list(T0)).map((item) => item.id)).toEqual(['b']);
    await db.removeAll();
    expect(await db.list(T0)).toEqual([]);
  });

  it('should add an imported session only when its id is not stored yet', async () => {
    const db = freshDb();
    const mine = withDetails(session('a', 1, T0), { interviewer: 'me' }, T0);
    await db.put(mine);
    expect(await db.add(withDetails(session('a', null, T0), { interviewer: 'someone else' }, T0))).toBe(false);
    expect(await db.get('a')).toEqual({ session: mine });
    expect(await db.add(session('b', null, T0))).toBe(true);
    expect(await db.get('b')).not.toBeNull();
  });

  it('should read rows of every schema version as current sessions', async () => {
    const db = freshDb();
    for (const version of [1, 2, 3]) {
      const row = JSON.parse(sessionFixtureText(version));
      await db.put({ ...row, id: `v${version}`, startedAtMs: T0 + version } as Session);
    }
    for (const version of [1, 2, 3]) {
      const read = await db.get(`v${version}`);
      expect(read && 'session' in read && read.session).toMatchObject({
        schemaVersion: 3,
        identity: { enabled: true },
      });
    }
    const v3 = await db.get('v3');
    expect(v3 && 'session' in v3 && v3.session.identity.profile?.count).toBe(42);
    expect((await db.list(T0)).map((item) => item.problem)).toEqual([null, null, null]);
    await db.put({ id: 'broken', startedAtMs: T0 + 9, schemaVersion: 99 } as unknown as Session);
    expect((await db.readable()).map((session) => session.schemaVersion)).toEqual([3, 3, 3]);
    expect((await db.readable()).map((session) => session.candidate.name)).toEqual([
      'Ada Lovelace',
      'Ada Lovelace',
      '',
    ]);
  });

  describe('openForTab', () => {
    it('should resume the newest open session of that tab only', async () => {
      const db = freshDb();
      await db.put(session('older', 7, T0));
      await db.put(session('newer', 7, T0 + 1000));
      await db.put(session('other-tab', 8, T0 + 2000));
      expect((await db.openForTab(7, T0 + 3000))?.id).toBe('newer');
      expect(await db.openForTab(9, T0 + 3000)).toBeNull();
    });

    it('should not resume an ended session, but fall back to an older open one in the tab', async () => {
      const db = freshDb();
      await db.put(session('open', 7, T0));
      await db.put(withEnded(session('ended', 7, T0 + 1000), T0 + 2000));
      expect((await db.openForTab(7, T0 + 3000))?.id).toBe('open');
    });

    it(`should not resume a session untouched for ${SESSION_RESUME_MS / 3600_000} h or more`, async () => {
      const db = freshDb();
      await db.put(session('idle', 7, T0));
      expect((await db.openForTab(7, T0 + SESSION_RESUME_MS - 1))?.id).toBe('idle');
      expect(await db.openForTab(7, T0 + SESSION_RESUME_MS)).toBeNull();
    });
  });

  describe('removeEndedBefore (retention)', () => {
    it('should delete sessions that ended more than the days given ago, keeping recent and open ones', async () => {
      const db = freshDb();
      const now = T0 + 100 * DAY_MS;
      await db.put(withEnded(session('ended-91-days-ago', 1, T0), now - 91 * DAY_MS));
      await db.put(withEnded(session('ended-89-days-ago', 1, T0 + 1), now - 89 * DAY_MS));
      // Open since day 0 (the panel left open): never deleted by retention, however old.
      await db.put(session('still-open', 1, T0 + 2));
      expect(await db.removeEndedBefore(90, now)).toBe(1);
      expect((await db.list(now)).map((item) => item.id).sort()).toEqual(['ended-89-days-ago', 'still-open']);
      expect(await db.removeEndedBefore(90, now)).toBe(0);
    });
  });

  describe('recoverFrom', () => {
    it('should move a pre-IndexedDB session (schema 1) in, migrated, and clear its key', async () => {
      const db = freshDb();
      const storage = memoryStorage();
      await storage.set({ 'liveSession:812': JSON.parse(sessionFixtureText(1)), settings: { keep: true } });
      expect(await db.recoverFrom(storage)).toBe(1);
      const moved = await db.get('tab-812-1764115200000');
      expect(moved && 'session' in moved && moved.session.notes.map((note) => note.text)).toEqual([
        'Asked about the gap in 2021',
        'Camera froze while answering | check later',
      ]);
      expect(await storage.get(null)).toEqual({ settings: { keep: true } });
    });

    it("should take a closing panel's pending copy only when it is newer than the stored session", async () => {
      const db = freshDb();
      const storage = memoryStorage();
      const stored = withNote(session('a', 5, T0), 'n1', 'kept in the database', 10, T0 + 10_000);
      await db.put(stored);
      const stale = withNote(session('a', 5, T0), 'n0', 'an older copy', 5, T0 + 5000);
      const fresh = withEnded(withNote(stored, 'n2', 'written as the panel closed', 20, T0 + 20_000), T0 + 21_000);
      await storage.set({ [`${PENDING_PREFIX}a`]: stale });
      expect(await db.recoverFrom(storage)).toBe(0);
      expect(await db.get('a')).toEqual({ session: stored });
      await storage.set({ [`${PENDING_PREFIX}a`]: fresh, [`${PENDING_PREFIX}b`]: session('b', 6, T0) });
      expect(await db.recoverFrom(storage)).toBe(2);
      expect(await db.get('a')).toEqual({ session: fresh });
      expect(await db.get('b')).not.toBeNull();
      expect(await storage.get(null)).toEqual({});
    });

    it('should leave an unreadable copy where it is, so nothing written is thrown away', async () => {
      const db = freshDb();
      const storage = memoryStorage();
      await storage.set({ [`${PENDING_PREFIX}x`]: { notes: 'not a session' } });
      expect(await db.recoverFrom(storage)).toBe(0);
      expect(Object.keys(await storage.get(null))).toEqual([`${PENDING_PREFIX}x`]);
      expect(await db.list(T0)).toEqual([]);
    });
  });

  describe('a failing write', () => {
    it('should reject, and storageProblem should say the storage is full', async () => {
      const db = freshDb();
      await db.put(session('a', 1, T0));
      vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      });
      const error = await db.put(withNote(session('a', 1, T0), 'n', 'lost?', 1, T0 + 1)).then(
        () => null,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(Error);
      expect(storageProblem(error, 'save this session')).toBe(
        'Liveproof could not save this session: the browser says its storage for Liveproof is full; ' +
          'delete old sessions or free disk space.',
      );
      vi.restoreAllMocks();
      expect(await db.get('a')).toEqual({ session: session('a', 1, T0) });
    });

    it('should say storage is blocked when the browser refuses to open the database', async () => {
      vi.spyOn(indexedDB, 'open').mockImplementation(() => {
        throw new DOMException('The operation is insecure.', 'InvalidStateError');
      });
      const error = await freshDb()
        .put(session('a', 1, T0))
        .then(
          () => null,
          (reason: unknown) => reason,
        );
      expect(storageProblem(error, 'save this session')).toBe(
        'Liveproof could not save this session: the browser has blocked storage for Liveproof ' +
          '(a private window, or site data switched off).',
      );
    });
  });
});

const FULL = 'the browser says its storage for Liveproof is full';

describe('storageProblem', () => {
  it.each([
    [Object.assign(new Error('x'), { name: 'QuotaExceededError' }), FULL],
    ['QUOTA_BYTES quota exceeded', FULL],
    [Object.assign(new Error('x'), { name: 'MissingAPIError' }), 'the browser has blocked storage for Liveproof'],
    [Object.assign(new Error('x'), { name: 'DatabaseClosedError' }), 'the browser has blocked storage for Liveproof'],
    [new Error('disk on fire'), 'disk on fire'],
    [42, '42'],
  ])('should put %s in plain words', (error, words) => {
    expect(storageProblem(error, 'do it')).toMatch(new RegExp(`^Liveproof could not do it: ${words}`));
  });
});
