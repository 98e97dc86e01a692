import { z } from 'zod';
import { ChallengeResultSchema } from '@/utils/checklist/recording-challenges';
import { DESCRIPTOR_LENGTH } from '@/utils/features/descriptor';
import { FindingSchema } from '@/utils/findings/finding';
import { LIP_SYNC_METHODS, LIP_SYNC_VERDICTS } from '@/utils/findings/lip-sync-estimate';

/** The report version this Liveproof writes; report-migrations.ts reads this and every older one. */
export const ANALYSIS_REPORT_SCHEMA_VERSION = 6;

/**
 * The result of analysing one recording, as the page exports it and `npm run analyze --json`
 * prints it. Numbers that could not be measured are null, never NaN. Frozen: a change to the
 * report is a new version with its own schema and a migration in report-migrations.ts.
 */
export const AnalysisReportV2Schema = z.object({
  /** 2: face-consistency checks and recordings without sound. */
  schemaVersion: z.literal(2),
  file: z.string(),
  durationS: z.number(),
  /** False for a recording without sound: lip sync is then `insufficient`. */
  audio: z.boolean(),
  frames: z.object({ analyzed: z.number().int(), withFace: z.number().int() }),
  lipSync: z.object({
    verdict: z.enum(LIP_SYNC_VERDICTS),
    offsetMs: z.number().nullable(),
    confidence: z.number().min(0).max(1),
    /** Speech heard before the first verdict other than insufficient, s. */
    verdictAfterSpeechS: z.number().nullable(),
  }),
  /** What the face-consistency analyzers measured (utils/analyzers/face), null where nothing was. */
  faceChecks: z.object({
    maxFaces: z.number().int(),
    longestNoFaceS: z.number().nullable(),
    multipleFacesS: z.number().nullable(),
    /** Largest person-change score (1 = the threshold's scale; see IDENTITY), its two cues and time. */
    identityMaxScore: z.number().nullable(),
    identityMaxGeometryZ: z.number().nullable(),
    identityMaxColourZ: z.number().nullable(),
    identityMaxAtS: z.number().nullable(),
    identityStartToEnd: z.number().nullable(),
    longestFrozenS: z.number().nullable(),
    longestLoopS: z.number().nullable(),
    medianFrameDiff: z.number().nullable(),
    jitterMedian: z.number().nullable(),
    jitterWorstWindow: z.number().nullable(),
    seamGradientRatio: z.number().nullable(),
    seamChromaDelta: z.number().nullable(),
    blinksPerMinute: z.number().nullable(),
    blinkWatchedS: z.number().nullable(),
    blinkMedianMs: z.number().nullable(),
    pulseBpm: z.number().nullable(),
    pulseSnrDb: z.number().nullable(),
  }),
  findings: z.array(FindingSchema),
  performance: z.object({
    msPerFrameMedian: z.number(),
    msPerFrameP95: z.number(),
    realtimeFactor: z.number(),
    /** Pixel measures in the worker per frame (part of msPerFrame), ms. */
    pixelsMsPerFrame: z.number().nullable(),
    /** The face-consistency analyzers' time spread over the analysed frames, ms. */
    faceChecksMsPerFrame: z.number().nullable(),
  }),
});

/** One near-frontal descriptor of the candidate: 128 numbers, never a picture. */
export const ReportDescriptorSchema = z.object({
  timeS: z.number(),
  values: z.array(z.number()).length(DESCRIPTOR_LENGTH),
});

/** Version 3: the candidate's identity as the face descriptor read it. */
export const AnalysisReportV3Schema = AnalysisReportV2Schema.extend({
  /** 3: face identity descriptors. */
  schemaVersion: z.literal(3),
  identity: z.object({
    /** Near-frontal frames on which the candidate's face descriptor was read. */
    describedFrames: z.number().int(),
    /** Median distance of those descriptors to their mean: how steady the face read; null with too few. */
    spread: z.number().nullable(),
    /** Largest distance between the faces just before and just after a moment, and that moment (s). */
    maxChangeDistance: z.number().nullable(),
    maxChangeAtS: z.number().nullable(),
    /** The first faces read against the last. */
    startToEndDistance: z.number().nullable(),
    /** The same-person threshold those distances are judged against. */
    threshold: z.number(),
    /** The descriptors themselves, only in exports where the user asked for them; else null. */
    descriptors: z.array(ReportDescriptorSchema).nullable(),
  }),
  performance: AnalysisReportV2Schema.shape.performance.extend({
    /** Chips cut and descriptors computed per described frame, median, ms. */
    describeMsPerFrame: z.number().nullable(),
  }),
});

/** One stretch of one person's lip sync (the recording is cut at changes of person). */
const LipSyncStretchSchema = z.object({
  startS: z.number(),
  endS: z.number(),
  verdict: z.enum(LIP_SYNC_VERDICTS),
  offsetMs: z.number().nullable(),
  confidence: z.number().min(0).max(1),
  method: z.enum(LIP_SYNC_METHODS),
});

/** Version 4: which lip-sync features were matched, and the verdict per stretch of one person. */
export const AnalysisReportV4Schema = AnalysisReportV3Schema.extend({
  /** 4: the learned audio-to-mouth map and per-person stretches. */
  schemaVersion: z.literal(4),
  lipSync: AnalysisReportV2Schema.shape.lipSync.extend({
    /** `learned` (the audio-to-mouth map) or `envelope` (where the map's inputs were missing). */
    method: z.enum(LIP_SYNC_METHODS),
    stretches: z.array(LipSyncStretchSchema),
  }),
});

/** Version 5: challenges verified over stretches the user marked (utils/checklist/recording-challenges.ts). */
export const AnalysisReportV5Schema = AnalysisReportV4Schema.extend({
  /** 5: challenges on recordings. */
  schemaVersion: z.literal(5),
  /** In the order asked for; empty when none was. */
  challenges: z.array(ChallengeResultSchema),
});

/** How much of the file could be read, s. */
export const ReadCoverageSchema = z.object({
  /** The duration the file declares. */
  declaredS: z.number(),
  /** The end of the last video frame decoded. */
  videoReadS: z.number(),
  /** The end of the last sound decoded; null for a file without sound. */
  audioReadS: z.number().nullable(),
  /** The video stops well before the declared end: the file was cut short, and only what was read is analysed. */
  endsEarly: z.boolean(),
});

export type ReadCoverage = z.infer<typeof ReadCoverageSchema>;

/** Version 6: how much of the file could be read (a file cut short says so). */
export const AnalysisReportV6Schema = AnalysisReportV5Schema.extend({
  /** 6: read coverage. */
  schemaVersion: z.literal(6),
  /** Null in a report migrated from an older version, which did not record it. */
  read: ReadCoverageSchema.nullable(),
});

/** The current version's schema: what the builder writes. */
export const AnalysisReportSchema = AnalysisReportV6Schema;

export type AnalysisReport = z.infer<typeof AnalysisReportSchema>;
