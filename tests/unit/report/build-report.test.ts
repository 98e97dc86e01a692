import { describe, expect, it } from 'vitest';
import { analyzeFaceChecks } from '@/utils/analyzers/face';
import type { LipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import type { RecordingPass } from '@/utils/report/recording-pass';
import { AnalysisReportSchema } from '@/utils/report/analysis-report';
import { buildAnalysisReport } from '@/utils/report/build-report';

const pass: RecordingPass = {
  durationS: 8.0004,
  width: 512,
  height: 512,
  hasAudio: true,
  landmarks: {
    framesAnalyzed: 100,
    framesWithOneFullFace: 99,
    framesWithFace: 99,
    maxFacesInFrame: 1,
    detectMsMedian: 30,
    detectMsP95: 40,
  },
  signals: {
    mouth: { timesMs: new Float64Array(), open: new Float32Array(), jawOpen: new Float32Array() },
    speech: { timesMs: new Float64Array(), db: new Float32Array(), voiced: new Uint8Array() },
    faces: [],
  },
  performance: {
    msPerFrameMedian: 31.23456,
    msPerFrameP95: 41,
    realtimeFactor: 3.4567,
    wallMs: 2300,
    pixelsMsMedian: 1.23456,
  },
};

/** Face checks over a silent, faceless pass measure nothing: every number is NaN. */
const face = analyzeFaceChecks(pass.signals.faces, pass.signals.speech, 0, () => 0);

const mismatch = {
  verdict: 'mismatch' as const,
  offsetMs: Number.NaN,
  confidence: 0,
  peakCorrelation: 0.1,
  peakZ: 2,
  chanceStd: 0.04,
  speechS: 30,
  faceShare: 1,
  startMs: 0,
  endMs: 8000,
};

const track: LipSyncTrack = {
  overall: mismatch,
  windows: [mismatch],
  verdictAfterSpeechS: Number.NaN,
  findings: [
    {
      kind: 'av-mismatch',
      severity: 'high',
      startS: 0,
      endS: 8,
      message: 'm',
      evidence: { offsetMs: Number.NaN, peakZ: 2 },
    },
  ],
};

describe('buildAnalysisReport', () => {
  it('should write unmeasured numbers as null, never NaN, and pass its own schema', () => {
    const report = buildAnalysisReport('clip.mp4', pass, track, face);
    expect(report.lipSync).toEqual({ verdict: 'mismatch', offsetMs: null, confidence: 0, verdictAfterSpeechS: null });
    expect(report.findings[0]?.evidence).toEqual({ offsetMs: null, peakZ: 2 });
    expect(JSON.stringify(report)).not.toContain('NaN');
    expect(report.faceChecks.pulseBpm).toBeNull();
    expect(AnalysisReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('should carry frame counts and speed', () => {
    const report = buildAnalysisReport('clip.mp4', pass, track, face);
    expect(report).toMatchObject({
      schemaVersion: 2,
      file: 'clip.mp4',
      durationS: 8,
      audio: true,
      frames: { analyzed: 100, withFace: 99 },
      performance: {
        msPerFrameMedian: 31.23,
        msPerFrameP95: 41,
        realtimeFactor: 3.457,
        pixelsMsPerFrame: 1.235,
        faceChecksMsPerFrame: 0,
      },
    });
  });

  it('should refuse a report that breaks the schema', () => {
    const report = buildAnalysisReport('clip.mp4', pass, track, face);
    expect(() => AnalysisReportSchema.parse({ ...report, schemaVersion: 1 })).toThrow();
    expect(() => AnalysisReportSchema.parse({ ...report, audio: 'yes' })).toThrow();
  });
});
