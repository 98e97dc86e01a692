import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ANALYSIS_REPORT_SCHEMA_VERSION,
  AnalysisReportSchema,
  AnalysisReportV2Schema,
} from '@/utils/report/analysis-report';
import { AnalysisReportV1Schema, readAnalysisReport, readAnalysisReportJson } from '@/utils/report/report-migrations';

/** Reports as Liveproof wrote them: v1 by the code of its time, v2 by today's `npm run analyze -- --json`. */
const FIXTURES = join(import.meta.dirname, '../../fixtures/reports');
const fixtureText = (version: number) => readFileSync(join(FIXTURES, `v${version}.json`), 'utf8');
const fixture = (version: number) => JSON.parse(fixtureText(version)) as Record<string, unknown>;
const VERSIONS = Array.from({ length: ANALYSIS_REPORT_SCHEMA_VERSION }, (_, i) => i + 1);

describe('analysis report versions', () => {
  it.each(VERSIONS)('should read the version %i fixture as current, the same after a JSON round trip', (version) => {
    const read = readAnalysisReportJson(fixtureText(version));
    if (!('report' in read)) throw new Error(read.problem);
    expect(read.report.schemaVersion).toBe(ANALYSIS_REPORT_SCHEMA_VERSION);
    expect(AnalysisReportSchema.safeParse(read.report).success).toBe(true);
    expect(readAnalysisReportJson(JSON.stringify(read.report))).toEqual(read);
  });

  it('should hold each fixture to its own frozen schema and no other', () => {
    expect(AnalysisReportV1Schema.safeParse(fixture(1)).success).toBe(true);
    expect(AnalysisReportV2Schema.safeParse(fixture(2)).success).toBe(true);
    expect(AnalysisReportV1Schema.safeParse(fixture(2)).success).toBe(false);
    expect(AnalysisReportV2Schema.safeParse(fixture(1)).success).toBe(false);
  });

  it('should read the current version exactly as written', () => {
    expect(readAnalysisReport(fixture(2))).toEqual({ report: fixture(2) });
  });

  it('should carry all of version 1 into version 2 and fill what it lacked with what it proves or null', () => {
    const v1 = fixture(1);
    const read = readAnalysisReport(v1);
    if (!('report' in read)) throw new Error(read.problem);
    expect(read.report).toEqual({
      schemaVersion: 2,
      file: v1.file,
      durationS: v1.durationS,
      audio: true,
      frames: v1.frames,
      lipSync: v1.lipSync,
      faceChecks: {
        maxFaces: 1,
        longestNoFaceS: null,
        multipleFacesS: null,
        identityMaxScore: null,
        identityMaxGeometryZ: null,
        identityMaxColourZ: null,
        identityMaxAtS: null,
        identityStartToEnd: null,
        longestFrozenS: null,
        longestLoopS: null,
        medianFrameDiff: null,
        jitterMedian: null,
        jitterWorstWindow: null,
        seamGradientRatio: null,
        seamChromaDelta: null,
        blinksPerMinute: null,
        blinkWatchedS: null,
        blinkMedianMs: null,
        pulseBpm: null,
        pulseSnrDb: null,
      },
      findings: v1.findings,
      performance: { ...(v1.performance as object), pixelsMsPerFrame: null, faceChecksMsPerFrame: null },
    });
  });

  it('should claim no face for a version 1 report that found none', () => {
    const read = readAnalysisReport({ ...fixture(1), frames: { analyzed: 120, withFace: 0 }, findings: [] });
    expect('report' in read && read.report.faceChecks.maxFaces).toBe(0);
  });

  const v1 = fixture(1);
  const v2 = fixture(2);
  const v1Finding = (v1.findings as object[])[0];
  it.each([
    ['text that is not JSON', 'not json', /not JSON/],
    ['a number', '42', /not a Liveproof analysis report \(not an object\)/],
    ['a file without a version', '{"file": "a.mp4"}', /no known schemaVersion/],
    ['a newer version', { ...v2, schemaVersion: 3 }, /newer Liveproof \(schema version 3\); update Liveproof/],
    [
      'a version 1 frame count that is not whole',
      { ...v1, frames: { analyzed: 1.5, withFace: 1 } },
      /\(version 1\) is damaged at frames\.analyzed/,
    ],
    [
      'a version 1 finding of a later kind',
      { ...v1, findings: [{ ...v1Finding, kind: 'freeze' }] },
      /\(version 1\) is damaged at findings\.0\.kind/,
    ],
    ['a version 2 report without audio', { ...v2, audio: undefined }, /report is damaged at audio/],
    [
      'a version 2 face check that is text',
      { ...v2, faceChecks: { ...(v2.faceChecks as object), pulseBpm: '60' } },
      /damaged at faceChecks\.pulseBpm/,
    ],
    [
      'a version 2 confidence above 1',
      { ...v2, lipSync: { ...(v2.lipSync as object), confidence: 1.5 } },
      /damaged at lipSync\.confidence/,
    ],
  ])('should refuse %s with a message naming the field', (_, file, message) => {
    const read = readAnalysisReportJson(typeof file === 'string' ? file : JSON.stringify(file));
    expect('problem' in read && read.problem).toMatch(message);
  });
});
