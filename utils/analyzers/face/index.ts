/**
 * The face-consistency analyzers over one run of samples (a recording, or a live window), with
 * their findings merged and a summary of what each measured.
 */
import type { FaceSample } from '@/utils/features/face-sample';
import type { SpeechSeries } from '@/utils/features/signals';
import type { Finding } from '@/utils/findings/finding';
import { analyzeBlinks, type BlinkSummary } from './blink';
import { analyzeFreeze, type FreezeSummary } from './freeze';
import { analyzeIdentity, type IdentitySummary } from './identity';
import { analyzeJitter, type JitterSummary } from './jitter';
import { analyzeLikeness, type LikenessSummary } from './likeness';
import { analyzePresence, type PresenceSummary } from './presence';
import { analyzePulse, type PulseSummary } from './pulse';
import { analyzeSeam, type SeamSummary } from './seam';

export interface FaceChecks {
  findings: Finding[];
  presence: PresenceSummary;
  identity: IdentitySummary;
  likeness: LikenessSummary;
  freeze: FreezeSummary;
  jitter: JitterSummary;
  seam: SeamSummary;
  blink: BlinkSummary;
  pulse: PulseSummary;
  /** Time all the analyzers took, ms, over this many samples. */
  computeMs: number;
  samples: number;
}

/** Runs every face-consistency analyzer; `offsetMs` is the time that is 0 s in findings. */
export function analyzeFaceChecks(
  samples: readonly FaceSample[],
  speech: SpeechSeries,
  offsetMs = 0,
  now: () => number = () => performance.now(),
): FaceChecks {
  const startMs = now();
  const presence = analyzePresence(samples, speech, offsetMs);
  const identity = analyzeIdentity(samples, offsetMs);
  const likeness = analyzeLikeness(samples, offsetMs, identity.steps);
  // Where the descriptor could judge, it decides a change of person; the geometry alone (a face
  // too small or too turned to describe) only where it could not.
  const personChange = likeness.summary.judged ? likeness : identity;
  const freeze = analyzeFreeze(samples, speech, offsetMs);
  const jitter = analyzeJitter(samples, offsetMs);
  const seam = analyzeSeam(samples, offsetMs);
  const blink = analyzeBlinks(samples, offsetMs);
  const pulse = analyzePulse(samples, offsetMs);
  const lookAlikes = { findings: likeness.lookAlikes };
  const findings = [presence, personChange, lookAlikes, freeze, jitter, seam, blink, pulse]
    .flatMap((result) => result.findings)
    .sort((a, b) => a.startS - b.startS);
  return {
    findings,
    presence: presence.summary,
    identity: identity.summary,
    likeness: likeness.summary,
    freeze: freeze.summary,
    jitter: jitter.summary,
    seam: seam.summary,
    blink: blink.summary,
    pulse: pulse.summary,
    computeMs: now() - startMs,
    samples: samples.length,
  };
}
