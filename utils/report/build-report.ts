import type { FaceChecks } from '@/utils/analyzers/face';
import type { LipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import type { Finding } from '@/utils/findings/finding';
import type { RecordingPass } from '@/utils/report/recording-pass';
import { AnalysisReportSchema, type AnalysisReport } from './analysis-report';

const finite = (value: number, digits: number): number | null =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : null;

function exportFinding(finding: Finding): AnalysisReport['findings'][number] {
  const evidence = Object.fromEntries(
    Object.entries(finding.evidence).map(([key, value]) => [key, typeof value === 'number' ? finite(value, 4) : value]),
  );
  return { ...finding, startS: Number(finding.startS.toFixed(3)), endS: Number(finding.endS.toFixed(3)), evidence };
}

/** The versioned report of one analysed recording (pure; validated against its schema). */
export function buildAnalysisReport(
  file: string,
  pass: RecordingPass,
  lipSync: LipSyncTrack,
  face: FaceChecks,
): AnalysisReport {
  const frames = Math.max(1, pass.landmarks.framesAnalyzed);
  return AnalysisReportSchema.parse({
    schemaVersion: 2,
    file,
    durationS: Number(pass.durationS.toFixed(3)),
    audio: pass.hasAudio,
    frames: { analyzed: pass.landmarks.framesAnalyzed, withFace: pass.landmarks.framesWithFace },
    lipSync: {
      verdict: lipSync.overall.verdict,
      offsetMs: finite(lipSync.overall.offsetMs, 1),
      confidence: Number(lipSync.overall.confidence.toFixed(3)),
      verdictAfterSpeechS: finite(lipSync.verdictAfterSpeechS, 1),
    },
    faceChecks: {
      maxFaces: face.presence.maxFaces,
      longestNoFaceS: finite(face.presence.longestNoFaceS, 2),
      multipleFacesS: finite(face.presence.multipleFacesS, 2),
      identityMaxScore: finite(face.identity.maxScore, 3),
      identityMaxGeometryZ: finite(face.identity.maxGeometry, 2),
      identityMaxColourZ: finite(face.identity.maxColour, 2),
      identityMaxAtS: face.identity.maxAtS,
      identityStartToEnd: finite(face.identity.startToEnd, 3),
      longestFrozenS: finite(face.freeze.longestFrozenS, 2),
      longestLoopS: finite(face.freeze.longestLoopS, 2),
      medianFrameDiff: finite(face.freeze.medianFrameDiff, 3),
      jitterMedian: finite(face.jitter.median, 5),
      jitterWorstWindow: finite(face.jitter.worstWindow, 5),
      seamGradientRatio: finite(face.seam.gradientRatio, 3),
      seamChromaDelta: finite(face.seam.chromaDelta, 2),
      blinksPerMinute: finite(face.blink.perMinute, 1),
      blinkWatchedS: finite(face.blink.watchedS, 1),
      blinkMedianMs: finite(face.blink.medianDurationMs, 0),
      pulseBpm: finite(face.pulse.bpm, 1),
      pulseSnrDb: finite(face.pulse.snrDb, 2),
    },
    findings: [...lipSync.findings, ...face.findings].sort((a, b) => a.startS - b.startS).map(exportFinding),
    performance: {
      msPerFrameMedian: finite(pass.performance.msPerFrameMedian, 2) ?? 0,
      msPerFrameP95: finite(pass.performance.msPerFrameP95, 2) ?? 0,
      realtimeFactor: Number(pass.performance.realtimeFactor.toFixed(3)),
      pixelsMsPerFrame: finite(pass.performance.pixelsMsMedian, 3),
      faceChecksMsPerFrame: finite(face.computeMs / frames, 3),
    },
  });
}
