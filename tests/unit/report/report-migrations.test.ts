import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import {
  ANALYSIS_REPORT_SCHEMA_VERSION,
  AnalysisReportSchema,
  AnalysisReportV2Schema,
  AnalysisReportV3Schema,
  AnalysisReportV4Schema,
  AnalysisReportV5Schema,
  AnalysisReportV6Schema,
} from '@/utils/report/analysis-report';
import {
  AnalysisReportV1Schema,
  migrateReportV1ToV2,
  migrateReportV2ToV3,
  migrateReportV3ToV4,
  migrateReportV4ToV5,
  migrateReportV5ToV6,
  readAnalysisReport,
  readAnalysisReportJson,
} from '@/utils/report/report-migrations';

/**
 * Reports as Liveproof wrote them, each by the `npm run analyze -- --json` of its version on the
 * +500 ms clip, by the code of their time (v3 at 96a9756). Frozen: never rewritten, a new version
 * gets a new file. v4 is the v3 run as version 4 writes it (method `learned`, one stretch: one
 * person on the clip), written by hand until a run of version 4's analyze replaces it. v5 is a run
 * of version 5's analyze (3b504cc, with the blink and jitter analyzers mid-change: its face-check
 * numbers are no reference) with `--challenge read-phrase@5-12 --challenge head-turn@0-6
 * --challenge blink@10-16`: a concern (the 500 ms lag), a turn not made, blinks seen. v6 is a run
 * of version 6's analyze (d5d2cfd) with the same challenges: the file was read to its end.
 */
const FIXTURES = join(import.meta.dirname, '../../fixtures/reports');
const fixtureText = (version: number) => readFileSync(join(FIXTURES, `v${version}.json`), 'utf8');
const fixture = (version: number) => JSON.parse(fixtureText(version)) as Record<string, unknown>;
const VERSIONS = Array.from({ length: ANALYSIS_REPORT_SCHEMA_VERSION }, (_, i) => i + 1);
const FROZEN = [
  AnalysisReportV1Schema,
  AnalysisReportV2Schema,
  AnalysisReportV3Schema,
  AnalysisReportV4Schema,
  AnalysisReportV5Schema,
  AnalysisReportV6Schema,
];

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

/**
 * What version 4 adds to the lip sync of a report written before it: the envelope method, matched
 * over the whole recording as one stretch that carries the recording's verdict.
 */
const oneEnvelopeStretch = (lipSync: unknown, durationS: unknown) => {
  const { verdict, offsetMs, confidence } = lipSync as Record<string, unknown>;
  return {
    ...(lipSync as object),
    method: 'envelope',
    stretches: [{ startS: 0, endS: durationS, verdict, offsetMs, confidence, method: 'envelope' }],
  };
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
    expect(AnalysisReportSchema).toBe(AnalysisReportV6Schema);
  });

  it('should keep the version 3 fixture a version 3 report', () => {
    const v3 = fixture(3);
    expect(v3.schemaVersion).toBe(3);
    expect(AnalysisReportV3Schema.parse(v3)).toEqual(v3);
    expect(v3.lipSync).not.toHaveProperty('method');
    expect(v3.lipSync).not.toHaveProperty('stretches');
  });

  it('should read the current version exactly as written', () => {
    expect(readAnalysisReport(fixture(6))).toEqual({ report: fixture(6) });
  });

  it('should keep the version 6 fixture a run read to its end', () => {
    const v6 = AnalysisReportV6Schema.parse(fixture(6));
    expect(v6.read?.endsEarly).toBe(false);
    expect(v6.read?.videoReadS).toBeCloseTo(v6.durationS, 0);
  });

  it('should keep the version 5 fixture a run with challenges of each outcome', () => {
    const v5 = AnalysisReportV5Schema.parse(fixture(5));
    expect(v5.challenges.map((c) => [c.kind, c.sides, c.outcome])).toEqual([
      ['read-phrase', null, 'concern'],
      ['head-turn', 'both', 'not-verified'],
      ['blink', null, 'passed'],
    ]);
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
    const v2 = migrateReportV1ToV2(AnalysisReportV1Schema.parse(v1));
    const v3 = migrateReportV2ToV3(v2);
    expect(AnalysisReportV3Schema.parse(v3)).toEqual(v3);
    expect(v3).toEqual({
      ...v2,
      schemaVersion: 3,
      identity: NOT_DESCRIBED,
      performance: { ...v2.performance, describeMsPerFrame: null },
    });
  });

  it('should carry all of version 1 into version 6 through versions 2 to 5, one envelope stretch, no read', () => {
    const v1 = fixture(1);
    const read = readAnalysisReport(v1);
    if (!('report' in read)) throw new Error(read.problem);
    const v2 = migrateReportV1ToV2(AnalysisReportV1Schema.parse(v1));
    expect(read.report).toEqual({
      ...v2,
      schemaVersion: 6,
      lipSync: oneEnvelopeStretch(v1.lipSync, v1.durationS),
      identity: NOT_DESCRIBED,
      performance: { ...v2.performance, describeMsPerFrame: null },
      challenges: [],
      read: null,
    });
    expect(read.report.lipSync.stretches).toEqual([
      { startS: 0, endS: 30, verdict: 'offset', offsetMs: 535.7, confidence: 1, method: 'envelope' },
    ]);
    expect(read.report.faceChecks.maxFaces).toBe(1);
    expect(read.report.performance).toEqual({
      ...(v1.performance as object),
      pixelsMsPerFrame: null,
      faceChecksMsPerFrame: null,
      describeMsPerFrame: null,
    });
  });

  it('should carry all of version 2 into version 6, nothing described, no describe time, one envelope stretch', () => {
    const v2 = fixture(2);
    const untouched = structuredClone(v2);
    const read = readAnalysisReport(v2);
    if (!('report' in read)) throw new Error(read.problem);
    expect(read.report).toEqual({
      ...v2,
      schemaVersion: 6,
      lipSync: oneEnvelopeStretch(v2.lipSync, v2.durationS),
      identity: NOT_DESCRIBED,
      performance: { ...(v2.performance as object), describeMsPerFrame: null },
      challenges: [],
      read: null,
    });
    expect(v2).toEqual(untouched);
  });

  it('should carry all of version 3 into version 4: the envelope method, one stretch over the recording', () => {
    const v3 = fixture(3);
    const untouched = structuredClone(v3);
    const v4 = migrateReportV3ToV4(AnalysisReportV3Schema.parse(v3));
    expect(AnalysisReportV4Schema.parse(v4)).toEqual(v4);
    expect(v4).toEqual({
      ...v3,
      schemaVersion: 4,
      lipSync: {
        verdict: 'offset',
        offsetMs: 542.5,
        confidence: 1,
        verdictAfterSpeechS: 6.9,
        method: 'envelope',
        stretches: [{ startS: 0, endS: 30, verdict: 'offset', offsetMs: 542.5, confidence: 1, method: 'envelope' }],
      },
    });
    expect(readAnalysisReport(v3)).toEqual({ report: migrateReportV5ToV6(migrateReportV4ToV5(v4)) });
    expect(v3).toEqual(untouched);
  });

  it('should carry all of version 4 into version 5 with no challenge, and read it so', () => {
    const v4 = fixture(4);
    const untouched = structuredClone(v4);
    const v5 = migrateReportV4ToV5(AnalysisReportV4Schema.parse(v4));
    expect(AnalysisReportV5Schema.parse(v5)).toEqual(v5);
    expect(v5).toEqual({ ...v4, schemaVersion: 5, challenges: [] });
    expect(readAnalysisReport(v4)).toEqual({ report: migrateReportV5ToV6(v5) });
    expect(v4).toEqual(untouched);
  });

  it('should carry all of version 5 into version 6 with the read not known, and read it so', () => {
    const v5 = fixture(5);
    const untouched = structuredClone(v5);
    const v6 = migrateReportV5ToV6(AnalysisReportV5Schema.parse(v5));
    expect(AnalysisReportV6Schema.parse(v6)).toEqual(v6);
    expect(v6).toEqual({ ...v5, schemaVersion: 6, read: null });
    expect(readAnalysisReport(v5)).toEqual({ report: v6 });
    expect(v5).toEqual(untouched);
  });

  it('should carry a version 3 verdict without an offset into its one stretch, to the exact duration', () => {
    const lipSync = { verdict: 'insufficient', offsetMs: null, confidence: 0, verdictAfterSpeechS: null };
    const read = readAnalysisReport({ ...fixture(3), durationS: 12.345, lipSync, findings: [] });
    if (!('report' in read)) throw new Error(read.problem);
    expect(read.report.lipSync).toEqual({
      ...lipSync,
      method: 'envelope',
      stretches: [
        { startS: 0, endS: 12.345, verdict: 'insufficient', offsetMs: null, confidence: 0, method: 'envelope' },
      ],
    });
  });

  it('should read a version 6 report of several stretches and methods as written', () => {
    const v5 = fixture(6);
    const lipSync = {
      ...(v5.lipSync as object),
      method: 'envelope',
      stretches: [
        { startS: 0, endS: 9.5, verdict: 'in-sync', offsetMs: 40.3, confidence: 0.877, method: 'learned' },
        { startS: 9.5, endS: 20.001, verdict: 'mismatch', offsetMs: null, confidence: 0, method: 'envelope' },
        { startS: 20.001, endS: 30, verdict: 'insufficient', offsetMs: null, confidence: 0, method: 'envelope' },
      ],
    };
    expect(readAnalysisReport({ ...v5, lipSync })).toEqual({ report: { ...v5, lipSync } });
    expect(readAnalysisReport({ ...v5, lipSync: { ...lipSync, stretches: [] } })).toEqual({
      report: { ...v5, lipSync: { ...lipSync, stretches: [] } },
    });
  });

  it('should claim no face for a version 1 report that found none', () => {
    const read = readAnalysisReport({ ...fixture(1), frames: { analyzed: 120, withFace: 0 }, findings: [] });
    expect('report' in read && read.report.faceChecks.maxFaces).toBe(0);
  });

  const v1 = fixture(1);
  const v2 = fixture(2);
  const v3 = fixture(3);
  const v3Identity = v3.identity as Record<string, unknown>;
  const v4 = fixture(4);
  const v4LipSync = v4.lipSync as { stretches: Record<string, unknown>[] } & Record<string, unknown>;
  const v4Stretch = v4LipSync.stretches[0] as Record<string, unknown>;
  /** The version 4 fixture with its first stretch changed by `change`. */
  const v4WithStretch = (change: Record<string, unknown>) => ({
    ...v4,
    lipSync: { ...v4LipSync, stretches: [{ ...v4Stretch, ...change }] },
  });
  const v5 = fixture(5);
  const v5Challenges = v5.challenges as Record<string, unknown>[];
  /** The version 5 fixture with its first challenge changed by `change`. */
  const v5WithChallenge = (change: Record<string, unknown>) => ({
    ...v5,
    challenges: [{ ...v5Challenges[0], ...change }, ...v5Challenges.slice(1)],
  });
  const v6 = fixture(6);
  const newer = ANALYSIS_REPORT_SCHEMA_VERSION + 1;
  const v1Finding = (v1.findings as object[])[0];
  it.each([
    ['text that is not JSON', 'not json', /not JSON/],
    ['a number', '42', /not a Liveproof analysis report \(not an object\)/],
    ['a file without a version', '{"file": "a.mp4"}', /no known schemaVersion/],
    [
      'a newer version',
      { ...v6, schemaVersion: newer },
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
      /^This Liveproof analysis report \(version 3\) is damaged at audio:/,
    ],
    ['a version 3 report without identity', { ...v3, identity: undefined }, /\(version 3\) is damaged at identity:/],
    [
      'a version 3 described-frame count that is not whole',
      { ...v3, identity: { ...v3Identity, describedFrames: 2.5 } },
      /\(version 3\) is damaged at identity\.describedFrames:/,
    ],
    [
      'a version 3 threshold that is null',
      { ...v3, identity: { ...v3Identity, threshold: null } },
      /\(version 3\) is damaged at identity\.threshold:/,
    ],
    [
      'a version 3 descriptor of 127 numbers',
      { ...v3, identity: { ...v3Identity, descriptors: [{ timeS: 1, values: Array.from({ length: 127 }, () => 0) }] } },
      /\(version 3\) is damaged at identity\.descriptors\.0\.values:/,
    ],
    [
      'a version 3 report without its describe time',
      { ...v3, performance: { ...(v3.performance as object), describeMsPerFrame: undefined } },
      /\(version 3\) is damaged at performance\.describeMsPerFrame:/,
    ],
    [
      'a version 3 confidence above 1',
      { ...v3, lipSync: { ...(v3.lipSync as object), confidence: 1.5 } },
      /\(version 3\) is damaged at lipSync\.confidence/,
    ],
    [
      'a version 4 report without audio',
      { ...v4, audio: undefined },
      /^This Liveproof analysis report \(version 4\) is damaged at audio:/,
    ],
    [
      'a version 4 report without identity',
      { ...v4, identity: undefined },
      /^This Liveproof analysis report \(version 4\) is damaged at identity:/,
    ],
    [
      'a version 4 report without a lip-sync method',
      { ...v4, lipSync: { ...v4LipSync, method: undefined } },
      /^This Liveproof analysis report \(version 4\) is damaged at lipSync\.method:/,
    ],
    [
      'a version 4 lip-sync method it does not know',
      { ...v4, lipSync: { ...v4LipSync, method: 'neural' } },
      /^This Liveproof analysis report \(version 4\) is damaged at lipSync\.method:/,
    ],
    [
      'a version 4 report without stretches',
      { ...v4, lipSync: { ...v4LipSync, stretches: undefined } },
      /^This Liveproof analysis report \(version 4\) is damaged at lipSync\.stretches:/,
    ],
    [
      'a version 4 stretch of verdict maybe',
      v4WithStretch({ verdict: 'maybe' }),
      /^This Liveproof analysis report \(version 4\) is damaged at lipSync\.stretches\.0\.verdict:/,
    ],
    [
      'a version 4 stretch of confidence 2',
      v4WithStretch({ confidence: 2 }),
      /^This Liveproof analysis report \(version 4\) is damaged at lipSync\.stretches\.0\.confidence:/,
    ],
    [
      'a version 4 stretch without its method',
      v4WithStretch({ method: undefined }),
      /^This Liveproof analysis report \(version 4\) is damaged at lipSync\.stretches\.0\.method:/,
    ],
    [
      'a version 4 stretch whose offset is text',
      v4WithStretch({ offsetMs: '542' }),
      /^This Liveproof analysis report \(version 4\) is damaged at lipSync\.stretches\.0\.offsetMs:/,
    ],
    [
      'a version 4 stretch without its end',
      v4WithStretch({ endS: undefined }),
      /^This Liveproof analysis report \(version 4\) is damaged at lipSync\.stretches\.0\.endS:/,
    ],
    [
      'a second version 4 stretch without its method',
      { ...v4, lipSync: { ...v4LipSync, stretches: [v4Stretch, { ...v4Stretch, startS: 30, method: undefined }] } },
      /^This Liveproof analysis report \(version 4\) is damaged at lipSync\.stretches\.1\.method:/,
    ],
    [
      'a version 3 report that claims version 4',
      { ...v3, schemaVersion: 4 },
      /^This Liveproof analysis report \(version 4\) is damaged at lipSync\.method:/,
    ],
    [
      'a version 5 report without audio',
      { ...v5, audio: undefined },
      /^This Liveproof analysis report \(version 5\) is damaged at audio:/,
    ],
    [
      'a version 5 report without challenges',
      { ...v5, challenges: undefined },
      /^This Liveproof analysis report \(version 5\) is damaged at challenges:/,
    ],
    [
      'a version 5 challenge of a kind it does not know',
      v5WithChallenge({ kind: 'nod' }),
      /^This Liveproof analysis report \(version 5\) is damaged at challenges\.0\.kind:/,
    ],
    [
      'a version 5 head turn to a side it does not know',
      v5WithChallenge({ kind: 'head-turn', sides: 'up' }),
      /^This Liveproof analysis report \(version 5\) is damaged at challenges\.0\.sides:/,
    ],
    [
      'a version 5 challenge of outcome maybe',
      v5WithChallenge({ outcome: 'maybe' }),
      /^This Liveproof analysis report \(version 5\) is damaged at challenges\.0\.outcome:/,
    ],
    [
      'a version 5 challenge without its end',
      v5WithChallenge({ endS: undefined }),
      /^This Liveproof analysis report \(version 5\) is damaged at challenges\.0\.endS:/,
    ],
    [
      'a version 5 challenge whose evidence holds a list',
      v5WithChallenge({ evidence: { blinks: [1, 2] } }),
      /^This Liveproof analysis report \(version 5\) is damaged at challenges\.0\.evidence\.blinks:/,
    ],
    [
      'a version 4 report that claims version 5',
      { ...v4, schemaVersion: 5 },
      /^This Liveproof analysis report \(version 5\) is damaged at challenges:/,
    ],
    [
      'a version 6 report without its read',
      { ...v6, read: undefined },
      /^This Liveproof analysis report is damaged at read:/,
    ],
    [
      'a version 6 read whose video end is text',
      { ...v6, read: { ...(v6.read as object), videoReadS: '4.2' } },
      /^This Liveproof analysis report is damaged at read\.videoReadS:/,
    ],
    [
      'a version 5 report that claims version 6',
      { ...v5, schemaVersion: 6 },
      /^This Liveproof analysis report is damaged at read:/,
    ],
  ])('should refuse %s with a message naming the field', (_, file, message) => {
    const read = readAnalysisReportJson(typeof file === 'string' ? file : JSON.stringify(file));
    expect('problem' in read && read.problem).toMatch(message);
  });
});
