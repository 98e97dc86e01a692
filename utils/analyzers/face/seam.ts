/**
 * `boundary-artifact`: a pasted face (swap) is blended into the original head, so the middle of
 * the face can be blurrier or differently coloured than the skin at its rim. Read over many
 * near-frontal frames; one frame says little (light, beards and make-up differ by region too).
 */
import { SEAM } from '@/utils/analyzers/thresholds';
import type { CandidateFace, FaceSample } from '@/utils/features/face-sample';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { median } from '@/utils/common/stats';


export interface SeamSummary {
  /** Median inner/rim luma gradient ratio over near-frontal frames. */
  gradientRatio: number;
  /** Median inner/rim chroma distance (0..255 scale). */
  chromaDelta: number;
}

export function analyzeSeam(samples: readonly FaceSample[], offsetMs = 0): { findings: Finding[]; summary: SeamSummary } {
  const frontal = samples.filter(
    (s) => s.face && Math.abs(s.face.pose.yawDeg) <= SEAM.maxYawDeg && !Number.isNaN(s.face.seamGradientRatio),
  );
  const faces = frontal.map((s) => s.face as CandidateFace);
  const gradientRatio = median(faces.map((f) => f.seamGradientRatio));
  const chromaDelta = median(faces.map((f) => f.seamChromaDelta));
  const findings: Finding[] = [];
  const first = frontal[0];
  const last = frontal[frontal.length - 1];
  const enough = first && last && frontal.length >= SEAM.minFrames;
  const blurry = gradientRatio < SEAM.minGradientRatio;
  const colour = chromaDelta > SEAM.maxChromaDelta;
  if (enough && (blurry || colour)) {
    const what = [
      blurry ? `the middle of the face is smoother than its edge (texture ratio ${gradientRatio.toFixed(2)}, real faces ${SEAM.minGradientRatio} or more)` : '',
      colour ? `its colour differs from the edge (${chromaDelta.toFixed(1)}, real faces ${SEAM.maxChromaDelta} or less)` : '',
    ].filter(Boolean);
    findings.push({
      kind: 'boundary-artifact',
      severity: 'info',
      startS: findingTimeS(first.timeMs - offsetMs),
      endS: findingTimeS(last.timeMs - offsetMs),
      message: `Across ${frontal.length} frames ${what.join(' and ')}, as a pasted face can look. Light and make-up do this too; ask the candidate to pass a hand slowly across the face and to turn to a full profile, and watch the face's edge.`,
      evidence: { gradientRatio: Number(gradientRatio.toFixed(3)), chromaDelta: Number(chromaDelta.toFixed(2)), frames: frontal.length },
    });
  }
  return { findings, summary: { gradientRatio, chromaDelta } };
}
