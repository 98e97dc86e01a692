/**
 * The checklist's verifiers over answer windows of a recording's exported signals, for
 * `npm run bench -- --checklist` (bundled by esbuild and run in Node). Every window is treated as
 * an answer to each challenge, so on clips of people who were never asked anything a `concern`
 * is a false alarm, and `passed` / `not verified` say how often the signals alone would tick it.
 */
import { estimateLipSync } from '@/utils/analyzers/lip-sync';
import { BUILT_IN_PROMPTS, type CheckedVerifier } from '@/utils/checklist/prompts';
import { verifyAnswer, type Outcome } from '@/utils/checklist/verify';
import type { FaceSample } from '@/utils/features/face-sample';
import type { Finding } from '@/utils/findings/finding';

type Num = number | null;

/** The part of the signals export (schema 3) read here. */
export interface SignalsJson {
  mouth: { timesMs: Num[]; open: Num[]; jawOpen: Num[] };
  speech: { timesMs: Num[]; db: Num[]; voiced: number[] };
  faces: {
    timeMs: number;
    faceCount: number;
    face: {
      yawDeg: Num;
      pitchDeg: Num;
      rollDeg: Num;
      rigidShape: Num[];
      eyeDistancePx: Num;
      centre: [Num, Num];
      blink: Num;
      mouthVisible: boolean;
      skinRgb: Num[] | null;
      seamGradientRatio: Num;
      seamChromaDelta: Num;
    } | null;
  }[];
}

const n = (value: Num) => value ?? Number.NaN;

function samplesOf(signals: SignalsJson): FaceSample[] {
  return signals.faces.map((sample) => ({
    timeMs: sample.timeMs,
    faceCount: sample.faceCount,
    thumb: null,
    face: sample.face && {
      pose: { yawDeg: n(sample.face.yawDeg), pitchDeg: n(sample.face.pitchDeg), rollDeg: n(sample.face.rollDeg) },
      rigidShape: Float32Array.from(sample.face.rigidShape, n),
      eyeDistancePx: n(sample.face.eyeDistancePx),
      centreX: n(sample.face.centre[0]),
      centreY: n(sample.face.centre[1]),
      blink: n(sample.face.blink),
      mouthVisible: sample.face.mouthVisible,
      skinRgb: sample.face.skinRgb ? (sample.face.skinRgb.map(n) as [number, number, number]) : null,
      seamGradientRatio: n(sample.face.seamGradientRatio),
      seamChromaDelta: n(sample.face.seamChromaDelta),
    },
  }));
}

export type ClipOutcomes = Record<CheckedVerifier, Record<Outcome, number> & { concernsAtS: number[] }>;

/** Each checked prompt's verifier over windows of its response time, half overlapping. */
export function verifyClip(signals: SignalsJson, findings: Finding[], durationS: number): ClipOutcomes {
  const samples = samplesOf(signals);
  const mouth = { timesMs: Float64Array.from(signals.mouth.timesMs, n), open: Float32Array.from(signals.mouth.open, n), jawOpen: Float32Array.from(signals.mouth.jawOpen, n) };
  const speech = { timesMs: Float64Array.from(signals.speech.timesMs, n), db: Float32Array.from(signals.speech.db, n), voiced: Uint8Array.from(signals.speech.voiced) };
  const outcomes = {} as ClipOutcomes;
  for (const prompt of BUILT_IN_PROMPTS) {
    if (prompt.verifier === 'manual') continue;
    const verifier = prompt.verifier;
    const counts = { passed: 0, concern: 0, 'not-verified': 0, concernsAtS: [] as number[] };
    const lengthMs = prompt.responseS * 1000;
    for (let fromMs = 0; fromMs + lengthMs <= durationS * 1000; fromMs += lengthMs / 2) {
      const window = { fromMs, toMs: fromMs + lengthMs, offsetMs: 0 };
      const lipSync = verifier === 'read-phrase' ? estimateLipSync(mouth, speech, window.fromMs, window.toMs) : null;
      const { outcome } = verifyAnswer(verifier, { samples, window, findings, lipSync });
      counts[outcome]++;
      if (outcome === 'concern') counts.concernsAtS.push(fromMs / 1000);
    }
    outcomes[verifier] = counts;
  }
  return outcomes;
}
