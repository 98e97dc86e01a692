import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import {
  ANALYSIS_REPORT_SCHEMA_VERSION,
  AnalysisReportSchema,
  AnalysisReportV2Schema,
  AnalysisReportV3Schema,
} from '@/utils/report/analysis-report';
import {
  AnalysisReportV1Schema,
  migrateReportV1ToV2,
  readAnalysisReport,
  readAnalysisReportJson,
} from '@/utils/report/report-migrations';

/**
 * Reports as Liveproof wrote them, each by the `npm run analyze -- --json` of its version on the
 * +500 ms clip: v1 and v2 by the code of their time, v3 by today's.
 */
const FIXTURES = join(import.meta.dirname, '../../fixtures/reports');
const fixtureText = (version: number) => readFileSync(join(FIXTURES, `v${version}.json`), 'utf8');
const fixture = (version: number) => JSON.parse(fixtureText(version)) as Record<string, unknown>;
const VERSIONS = Array.from({ length: ANALYSIS_REPORT_SCHEMA_VERSION }, (_, i) => i + 1);
const FROZEN = [AnalysisReportV1Schema, AnalysisReportV2Schema, AnalysisReportV3Schema];

/** What version 3 adds, for a report written before the descriptor existed: nothing was described. */
const NOT_DESCRIBED = {
  describedFrames: 0,
  spread: null,
  maxChangeDistance: null,
  maxChangeAtS: null,
  startToEndDistance: null,
  threshold: DESCRIPTOR.samePersonMax,
  descriptors: null,
};

describe('analysis report versions', () => {
  it.each(VERSIONS)('should read the version %i fixture as current, the same after a JSON round trip', (version) => {
    const read = readAnalysisReportJson(fixtureText(version));
    if (!('report' in read)) throw new Error(read.problem);
    expect(read.report.schemaVersion).toBe(ANALYSIS_REPORT_SCHEMA_VERSION);
    expect(AnalysisReportSchema.safeParse(read.report).success).toBe(true);
    expect(readAnalysisReportJson(JSON.stringify(read.report))).toEqual(read);
  });

  it('should hold each fixture to its own frozen schema and no other', () => {
    expect(FROZEN).toHaveLength(ANALYSIS_REPORT_SCHEMA_VERSION);
    for (const version of VERSIONS) {
      const accepted = FROZEN.map((schema) => schema.safeParse(fixture(version)).success);
      expect(accepted).toEqual(VERSIONS.map((other) => other === version));
    }
  });

  it('should have the current schema be the newest frozen one', () => {
    expect(AnalysisReportSchema).toBe(AnalysisReportV3Schema);
  });

  it('should read the current version exactly as written', () => {
    expect(readAnalysisReport(fixture(3))).toEqual({ report: fixture(3) });
  });

  it('should carry all of version 1 into version 2 and fill what it lacked with what it proves or null', () => {
    const v1 = fixture(1);
    const v2 = migrateReportV1ToV2(AnalysisReportV1Schema.parse(v1));
    expect(AnalysisReportV2Schema.parse(v2)).toEqual(v2);
    expect(v2).toEqual({
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

  it('should carry all of version 1 into version 3 through version 2, nothing described', () => {
    const v1 = fixture(1);
    const read = readAnalysisReport(v1);
    if (!('report' in read)) throw new Error(read.problem);
    const v2 = migrateReportV1ToV2(AnalysisReportV1Schema.parse(v1));
    expect(read.report).toEqual({
      ...v2,
      schemaVersion: 3,
      identity: NOT_DESCRIBED,
      performance: { ...v2.performance, describeMsPerFrame: null },
    });
    expect(read.report.faceChecks.maxFaces).toBe(1);
    expect(read.report.performance).toEqual({
      ...(v1.performance as object),
      pixelsMsPerFrame: null,
      faceChecksMsPerFrame: null,
      describeMsPerFrame: null,
    });
  });

  it('should carry all of version 2 into version 3, nothing described and no describe time', () => {
    const v2 = fixture(2);
    const untouched = structuredClone(v2);
    const read = readAnalysisReport(v2);
    if (!('report' in read)) throw new Error(read.problem);
    expect(read.report).toEqual({
      ...v2,
      schemaVersion: 3,
      identity: NOT_DESCRIBED,
      performance: { ...(v2.performance as object), describeMsPerFrame: null },
    });
    expect(v2).toEqual(untouched);
  });

  it('should claim no face for a version 1 report that found none', () => {
    const read = readAnalysisReport({ ...fixture(1), frames: { analyzed: 120, withFace: 0 }, findings: [] });
    expect('report' in read && read.report.faceChecks.maxFaces).toBe(0);
  });

  const v1 = fixture(1);
  const v2 = fixture(2);
  const v3 = fixture(3);
  const v3Identity = v3.identity as Record<string, unknown>;
  const newer = ANALYSIS_REPORT_SCHEMA_VERSION + 1;
  const v1Finding = (v1.findings as object[])[0];
  it.each([
    ['text that is not JSON', 'not json', /not JSON/],
    ['a number', '42', /not a Liveproof analysis report \(not an object\)/],
    ['a file without a version', '{"file": "a.mp4"}', /no known schemaVersion/],
    [
      'a newer version',
      { ...v3, schemaVersion: newer },
      new RegExp(`newer Liveproof \\(schema version ${newer}\\); update Liveproof`),
    ],
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
    ['a version 2 report without audio', { ...v2, audio: undefined }, /\(version 2\) is damaged at audio/],
    [
      'a version 2 face check that is text',
      { ...v2, faceChecks: { ...(v2.faceChecks as object), pulseBpm: '60' } },
      /\(version 2\) is damaged at faceChecks\.pulseBpm/,
    ],
    [
      'a version 2 confidence above 1',
      { ...v2, lipSync: { ...(v2.lipSync as object), confidence: 1.5 } },
      /\(version 2\) is damaged at lipSync\.confidence/,
    ],
    [
      'a version 3 report without audio',
      { ...v3, audio: undefined },
      /^This Liveproof analysis report is damaged at audio:/,
    ],
    ['a version 3 report without identity', { ...v3, identity: undefined }, /report is damaged at identity:/],
    [
      'a version 3 described-frame count that is not whole',
      { ...v3, identity: { ...v3Identity, describedFrames: 2.5 } },
      /report is damaged at identity\.describedFrames:/,
    ],
    [
      'a version 3 threshold that is null',
      { ...v3, identity: { ...v3Identity, threshold: null } },
      /report is damaged at identity\.threshold:/,
    ],
    [
      'a version 3 descriptor of 127 numbers',
      { ...v3, identity: { ...v3Identity, descriptors: [{ timeS: 1, values: Array.from({ length: 127 }, () => 0) }] } },
      /report is damaged at identity\.descriptors\.0\.values:/,
    ],
    [
      'a version 3 report without its describe time',
      { ...v3, performance: { ...(v3.performance as object), describeMsPerFrame: undefined } },
      /report is damaged at performance\.describeMsPerFrame:/,
    ],
  ])('should refuse %s with a message naming the field', (_, file, message) => {
    const read = readAnalysisReportJson(typeof file === 'string' ? file : JSON.stringify(file));
    expect('problem' in read && read.problem).toMatch(message);
  });
});
