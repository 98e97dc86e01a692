import { describe, expect, it } from 'vitest';
import { analyzeFaceChecks } from '@/utils/analyzers/face';
import { analyzeLipSyncTrack, type LipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import type { ChallengeResult } from '@/utils/checklist/recording-challenges';
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import type { RecordingPass } from '@/utils/report/recording-pass';
import { AnalysisReportSchema } from '@/utils/report/analysis-report';
import { buildAnalysisReport, withDescriptors } from '@/utils/report/build-report';
import { readAnalysisReportJson } from '@/utils/report/report-migrations';
import { descriptorAway, faceDescriptor, frames, speech } from '../../support/face-samples';
import { articulation, mouthSeries, speechSeries } from '../../support/generators';

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
    describedFrames: 3,
    describeMsMedian: 21.5,
  },
};

/** Face checks over a silent, faceless pass measure nothing: every number is NaN. */
const face = analyzeFaceChecks(pass.signals.faces, pass.signals.speech, 0, () => 0);

const mismatch: LipSyncEstimate = {
  verdict: 'mismatch' as const,
  method: 'learned' as const,
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

/**
 * Three people in turn, cut at 9500.4 ms and 20000.6 ms: in sync by the learned map, then a
 * measured offset by the envelope (the most speech: the recording's verdict), then too little.
 */
const firstPerson: LipSyncEstimate = {
  ...mismatch,
  verdict: 'in-sync',
  offsetMs: 40.26,
  confidence: 0.87654,
  speechS: 8,
  startMs: 0,
  endMs: 9500.4,
};
const secondPerson: LipSyncEstimate = {
  ...mismatch,
  verdict: 'offset',
  method: 'envelope',
  offsetMs: 512.46,
  confidence: 0.9,
  speechS: 9,
  startMs: 9500.4,
  endMs: 20_000.6,
};
const thirdPerson: LipSyncEstimate = {
  ...mismatch,
  verdict: 'insufficient',
  offsetMs: Number.NaN,
  confidence: 0,
  speechS: 0.5,
  startMs: 20_000.6,
  endMs: 24_000,
};
const threePeople: LipSyncTrack = {
  overall: secondPerson,
  stretches: [firstPerson, secondPerson, thirdPerson],
  windows: [firstPerson, secondPerson, thirdPerson],
  verdictAfterSpeechS: 3.04,
  findings: [],
};

const track: LipSyncTrack = {
  overall: mismatch,
  stretches: [mismatch],
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

/**
 * 20 s at 10 fps, the candidate described once a second; someone else from 9.5 s; the face turned
 * 45 degrees over 4..8 s (described, but not comparable) and every frame's other faces described too.
 */
const handOver = (() => {
  const alice = faceDescriptor(1);
  const bob = descriptorAway(alice, 1, 2);
  const turned = (t: number) => t >= 4000 && t < 8000;
  const samples = frames({
    durationMs: 20_000,
    fps: 10,
    descriptor: (t, index) => (index % 10 === 0 ? (t < 9500 ? alice : bob) : null),
    face: (t) => (turned(t) ? { pose: { yawDeg: 45, pitchDeg: 0, rollDeg: 0 } } : {}),
  }).map((sample) => ({ ...sample, otherDescriptors: [faceDescriptor(3)] }));
  return { samples, checks: analyzeFaceChecks(samples, speech(20_000), 0, () => 0) };
})();

/** A file read to its end. */
const fullRead = { declaredS: 10, videoReadS: 10, audioReadS: 10, endsEarly: false };

describe('buildAnalysisReport', () => {
  it('should say how much of the file was read, rounded to the millisecond', () => {
    const cut = { declaredS: 8, videoReadS: 4.21999, audioReadS: null, endsEarly: true };
    expect(buildAnalysisReport('clip.mp4', pass, track, face, [], cut).read).toEqual({
      declaredS: 8,
      videoReadS: 4.22,
      audioReadS: null,
      endsEarly: true,
    });
  });

  it('should write unmeasured numbers as null, never NaN, and pass its own schema', () => {
    const report = buildAnalysisReport('clip.mp4', pass, track, face, [], fullRead);
    expect(report.lipSync).toEqual({
      verdict: 'mismatch',
      offsetMs: null,
      confidence: 0,
      verdictAfterSpeechS: null,
      method: 'learned',
      stretches: [{ startS: 0, endS: 8, verdict: 'mismatch', offsetMs: null, confidence: 0, method: 'learned' }],
    });
    expect(report.findings[0]?.evidence).toEqual({ offsetMs: null, peakZ: 2 });
    expect(JSON.stringify(report)).not.toContain('NaN');
    expect(report.faceChecks.pulseBpm).toBeNull();
    expect(AnalysisReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('should carry frame counts and speed', () => {
    const report = buildAnalysisReport('clip.mp4', pass, track, face, [], fullRead);
    expect(report).toMatchObject({
      schemaVersion: 6,
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
        describeMsPerFrame: 21.5,
      },
    });
  });

  it('should write each stretch of one person, times in seconds to the ms, offsets rounded, null for NaN', () => {
    const report = buildAnalysisReport('clip.mp4', { ...pass, durationS: 24 }, threePeople, face, [], fullRead);
    expect(report.lipSync).toEqual({
      verdict: 'offset',
      offsetMs: 512.5,
      confidence: 0.9,
      verdictAfterSpeechS: 3,
      method: 'envelope',
      stretches: [
        { startS: 0, endS: 9.5, verdict: 'in-sync', offsetMs: 40.3, confidence: 0.877, method: 'learned' },
        { startS: 9.5, endS: 20.001, verdict: 'offset', offsetMs: 512.5, confidence: 0.9, method: 'envelope' },
        { startS: 20.001, endS: 24, verdict: 'insufficient', offsetMs: null, confidence: 0, method: 'learned' },
      ],
    });
    expect(JSON.stringify(report)).not.toContain('NaN');
    expect(AnalysisReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
    expect(readAnalysisReportJson(JSON.stringify(report))).toEqual({ report });
  });

  it("should take the recording's method from its verdict's stretch, not the first", () => {
    const report = buildAnalysisReport('clip.mp4', pass, { ...threePeople, overall: firstPerson }, face, [], fullRead);
    expect(report.lipSync).toMatchObject({ verdict: 'in-sync', offsetMs: 40.3, method: 'learned' });
    const envelopeFirst = { ...firstPerson, method: 'envelope' as const };
    const mixed = { ...threePeople, stretches: [envelopeFirst, secondPerson, thirdPerson] };
    const third = buildAnalysisReport('clip.mp4', pass, { ...mixed, overall: thirdPerson }, face, [], fullRead);
    expect(third.lipSync.method).toBe('learned');
  });

  it('should write the stretches the lip-sync track cut at the changes of person', () => {
    const curve = articulation(5, 20_000);
    const lipSync = analyzeLipSyncTrack(
      mouthSeries(curve, 20_000, 25),
      speechSeries(curve, 20_000, 0),
      0,
      20_000,
      {},
      [9500.4],
    );
    const report = buildAnalysisReport('clip.mp4', { ...pass, durationS: 20 }, lipSync, face, [], fullRead);
    expect(lipSync.stretches).toHaveLength(2);
    expect(report.lipSync.stretches).toMatchObject([
      { startS: 0, endS: 9.5, method: 'envelope' },
      { startS: 9.5, endS: 20, method: 'envelope' },
    ]);
    report.lipSync.stretches.forEach((stretch, i) => {
      const estimate = lipSync.stretches[i] as LipSyncEstimate;
      expect(stretch.verdict).toBe(estimate.verdict);
      expect(stretch.confidence).toBeCloseTo(estimate.confidence, 3);
    });
    expect(report.lipSync.method).toBe(lipSync.overall.method);
    expect(report.lipSync.verdict).toBe(lipSync.overall.verdict);
  });

  it('should carry the challenges it is given, in order, and none when given none', () => {
    expect(buildAnalysisReport('clip.mp4', pass, track, face, [], fullRead).challenges).toEqual([]);
    const challenges: ChallengeResult[] = [
      {
        kind: 'blink',
        sides: null,
        startS: 0,
        endS: 3,
        outcome: 'passed',
        summary: 'b',
        evidence: { blinks: 2, watchedMs: 3000 },
      },
      {
        kind: 'head-turn',
        sides: 'both',
        startS: 2,
        endS: 6.5,
        outcome: 'not-verified',
        summary: 'h',
        evidence: { maxYawDeg: null, sides: 'both' },
      },
    ];
    const report = buildAnalysisReport('clip.mp4', pass, track, face, challenges, fullRead);
    expect(report.challenges).toEqual(challenges);
    expect(readAnalysisReportJson(JSON.stringify(report))).toEqual({ report });
    const unknown = [{ ...challenges[0], outcome: 'maybe' }] as unknown as ChallengeResult[];
    expect(() => buildAnalysisReport('clip.mp4', pass, track, face, unknown, fullRead)).toThrow();
  });

  it('should write an identity of nothing described for a pass without descriptors', () => {
    const report = buildAnalysisReport('clip.mp4', pass, track, face, [], fullRead);
    expect(report.identity).toEqual({
      describedFrames: 0,
      spread: null,
      maxChangeDistance: null,
      maxChangeAtS: null,
      startToEndDistance: null,
      threshold: DESCRIPTOR.samePersonMax,
      descriptors: null,
    });
  });

  it("should sum up the candidate's descriptors without ever carrying them", () => {
    const report = buildAnalysisReport('clip.mp4', pass, track, handOver.checks, [], fullRead);
    const likeness = handOver.checks.likeness;
    expect(report.identity).toEqual({
      describedFrames: 16,
      spread: Number(likeness.profile?.spread.toFixed(4)),
      maxChangeDistance: Number(likeness.maxChangeDistance.toFixed(4)),
      maxChangeAtS: 9.5,
      startToEndDistance: Number(likeness.startToEndDistance.toFixed(4)),
      threshold: DESCRIPTOR.samePersonMax,
      descriptors: null,
    });
    expect(report.identity.maxChangeDistance).toBeGreaterThan(DESCRIPTOR.highChangeDistance);
    expect(report.findings.filter((f) => f.kind === 'person-change')).toMatchObject([
      { severity: 'high', startS: 9, endS: 10 },
    ]);
    expect(AnalysisReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
  });

  it('should refuse a report that breaks the schema', () => {
    const report = buildAnalysisReport('clip.mp4', pass, track, face, [], fullRead);
    expect(() => AnalysisReportSchema.parse({ ...report, schemaVersion: 1 })).toThrow();
    expect(() => AnalysisReportSchema.parse({ ...report, audio: 'yes' })).toThrow();
    expect(() => AnalysisReportSchema.parse({ ...report, schemaVersion: 3 })).toThrow();
    const stretch = report.lipSync.stretches[0];
    for (const change of [{ verdict: 'maybe' }, { confidence: 2 }, { method: undefined }, { offsetMs: Number.NaN }]) {
      const lipSync = { ...report.lipSync, stretches: [{ ...stretch, ...change }] };
      expect(() => AnalysisReportSchema.parse({ ...report, lipSync })).toThrow();
    }
  });
});

describe('withDescriptors', () => {
  const report = buildAnalysisReport('clip.mp4', pass, track, handOver.checks, [], fullRead);

  it('should add 128 numbers for every near-frontal described frame of the candidate, at its time', () => {
    const exported = withDescriptors(report, handOver.samples);
    const descriptors = exported.identity.descriptors ?? [];
    // Described at 0..19 s, less 4..7 s turned away.
    expect(descriptors.map((d) => d.timeS)).toEqual([0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(descriptors).toHaveLength(report.identity.describedFrames);
    const read = handOver.samples.filter((s) => s.face?.descriptor && Math.abs(s.face.pose.yawDeg) < 45);
    descriptors.forEach((descriptor, i) => {
      expect(descriptor.values).toHaveLength(128);
      const source = read[i]?.face?.descriptor ?? new Float32Array(128);
      expect(descriptor.values).toEqual(Array.from(source, (value) => Number(value.toFixed(6))));
      descriptor.values.forEach((value, k) => expect(Math.abs(value - (source[k] as number))).toBeLessThan(1e-6));
    });
    expect(AnalysisReportSchema.parse(JSON.parse(JSON.stringify(exported)))).toEqual(exported);
    expect(readAnalysisReportJson(JSON.stringify(exported))).toEqual({ report: exported });
  });

  it('should change nothing else and leave the report it was given as it was', () => {
    const before = structuredClone(report);
    const exported = withDescriptors(report, handOver.samples);
    expect(report).toEqual(before);
    expect(report.identity.descriptors).toBeNull();
    expect(exported).not.toBe(report);
    expect({ ...exported, identity: { ...exported.identity, descriptors: null } }).toEqual(report);
  });

  it('should add an empty list where no frame was described', () => {
    expect(withDescriptors(report, frames({ durationMs: 2000 })).identity.descriptors).toEqual([]);
  });
});
