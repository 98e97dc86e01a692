/**
 * `boundary-artifact`: a pasted face (swap) is blended into the original head, so the middle of
 * the face can be blurrier or differently coloured than the skin at its rim. Read over many
 * near-frontal frames; one frame says little (light, beards and make-up differ by region too).
 */
import { SEAM } from '@/utils/common/thresholds';
import type { CandidateFace, FaceSample } from '@/utils/features/face-sample';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { median } from '@/utils/common/stats';
import { boundaryArtifactMessage } from '@/utils/wording/findings';

export interface SeamSummary {
  /** Median inner/rim luma gradient ratio over near-frontal frames. */
  gradientRatio: number;
  /** Median inner/rim chroma distance (0..255 scale). */
  chromaDelta: number;
}

export function analyzeSeam(
  samples: readonly FaceSample[],
  offsetMs = 0,
): { findings: Finding[]; summary: SeamSummary } {
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
    findings.push({
      kind: 'boundary-artifact',
      severity: 'info',
      startS: findingTimeS(first.timeMs - offsetMs),
      endS: findingTimeS(last.timeMs - offsetMs),
      message: boundaryArtifactMessage({
        frames: frontal.length,
        gradientRatio,
        blurry,
        chromaDelta,
        colourDiffers: colour,
      }),
      evidence: {
        gradientRatio: Number(gradientRatio.toFixed(3)),
        chromaDelta: Number(chromaDelta.toFixed(2)),
        frames: frontal.length,
      },
    });
  }
  return { findings, summary: { gradientRatio, chromaDelta } };
}
