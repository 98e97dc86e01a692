import { z } from 'zod';
import { FindingSchema } from '@/utils/findings/finding';
import { LIP_SYNC_VERDICTS } from '@/utils/findings/lip-sync-estimate';

/** The report version this Liveproof writes; report-migrations.ts reads this and every older one. */
export const ANALYSIS_REPORT_SCHEMA_VERSION = 2;

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

/** The current version's schema: what the builder writes. */
export const AnalysisReportSchema = AnalysisReportV2Schema;

export type AnalysisReport = z.infer<typeof AnalysisReportSchema>;
