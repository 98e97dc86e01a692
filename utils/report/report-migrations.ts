/**
 * Reads an analysis report of any version this Liveproof has written, migrating it to the current
 * one (pure). Each version keeps its own frozen schema, so old files stay readable after the
 * current schema moves on.
 */
import { z } from 'zod';
import { isNewerVersion } from '@/utils/common/schema-version';
import { plainProblem } from '@/utils/common/zod-problem';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import {
  ANALYSIS_REPORT_SCHEMA_VERSION,
  AnalysisReportSchema,
  AnalysisReportV2Schema,
  AnalysisReportV3Schema,
  AnalysisReportV4Schema,
  AnalysisReportV5Schema,
  type AnalysisReport,
} from './analysis-report';

type AnalysisReportV2 = z.infer<typeof AnalysisReportV2Schema>;
type AnalysisReportV3 = z.infer<typeof AnalysisReportV3Schema>;
type AnalysisReportV4 = z.infer<typeof AnalysisReportV4Schema>;
type AnalysisReportV5 = z.infer<typeof AnalysisReportV5Schema>;

const EvidenceV1 = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));

/** A finding as version 1 wrote it: only the lip-sync analyzer existed, so only its two kinds. */
const FindingV1Schema = z.object({
  kind: z.enum(['av-offset', 'av-mismatch']),
  severity: z.enum(['info', 'warn', 'high']),
  startS: z.number(),
  endS: z.number(),
  message: z.string(),
  evidence: EvidenceV1,
});

/** Version 1: lip sync only, from recordings that had to have sound. */
export const AnalysisReportV1Schema = z.object({
  schemaVersion: z.literal(1),
  file: z.string(),
  durationS: z.number(),
  frames: z.object({ analyzed: z.number().int(), withFace: z.number().int() }),
  lipSync: z.object({
    verdict: z.enum(['in-sync', 'offset', 'mismatch', 'insufficient']),
    offsetMs: z.number().nullable(),
    confidence: z.number().min(0).max(1),
    verdictAfterSpeechS: z.number().nullable(),
  }),
  findings: z.array(FindingV1Schema),
  performance: z.object({
    msPerFrameMedian: z.number(),
    msPerFrameP95: z.number(),
    realtimeFactor: z.number(),
  }),
});
export type AnalysisReportV1 = z.infer<typeof AnalysisReportV1Schema>;

/**
 * v1 -> v2. `audio` is true: version 1 refused a file without a sound track. The face checks did
 * not exist, so every measure is null, except `maxFaces`, which v2 requires: v1 counted faces but
 * kept the count out of the report, so it becomes the lower bound its frame counts prove (1 when
 * any frame had a face, else 0); `multipleFacesS` stays null, so nothing claims that a second face
 * was looked for. The pixel measures and face checks did not run, so their times are null.
 */
export function migrateReportV1ToV2(old: AnalysisReportV1): AnalysisReportV2 {
  return {
    schemaVersion: 2,
    file: old.file,
    durationS: old.durationS,
    audio: true,
    frames: { ...old.frames },
    lipSync: { ...old.lipSync },
    faceChecks: {
      maxFaces: old.frames.withFace > 0 ? 1 : 0,
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
    findings: old.findings.map((finding) => ({ ...finding, evidence: { ...finding.evidence } })),
    performance: { ...old.performance, pixelsMsPerFrame: null, faceChecksMsPerFrame: null },
  };
}

/** v2 -> v3. No descriptor was read before version 3: nothing described, nothing to compare. */
export function migrateReportV2ToV3(old: AnalysisReportV2): AnalysisReportV3 {
  return {
    ...old,
    schemaVersion: 3,
    faceChecks: { ...old.faceChecks },
    findings: old.findings.map((finding) => ({ ...finding, evidence: { ...finding.evidence } })),
    identity: {
      describedFrames: 0,
      spread: null,
      maxChangeDistance: null,
      maxChangeAtS: null,
      startToEndDistance: null,
      threshold: DESCRIPTOR.samePersonMax,
      descriptors: null,
    },
    performance: { ...old.performance, describeMsPerFrame: null },
  };
}

/**
 * v3 -> v4. Reports before version 4 matched the mouth opening against the speech envelope over
 * the whole recording: one stretch, method `envelope`.
 */
export function migrateReportV3ToV4(old: AnalysisReportV3): AnalysisReportV4 {
  const { lipSync } = old;
  return {
    ...old,
    schemaVersion: 4,
    lipSync: {
      ...lipSync,
      method: 'envelope',
      stretches: [
        {
          startS: 0,
          endS: old.durationS,
          verdict: lipSync.verdict,
          offsetMs: lipSync.offsetMs,
          confidence: lipSync.confidence,
          method: 'envelope',
        },
      ],
    },
  };
}

/** v4 -> v5. No challenge was verified on a recording before version 5. */
export function migrateReportV4ToV5(old: AnalysisReportV4): AnalysisReportV5 {
  return { ...old, schemaVersion: 5, challenges: [] };
}

/** v5 -> v6. How much of the file was read was not recorded before version 6. */
export function migrateReportV5ToV6(old: AnalysisReportV5): AnalysisReport {
  return { ...old, schemaVersion: 6, read: null };
}

/** From each older version to the current one, a step at a time. */
const fromV4 = (old: AnalysisReportV4) => migrateReportV5ToV6(migrateReportV4ToV5(old));
const fromV3 = (old: AnalysisReportV3) => fromV4(migrateReportV3ToV4(old));
const fromV2 = (old: AnalysisReportV2) => fromV3(migrateReportV2ToV3(old));
const fromV1 = (old: AnalysisReportV1) => fromV2(migrateReportV1ToV2(old));

const NOT_A_REPORT = 'This is not a Liveproof analysis report';
const damaged = (version: number | null, where: string) =>
  `This Liveproof analysis report${version === null ? '' : ` (version ${version})`} is damaged${where}.`;

/**
 * An analysis report (parsed JSON) of any known version, migrated to the current one, or what is
 * wrong with it in plain words, naming the first field at fault.
 */
export function readAnalysisReport(json: unknown): { report: AnalysisReport } | { problem: string } {
  if (typeof json !== 'object' || json === null) return { problem: `${NOT_A_REPORT} (not an object).` };
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  if (version === 1) {
    const old = AnalysisReportV1Schema.safeParse(json);
    return old.success ? { report: fromV1(old.data) } : { problem: damaged(1, plainProblem(old.error)) };
  }
  if (version === 2) {
    const old = AnalysisReportV2Schema.safeParse(json);
    return old.success ? { report: fromV2(old.data) } : { problem: damaged(2, plainProblem(old.error)) };
  }
  if (version === 3) {
    const old = AnalysisReportV3Schema.safeParse(json);
    return old.success ? { report: fromV3(old.data) } : { problem: damaged(3, plainProblem(old.error)) };
  }
  if (version === 4) {
    const old = AnalysisReportV4Schema.safeParse(json);
    return old.success ? { report: fromV4(old.data) } : { problem: damaged(4, plainProblem(old.error)) };
  }
  if (version === 5) {
    const old = AnalysisReportV5Schema.safeParse(json);
    return old.success ? { report: migrateReportV5ToV6(old.data) } : { problem: damaged(5, plainProblem(old.error)) };
  }
  if (version === ANALYSIS_REPORT_SCHEMA_VERSION) {
    const current = AnalysisReportSchema.safeParse(json);
    return current.success ? { report: current.data } : { problem: damaged(null, plainProblem(current.error)) };
  }
  if (isNewerVersion(version, ANALYSIS_REPORT_SCHEMA_VERSION)) {
    return {
      problem:
        `This analysis report was written by a newer Liveproof (schema version ${version}); ` +
        'update Liveproof to read it.',
    };
  }
  return { problem: `${NOT_A_REPORT} (no known schemaVersion).` };
}

/** An analysis report from JSON text (`npm run analyze -- --json`, the page's export), or the problem. */
export function readAnalysisReportJson(text: string): { report: AnalysisReport } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'This file is not JSON; export the report from Liveproof and read that file.' };
  }
  return readAnalysisReport(json);
}
