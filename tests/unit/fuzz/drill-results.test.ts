/**
 * Drill results import fuzzed: the trainer view reads each trainee's file with parseResults and
 * puts them together with combineResults. Results are held in memory, not stored, so "nothing
 * changed" is checked at the boundary: a refused file yields no results. Seed: FUZZ_SEED.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  combineResults,
  parseResults,
  resultsToJson,
  RESULTS_KIND,
  RESULTS_SCHEMA_VERSION,
  type Answer,
  type DrillResults,
} from '@/utils/drills/scoring';
import { answer, drillPackResults, PACK_ID } from '../drills/drill-fixtures';
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
  oddString,
  randomText,
  tally,
  withHugeArray,
  withHugeString,
  wrongVersion,
} from './json-fuzz';

const ANSWERS: Answer[] = [
  { ...answer('ada', false, 4, 8000), note: 'Lips lag on "seven".', cues: ['lips-out-of-sync', 'other'] },
  answer('ada.shift+250', false, 5, 12000),
  { ...answer('bob', true, 3, 5000), engineOn: true },
  answer('bob.frozen', true, 2, 3000),
];
const RESULTS = [drillPackResults('Ada', ANSWERS), drillPackResults('Grace', ANSWERS.slice(0, 2), { seed: 7 })];
const FIXTURES = RESULTS.map((results) => JSON.parse(resultsToJson(results)) as Record<string, unknown>);
const anyFixture = fc.constantFrom(...FIXTURES);
const seen = tally('drill-results');

type Read = { results: DrillResults } | { problem: string };

function fromText(text: string): Read {
  const read = parseResults(text, new TextEncoder().encode(text).length);
  seen.count('problem' in read ? read.problem : null);
  if ('problem' in read) expectPlainProblem(read.problem);
  else expectPlainObjects(read.results);
  expectNoPollution();
  return read;
}

/** The trainer view over these results: a table with a row per item, or a plain problem. */
function combined(results: readonly DrillResults[]): void {
  const table = combineResults(results);
  seen.count('problem' in table ? table.problem : null);
  if ('problem' in table) expectPlainProblem(table.problem);
  else {
    expect(table.trainees).toHaveLength(results.length);
    expect(new Set(table.rows.map((row) => row.itemId))).toEqual(
      new Set(results.flatMap((entry) => entry.items.map((item) => item.id))),
    );
  }
  expectNoPollution();
}

afterAll(() => console.log(seen.line()));

describe('drill results import, fuzzed', () => {
  it('should read the results files, the same after a round trip', () => {
    for (const [index, results] of RESULTS.entries())
      expect(fromText(JSON.stringify(FIXTURES[index]))).toEqual({ results });
  });

  it('should answer a mutated results file with results or a problem naming the field', () => {
    fc.assert(
      fc.property(anyFixture, fc.array(mutation, { minLength: 1, maxLength: 3 }), (fixture, mutations) => {
        const { doc, paths } = mutate(fixture, mutations);
        const read = fromText(JSON.stringify(doc));
        if ('problem' in read) expectNamesChangedField(read.problem, paths, { items: ['answers'] });
        // A file that still reads joins the others in the trainer view without trouble.
        else combined([...RESULTS, read.results]);
      }),
    );
  });

  it('should refuse a truncated file as not JSON', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RESULTS.map(resultsToJson)).chain((text) => cut(text)),
        (text) => {
          expect(fromText(text)).toEqual({ problem: expect.stringContaining('not JSON') });
        },
      ),
    );
  });

  it('should refuse another schemaVersion, naming a newer one', () => {
    fc.assert(
      fc.property(anyFixture, wrongVersion(RESULTS_SCHEMA_VERSION), (fixture, version) => {
        const read = fromText(JSON.stringify({ ...copy(fixture), schemaVersion: version }));
        const newer = typeof version === 'number' && Number.isInteger(version) && version > RESULTS_SCHEMA_VERSION;
        const words = newer ? `newer Liveproof (version ${version})` : 'damaged at schemaVersion';
        expect(read).toEqual({ problem: expect.stringContaining(words) });
      }),
    );
  });

  it('should refuse a file of another kind', () => {
    const otherKind = fc.oneof(
      fc.constantFrom('liveproof-session', 'liveproof-drill-pack', 'liveproof-checklist-template', '', null, 1),
      fc.string({ maxLength: 30 }).filter((kind) => kind !== RESULTS_KIND),
    );
    fc.assert(
      fc.property(anyFixture, otherKind, (fixture, kind) => {
        const read = fromText(JSON.stringify({ ...copy(fixture), kind }));
        expect(read).toEqual({
          problem: expect.stringMatching(/not a Liveproof drill results file|not a drill results/),
        });
      }),
    );
  });

  it('should survive hostile JSON: prototype keys, 10^4 levels of nesting, very long keys', () => {
    fc.assert(fc.property(anyFixture, hostile, (fixture, change) => void fromText(hostileText(fixture, change))));
  });

  it('should read valid results the same with "__proto__" keys added anywhere', () => {
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
        expect(fromText(JSON.stringify(withHugeString(fixture, pick, 1_000_000, char)))).toHaveProperty('problem');
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

  it('should answer random bytes and random JSON', () => {
    fc.assert(fc.property(randomText, (text) => void fromText(text)));
  });
});

describe('drill results put together for the trainer, fuzzed', () => {
  /** A trainee's results as a file could hold them: any name, time, pack id, title and answers. */
  const file = fc
    .record({
      trainee: fc.oneof(fc.constantFrom('Ada', 'Grace', 'ada', ' Ada '), oddString),
      startedAtMs: fc.oneof(fc.constantFrom(1_000, 2_000), fc.nat()),
      packId: fc.constantFrom(PACK_ID, 'b'.repeat(64)),
      title: fc.oneof(fc.constantFrom('Interview drills, week 1', 'Other'), oddString),
      seed: fc.nat({ max: 100 }),
      answers: fc.subarray(ANSWERS),
    })
    .map(({ trainee, startedAtMs, packId, title, seed, answers }) => {
      const results = copy(drillPackResults('x', answers, { startedAtMs, packId, seed }));
      return JSON.stringify({ ...results, trainee, pack: { ...results.pack, title } });
    });

  it('should combine any results files that read, or say why not', () => {
    fc.assert(
      fc.property(fc.array(file, { maxLength: 6 }), (texts) => {
        const read = texts.map(fromText).flatMap((entry) => ('results' in entry ? [entry.results] : []));
        combined(read);
        // The same file chosen twice is named, not counted twice.
        if (read[0]) combined([read[0], read[0]]);
      }),
    );
  });
});
