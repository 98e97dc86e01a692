/**
 * Signals export reader fuzzed: readSignalsJson reads a recording's signals file (the golden
 * fixtures, the bench and lip-map training read them from disk; a person can hand any file to
 * them). Nothing is stored, so a refused file is checked to yield no signals. Seed: FUZZ_SEED.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readSignals, readSignalsJson, SIGNALS_SCHEMA_VERSION, type Signals } from '@/utils/report/signals-schema';
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
  randomText,
  tally,
  withHugeArray,
  withHugeString,
  wrongVersion,
} from './json-fuzz';

const FIXTURE_FILES = [
  '../../fixtures/signals/v2.json',
  '../../fixtures/signals/v3.json',
  '../../fixtures/golden/real_roop_target_f.signals.json',
];
const TEXTS = FIXTURE_FILES.map((file) => readFileSync(join(import.meta.dirname, file), 'utf8'));
const FIXTURES = TEXTS.map((text) => JSON.parse(text) as Record<string, unknown>);
const anyFixture = fc.constantFrom(...FIXTURES);
const seen = tally('signals');

type Read = { signals: Signals } | { problem: string };

function checked(read: Read): Read {
  seen.count('problem' in read ? read.problem : null);
  if ('problem' in read) expectPlainProblem(read.problem);
  else expectPlainObjects(read.signals);
  expectNoPollution();
  return read;
}
const fromText = (text: string) => checked(readSignalsJson(text));
const fromJson = (json: unknown) => checked(readSignals(json));

afterAll(() => console.log(seen.line()));

describe('signals export reader, fuzzed', () => {
  it('should read every fixture (versions 2, 3 and the current one)', () => {
    for (const text of TEXTS) expect(fromText(text)).toHaveProperty('signals');
  });

  it('should answer a mutated file with signals or a problem naming the field', () => {
    fc.assert(
      fc.property(anyFixture, fc.array(mutation, { minLength: 1, maxLength: 3 }), (fixture, mutations) => {
        const { doc, paths } = mutate(fixture, mutations);
        // Version 2 lines faces up with mouth frames: a change to either is named at faces.
        const related = { mouth: ['faces'] };
        for (const read of [fromText(JSON.stringify(doc)), fromJson(doc)])
          if ('problem' in read) expectNamesChangedField(read.problem, paths, related);
      }),
    );
  });

  it('should refuse a truncated file as not JSON', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXTS).chain((text) => cut(text)),
        (text) => {
          expect(fromText(text)).toEqual({ problem: expect.stringContaining('not JSON') });
        },
      ),
    );
  });

  it('should refuse another schemaVersion, naming a newer one', () => {
    fc.assert(
      fc.property(anyFixture, wrongVersion(SIGNALS_SCHEMA_VERSION), (fixture, version) => {
        const read = fromJson({ ...copy(fixture), schemaVersion: version });
        const newer = typeof version === 'number' && Number.isInteger(version) && version > SIGNALS_SCHEMA_VERSION;
        const words = newer ? `newer Liveproof (schema version ${version})` : 'no known schemaVersion';
        expect(read).toEqual({ problem: expect.stringContaining(words) });
      }),
    );
  });

  it('should refuse a file of another kind', () => {
    const otherKind = fc.oneof(
      fc.constantFrom('liveproof-session', 'liveproof-drill-pack', '', null, 1),
      fc.string({ maxLength: 30 }).filter((kind) => kind !== 'liveproof-signals'),
    );
    fc.assert(
      fc.property(anyFixture, otherKind, (fixture, kind) => {
        const read = fromJson({ ...copy(fixture), kind });
        expect(read).toEqual({ problem: expect.stringContaining('kind is not "liveproof-signals"') });
      }),
    );
  });

  it('should survive hostile JSON: prototype keys, 10^4 levels of nesting, very long keys', () => {
    fc.assert(
      fc.property(anyFixture, hostile, (fixture, change) => {
        const text = hostileText(fixture, change);
        fromText(text);
        fromJson(JSON.parse(text));
      }),
      { numRuns: 100 },
    );
  });

  it('should read valid signals the same with "__proto__" keys added anywhere', () => {
    fc.assert(
      fc.property(anyFixture, fc.nat(), (fixture, pick) => {
        const change = { kind: 'proto-key' as const, pick, key: '__proto__', value: '{"polluted":"yes"}' };
        expect(fromText(hostileText(fixture, change))).toEqual(fromText(JSON.stringify(fixture)));
      }),
      { numRuns: 100 },
    );
  });

  it('should answer oversized strings and arrays in words of a sensible length', () => {
    fc.assert(
      fc.property(anyFixture, fc.nat(), fc.constantFrom('x', '\u0000', '€'), (fixture, pick, char) => {
        fromText(JSON.stringify(withHugeString(fixture, pick, 1_000_000, char)));
      }),
      { numRuns: 10 },
    );
    fc.assert(
      fc.property(anyFixture, fc.nat(), (fixture, pick) => {
        fromText(JSON.stringify(withHugeArray(fixture, pick, 10_000)));
      }),
      { numRuns: 10 },
    );
  }, 30_000);

  it('should answer random bytes and random JSON', () => {
    fc.assert(fc.property(randomText, (text) => void fromText(text)));
  });
});
