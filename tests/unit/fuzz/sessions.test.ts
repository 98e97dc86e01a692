/**
 * Session import fuzzed: the sessions page reads a file with parseSessionJson and keeps it with
 * SessionDb.add; stored rows (IndexedDB, which keeps NaN) are read with parseSession. Seed: FUZZ_SEED.
 */
// IndexedDB in Node: imported before session-db so Dexie finds it on globalThis.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSession, parseSessionJson } from '@/utils/sessions/migrations';
import { SESSION_SCHEMA_VERSION, type Session } from '@/utils/sessions/session';
import { SessionDb } from '@/utils/storage/session-db';
import { sessionFixtureText } from '../../support/session-fixtures';
import {
  copy,
  cut,
  expectNamesChangedField,
  expectNoPollution,
  expectPlainObjects,
  expectPlainProblem,
  hostile,
  hostileText,
  mutate,
  mutation,
  protoKey,
  randomText,
  tally,
  withHugeArray,
  withHugeString,
  wrongVersion,
} from './json-fuzz';

const VERSIONS = [1, 2, SESSION_SCHEMA_VERSION];
const FIXTURES = VERSIONS.map((version) => JSON.parse(sessionFixtureText(version)) as Record<string, unknown>);
const anyFixture = fc.constantFrom(...FIXTURES);
const seen = tally('sessions');

type Read = { session: Session } | { problem: string };

/** The answer checked: a plain problem, or a session of plain objects; never a polluted prototype. */
function checked(read: Read): Read {
  seen.count('problem' in read ? read.problem : null);
  if ('problem' in read) expectPlainProblem(read.problem);
  else expectPlainObjects(read.session);
  expectNoPollution();
  return read;
}

const fromText = (text: string) => checked(parseSessionJson(text));
const fromRow = (row: unknown) => checked(parseSession(row));

afterAll(() => console.log(seen.line()));

describe('session import, fuzzed', () => {
  it('should read every version fixture, also after a JSON round trip', () => {
    for (const fixture of FIXTURES) {
      const read = fromText(JSON.stringify(fixture));
      expect('session' in read).toBe(true);
      if ('session' in read) expect(fromText(JSON.stringify(read.session))).toEqual(read);
    }
  });

  it('should answer a mutated session file or row with a session or a problem naming the field', () => {
    fc.assert(
      fc.property(anyFixture, fc.array(mutation, { minLength: 1, maxLength: 3 }), (fixture, mutations) => {
        const { doc, paths } = mutate(fixture, mutations);
        for (const read of [fromText(JSON.stringify(doc)), fromRow(doc)]) {
          if ('problem' in read) expectNamesChangedField(read.problem, paths);
        }
      }),
    );
  });

  it('should refuse a truncated file as not JSON', () => {
    const texts = FIXTURES.map((fixture) => JSON.stringify(fixture, null, 2));
    fc.assert(
      fc.property(
        fc.constantFrom(...texts).chain((text) => cut(text)),
        (text) => {
          const read = fromText(text);
          expect(read).toEqual({ problem: expect.stringContaining('not JSON') });
        },
      ),
    );
  });

  it('should refuse another schemaVersion, naming a newer one', () => {
    fc.assert(
      fc.property(anyFixture, wrongVersion(SESSION_SCHEMA_VERSION), (fixture, version) => {
        const read = fromRow({ ...copy(fixture), schemaVersion: version });
        expect('problem' in read).toBe(true);
        if (!('problem' in read)) return;
        const newer = typeof version === 'number' && Number.isInteger(version) && version > SESSION_SCHEMA_VERSION;
        expect(read.problem).toContain(newer ? `newer Liveproof (schema version ${version})` : 'schemaVersion');
      }),
    );
  });

  it('should refuse a file of another kind, whatever its version', () => {
    const otherKind = fc.oneof(
      fc.constantFrom('liveproof-drill-pack', 'liveproof-checklist-template', 'liveproof-signals', '', null, 1),
      fc.string({ maxLength: 30 }).filter((kind) => kind !== 'liveproof-session'),
    );
    fc.assert(
      fc.property(anyFixture, otherKind, (fixture, kind) => {
        const read = fromRow({ ...copy(fixture), kind });
        expect(read).toEqual({ problem: expect.stringMatching(/not a Liveproof session|at kind/) });
      }),
    );
  });

  it('should survive hostile JSON: prototype keys, 10^4 levels of nesting, very long keys', () => {
    fc.assert(
      fc.property(anyFixture, hostile, (fixture, change) => {
        const text = hostileText(fixture, change);
        fromText(text);
        fromRow(JSON.parse(text));
      }),
      { numRuns: 150 },
    );
  });

  it('should read a valid session the same with "__proto__" keys added anywhere', () => {
    fc.assert(
      fc.property(anyFixture, fc.nat(), (fixture, pick) => {
        const change = { kind: 'proto-key' as const, pick, key: '__proto__', value: '{"polluted":"yes"}' };
        expect(fromText(hostileText(fixture, change))).toEqual(fromText(JSON.stringify(fixture)));
      }),
    );
  });

  it('should refuse oversized strings and arrays in words of a sensible length', () => {
    fc.assert(
      fc.property(anyFixture, fc.nat(), fc.constantFrom('x', ' ', '\u0000', '€'), (fixture, pick, char) => {
        fromText(JSON.stringify(withHugeString(fixture, pick, 1_000_000, char)));
      }),
      { numRuns: 15 },
    );
    fc.assert(
      fc.property(anyFixture, fc.nat(), (fixture, pick) => {
        fromText(JSON.stringify(withHugeArray(fixture, pick, 10_000)));
      }),
      { numRuns: 15 },
    );
  }, 30_000);

  it('should answer random bytes, random JSON and any stored value', () => {
    fc.assert(fc.property(randomText, (text) => void fromText(text)));
    const row = fc.anything({
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withBoxedValues: true,
      key: fc.oneof(fc.string(), protoKey),
    });
    fc.assert(fc.property(row, (value) => void fromRow(value)));
  });
});

describe('session import into the database, fuzzed', () => {
  const db = new SessionDb('liveproof-fuzz');
  const known = (() => {
    const read = parseSessionJson(sessionFixtureText(SESSION_SCHEMA_VERSION));
    if (!('session' in read)) throw new Error(read.problem);
    return read.session;
  })();

  /** What the sessions page does with a chosen file (use-sessions importFiles, less React). */
  async function importFile(text: string): Promise<boolean> {
    const read = fromText(text);
    return 'session' in read ? db.add(read.session) : false;
  }

  it('should never change a stored session, nor store anything from a refused file', async () => {
    await db.put(known);
    const file = fc.oneof(
      fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((mutations) => JSON.stringify(mutate(known, mutations).doc)),
      hostile.map((change) => hostileText(known, change)),
      cut(JSON.stringify(known)),
      randomText,
    );
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const before = (await db.list(0)).map((item) => item.id);
        const added = await importFile(text);
        expect(await db.get(known.id)).toEqual({ session: known });
        const after = (await db.list(0)).map((item) => item.id);
        expect(after.length).toBe(before.length + (added ? 1 : 0));
        // Back to the one known session, so each run starts alike.
        for (const id of after) if (id !== known.id) await db.remove(id);
      }),
      { numRuns: 100 },
    );
  }, 30_000);
});
