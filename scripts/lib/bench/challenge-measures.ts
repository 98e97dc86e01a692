/**
 * The challenge verifiers over a clip's marked stretches, for `npm run bench -- --challenges`
 * (bundled by esbuild and run in Node), with what the face looked like during each stretch: the
 * numbers a swap could give itself away by (tracking, turn, seam, skin tone, landmark jitter).
 */
import { findBlinks } from '@/utils/analyzers/face/blink';
import { jitterSeries } from '@/utils/analyzers/face/jitter';
import { median } from '@/utils/common/stats';
import {
  parseChallengeSpec,
  verifyRecordingChallenges,
  withReportDescriptors,
  type ChallengeResult,
  type ChallengeStretch,
} from '@/utils/checklist/recording-challenges';
import { findingsDuring, longestGapMs, mouthHiddenMs } from '@/utils/checklist/verify';
import { calibratedYawDeg } from '@/utils/features/face-features';
import type { FaceSample } from '@/utils/features/face-sample';
import type { Finding } from '@/utils/findings/finding';
import type { AnalysisReport } from '@/utils/report/analysis-report';
import { readSignals, signalsToSeries } from '@/utils/report/signals-schema';
import { evidenceParts } from '@/utils/wording/checklist-verify';

export interface StretchMeasures {
  /** Share of the stretch's frames with the face found. */
  tracked: number;
  longestGapMs: number;
  peakYawDeg: number;
  /** Inner ring's luma gradient over the rim's, median over the stretch (a pasted face is smoother). */
  seamGradientRatio: number;
  /** Inner ring against rim chroma, median. */
  seamChromaDelta: number;
  /** Frame-to-frame change of the skin colour (forehead and cheeks), median, 0..255. */
  skinStep: number;
  /** Time the mouth read as hidden, ms. */
  mouthHiddenMs: number;
  /** Landmark jitter (utils/analyzers/face/jitter.ts): median over the stretch, and at |yaw| >= 30°. */
  jitter: number;
  jitterTurned: number;
  /** Findings overlapping the stretch, by kind. */
  findings: string;
}

export interface StretchRow {
  result: ChallengeResult;
  /** The evidence in the checklist's words, less the target every turn shares. */
  evidenceText: string;
  measures: StretchMeasures;
}

/** Jitter is also read over the turned frames only: swappers are said to hold up worst there. */
const TURNED_DEG = 30;

const finite = (values: readonly number[]) => values.filter(Number.isFinite);

function measure(samples: readonly FaceSample[], stretch: ChallengeStretch, findings: readonly Finding[]) {
  const fromMs = stretch.startS * 1000;
  const toMs = stretch.endS * 1000;
  const seen = samples.filter((s) => s.timeMs >= fromMs && s.timeMs <= toMs);
  const faces = seen.flatMap((s) => (s.face ? [s.face] : []));
  const skin = faces.map((face) => face.skinRgb);
  const skinSteps = skin.flatMap((rgb, i) => {
    const before = skin[i - 1];
    return rgb && before ? [Math.hypot(rgb[0] - before[0], rgb[1] - before[1], rgb[2] - before[2])] : [];
  });
  const yaws = faces.map((face) => Math.abs(calibratedYawDeg(face.pose)));
  const jitter = jitterSeries(seen);
  const turnedJitter = jitter.filter((_, i) => {
    const face = seen[i]?.face;
    return face && Math.abs(calibratedYawDeg(face.pose)) >= TURNED_DEG;
  });
  return {
    tracked: seen.length > 0 ? faces.length / seen.length : 0,
    longestGapMs: longestGapMs(seen, { fromMs, toMs, offsetMs: 0 }),
    peakYawDeg: yaws.length > 0 ? Math.max(...yaws) : Number.NaN,
    seamGradientRatio: median(finite(faces.map((face) => face.seamGradientRatio))),
    seamChromaDelta: median(finite(faces.map((face) => face.seamChromaDelta))),
    skinStep: median(skinSteps),
    mouthHiddenMs: mouthHiddenMs(samples, { fromMs, toMs, offsetMs: 0 }).hiddenMs,
    jitter: median(finite(jitter)),
    jitterTurned: median(finite(turnedJitter)),
    findings: [
      ...new Set(findingsDuring(findings, { fromMs, toMs, offsetMs: 0 }).map((f) => `${f.kind}/${f.severity}`)),
    ].join(' '),
  };
}

/** Frames of twins are paired when their times are this close (the two halves share one timeline). */
const SAME_FRAME_MS = 5;
/** The real head counts as turned from this calibrated yaw on. */
const TWIN_TURNED_DEG = 20;

export interface TwinYawLag {
  /** Frames with the real head turned and both faces found. */
  frames: number;
  /** How much less the swapped face turned than the real head on the same frame, degrees: median and largest. */
  medianLagDeg: number;
  largestLagDeg: number;
}

/**
 * Whether a swapped face "sticks" frontal while the head under it turns: on twins (the same frames
 * before and after the swap) the real clip's yaw is the head's, so the swap's shortfall against it,
 * frame by frame, measures the sticking directly.
 */
export function twinYawLag(
  real: readonly FaceSample[],
  swap: readonly FaceSample[],
  window: { fromMs: number; toMs: number },
): TwinYawLag {
  const lags: number[] = [];
  for (const sample of real) {
    if (!sample.face || sample.timeMs < window.fromMs || sample.timeMs > window.toMs) continue;
    const realYaw = Math.abs(calibratedYawDeg(sample.face.pose));
    if (realYaw < TWIN_TURNED_DEG) continue;
    const twin = swap.find((other) => Math.abs(other.timeMs - sample.timeMs) <= SAME_FRAME_MS);
    if (twin?.face) lags.push(realYaw - Math.abs(calibratedYawDeg(twin.face.pose)));
  }
  return {
    frames: lags.length,
    medianLagDeg: lags.length > 0 ? median(lags) : Number.NaN,
    largestLagDeg: lags.length > 0 ? Math.max(...lags) : Number.NaN,
  };
}

/** Every stretch of one clip, verified and measured, from its signals export and report findings. */
export function benchClipChallenges(
  signalsJson: unknown,
  report: Pick<AnalysisReport, 'findings' | 'identity'>,
  specs: readonly string[],
): { rows: StretchRow[]; blinksS: number[]; faces: FaceSample[] } {
  const read = readSignals(signalsJson);
  if ('problem' in read) throw new Error(read.problem);
  const series = signalsToSeries(read.signals);
  const { mouth, speech } = series;
  const faces = withReportDescriptors(series.faces, report.identity.descriptors ?? []);
  const { findings } = report;
  const stretches = specs.map((spec) => {
    const parsed = parseChallengeSpec(spec);
    if ('problem' in parsed) throw new Error(parsed.problem);
    return parsed.stretch;
  });
  const results = verifyRecordingChallenges(stretches, { faces, mouth, speech, findings });
  return {
    rows: results.map((result, i) => ({
      result,
      evidenceText: evidenceParts(
        Object.fromEntries(Object.entries(result.evidence).filter(([key]) => key !== 'targetYawDeg')),
        '-',
      ).join(', '),
      measures: measure(faces, stretches[i] as ChallengeStretch, findings),
    })),
    blinksS: findBlinks(faces).blinks.map((blink) => blink.startMs / 1000),
    faces,
  };
}
