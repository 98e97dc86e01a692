import { findingTimeS } from '@/utils/findings/finding';
import type { FaceChecks } from '@/utils/analyzers/face';
import { msToS, roundOrNull } from '@/utils/common/numbers';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { candidateDescriptors } from '@/utils/analyzers/face/likeness';
import type { ChallengeResult } from '@/utils/checklist/recording-challenges';
import type { FaceSample } from '@/utils/features/face-sample';
import type { LipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import type { Finding } from '@/utils/findings/finding';
import type { RecordingPass } from '@/utils/report/recording-pass';
import { AnalysisReportSchema, type AnalysisReport, type ReadCoverage } from './analysis-report';

function exportFinding(finding: Finding): AnalysisReport['findings'][number] {
  const evidence = Object.fromEntries(
    Object.entries(finding.evidence).map(([key, value]) => [
      key,
      typeof value === 'number' ? roundOrNull(value, 4) : value,
    ]),
  );
  return { ...finding, startS: Number(finding.startS.toFixed(3)), endS: Number(finding.endS.toFixed(3)), evidence };
}

/** The report's lip-sync section of a track: the recording's verdict and one per stretch of one person. */
export function reportLipSync(lipSync: LipSyncTrack): AnalysisReport['lipSync'] {
  return {
    verdict: lipSync.overall.verdict,
    offsetMs: roundOrNull(lipSync.overall.offsetMs, 1),
    confidence: Number(lipSync.overall.confidence.toFixed(3)),
    verdictAfterSpeechS: roundOrNull(lipSync.verdictAfterSpeechS, 1),
    method: lipSync.overall.method,
    stretches: lipSync.stretches.map((stretch) => ({
      startS: findingTimeS(stretch.startMs),
      endS: findingTimeS(stretch.endMs),
      verdict: stretch.verdict,
      offsetMs: roundOrNull(stretch.offsetMs, 1),
      confidence: Number(stretch.confidence.toFixed(3)),
      method: stretch.method,
    })),
  };
}

/** The versioned report of one analysed recording (pure; validated against its schema). */
export function buildAnalysisReport(
  file: string,
  pass: RecordingPass,
  lipSync: LipSyncTrack,
  face: FaceChecks,
  challenges: readonly ChallengeResult[],
  read: ReadCoverage,
): AnalysisReport {
  const frames = Math.max(1, pass.landmarks.framesAnalyzed);
  const likeness = face.likeness;
  return AnalysisReportSchema.parse({
    schemaVersion: 6,
    file,
    durationS: Number(pass.durationS.toFixed(3)),
    audio: pass.hasAudio,
    frames: { analyzed: pass.landmarks.framesAnalyzed, withFace: pass.landmarks.framesWithFace },
    lipSync: reportLipSync(lipSync),
    faceChecks: {
      maxFaces: face.presence.maxFaces,
      longestNoFaceS: roundOrNull(face.presence.longestNoFaceS, 2),
      multipleFacesS: roundOrNull(face.presence.multipleFacesS, 2),
      identityMaxScore: roundOrNull(face.identity.maxScore, 3),
      identityMaxGeometryZ: roundOrNull(face.identity.maxGeometry, 2),
      identityMaxColourZ: roundOrNull(face.identity.maxColour, 2),
      identityMaxAtS: face.identity.maxAtS,
      identityStartToEnd: roundOrNull(face.identity.startToEnd, 3),
      longestFrozenS: roundOrNull(face.freeze.longestFrozenS, 2),
      longestLoopS: roundOrNull(face.freeze.longestLoopS, 2),
      medianFrameDiff: roundOrNull(face.freeze.medianFrameDiff, 3),
      jitterMedian: roundOrNull(face.jitter.median, 5),
      jitterWorstWindow: roundOrNull(face.jitter.worstWindow, 5),
      seamGradientRatio: roundOrNull(face.seam.gradientRatio, 3),
      seamChromaDelta: roundOrNull(face.seam.chromaDelta, 2),
      blinksPerMinute: roundOrNull(face.blink.perMinute, 1),
      blinkWatchedS: roundOrNull(face.blink.watchedS, 1),
      blinkMedianMs: roundOrNull(face.blink.medianDurationMs, 0),
      pulseBpm: roundOrNull(face.pulse.bpm, 1),
      pulseSnrDb: roundOrNull(face.pulse.snrDb, 2),
    },
    identity: {
      describedFrames: likeness.described,
      spread: likeness.profile ? roundOrNull(likeness.profile.spread, 4) : null,
      maxChangeDistance: roundOrNull(likeness.maxChangeDistance, 4),
      maxChangeAtS: likeness.maxChangeAtS,
      startToEndDistance: roundOrNull(likeness.startToEndDistance, 4),
      threshold: DESCRIPTOR.samePersonMax,
      descriptors: null,
    },
    findings: [...lipSync.findings, ...face.findings].sort((a, b) => a.startS - b.startS).map(exportFinding),
    challenges,
    read: {
      declaredS: Number(read.declaredS.toFixed(3)),
      videoReadS: Number(read.videoReadS.toFixed(3)),
      audioReadS: read.audioReadS === null ? null : Number(read.audioReadS.toFixed(3)),
      endsEarly: read.endsEarly,
    },
    performance: {
      msPerFrameMedian: roundOrNull(pass.performance.msPerFrameMedian, 2) ?? 0,
      msPerFrameP95: roundOrNull(pass.performance.msPerFrameP95, 2) ?? 0,
      realtimeFactor: Number(pass.performance.realtimeFactor.toFixed(3)),
      pixelsMsPerFrame: roundOrNull(pass.performance.pixelsMsMedian, 3),
      faceChecksMsPerFrame: roundOrNull(face.computeMs / frames, 3),
      describeMsPerFrame: roundOrNull(pass.performance.describeMsMedian, 2),
    },
  });
}

/**
 * The report with the candidate's descriptors in it, for an export where the user asked for them
 * (to compare recordings elsewhere); the report itself never carries them.
 */
export function withDescriptors(report: AnalysisReport, samples: readonly FaceSample[]): AnalysisReport {
  const descriptors = candidateDescriptors(samples).map(({ timeMs, descriptor }) => ({
    timeS: msToS(timeMs),
    values: Array.from(descriptor, (value) => Number(value.toFixed(6))),
  }));
  return { ...report, identity: { ...report.identity, descriptors } };
}
