/**
 * Analysis report reader fuzzed: readAnalysisReportJson reads a report `npm run analyze -- --json`
 * or the analyze page wrote. Nothing is stored, so a refused file is checked to yield no report.
 * Seed: FUZZ_SEED.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ANALYSIS_REPORT_SCHEMA_VERSION, type AnalysisReport } from '@/utils/report/analysis-report';
import { readAnalysisReport, readAnalysisReportJson } from '@/utils/report/report-migrations';
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
  randomText,
  tally,
  withHugeArray,
  withHugeString,
  wrongVersion,
} from './json-fuzz';

const fixturePath = (file: string) => join(import.meta.dirname, '../../fixtures', file);
const VERSIONS = [1, 2, 3, 4, ANALYSIS_REPORT_SCHEMA_VERSION];
const TEXTS = VERSIONS.map((version) => readFileSync(fixturePath(`reports/v${version}.json`), 'utf8'));
const FIXTURES = TEXTS.map((text) => JSON.parse(text) as Record<string, unknown>);
const anyFixture = fc.constantFrom(...FIXTURES);
const seen = tally('analysis-reports');

type Read = { report: AnalysisReport } | { problem: string };

function checked(read: Read): Read {
  seen.count('problem' in read ? read.problem : null);
  if ('problem' in read) expectPlainProblem(read.problem);
  else expectPlainObjects(read.report);
  expectNoPollution();
  return read;
}
const fromText = (text: string) => checked(readAnalysisReportJson(text));
const fromJson = (json: unknown) => checked(readAnalysisReport(json));

afterAll(() => console.log(seen.line()));

describe('analysis report reader, fuzzed', () => {
  it('should read every version fixture', () => {
    for (const text of TEXTS) expect(fromText(text)).toHaveProperty('report');
  });

  it('should answer a mutated report with a report or a problem naming the field', () => {
    fc.assert(
      fc.property(anyFixture, fc.array(mutation, { minLength: 1, maxLength: 3 }), (fixture, mutations) => {
        const { doc, paths } = mutate(fixture, mutations);
        for (const read of [fromText(JSON.stringify(doc)), fromJson(doc)])
          if ('problem' in read) expectNamesChangedField(read.problem, paths);
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
      fc.property(anyFixture, wrongVersion(ANALYSIS_REPORT_SCHEMA_VERSION), (fixture, version) => {
        const read = fromJson({ ...copy(fixture), schemaVersion: version });
        const newer =
          typeof version === 'number' && Number.isInteger(version) && version > ANALYSIS_REPORT_SCHEMA_VERSION;
        const words = newer ? `newer Liveproof (schema version ${version})` : 'no known schemaVersion';
        expect(read).toEqual({ problem: expect.stringContaining(words) });
      }),
    );
  });

  it('should refuse the other Liveproof files: a session, a signals export', () => {
    const others = [
      sessionFixtureText(3),
      sessionFixtureText(2),
      readFileSync(fixturePath('signals/v3.json'), 'utf8'),
      readFileSync(fixturePath('golden/real_roop_target_f.signals.json'), 'utf8'),
    ];
    for (const text of others) expect(fromText(text)).toHaveProperty('problem');
  });

  it('should survive hostile JSON: prototype keys, 10^4 levels of nesting, very long keys', () => {
    fc.assert(
      fc.property(anyFixture, hostile, (fixture, change) => {
        const text = hostileText(fixture, change);
        fromText(text);
        fromJson(JSON.parse(text));
      }),
      { numRuns: 150 },
    );
  });

  it('should read a valid report the same with "__proto__" keys added anywhere', () => {
    fc.assert(
      fc.property(anyFixture, fc.nat(), (fixture, pick) => {
        const change = { kind: 'proto-key' as const, pick, key: '__proto__', value: '{"polluted":"yes"}' };
        expect(fromText(hostileText(fixture, change))).toEqual(fromText(JSON.stringify(fixture)));
      }),
    );
  });

  it('should answer oversized strings and arrays in words of a sensible length', () => {
    fc.assert(
      fc.property(anyFixture, fc.nat(), fc.constantFrom('x', '\u0000', '€'), (fixture, pick, char) => {
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

  it('should answer random bytes and random JSON', () => {
    fc.assert(fc.property(randomText, (text) => void fromText(text)));
  });
});
