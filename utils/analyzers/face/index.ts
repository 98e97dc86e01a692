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
import { analyzePresence, type PresenceSummary } from './presence';
import { analyzePulse, type PulseSummary } from './pulse';
import { analyzeSeam, type SeamSummary } from './seam';

export interface FaceChecks {
  findings: Finding[];
  presence: PresenceSummary;
  identity: IdentitySummary;
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
  const freeze = analyzeFreeze(samples, speech, offsetMs);
  const jitter = analyzeJitter(samples, offsetMs);
  const seam = analyzeSeam(samples, offsetMs);
  const blink = analyzeBlinks(samples, offsetMs);
  const pulse = analyzePulse(samples, offsetMs);
  const findings = [presence, identity, freeze, jitter, seam, blink, pulse]
    .flatMap((result) => result.findings)
    .sort((a, b) => a.startS - b.startS);
  return {
    findings,
    presence: presence.summary,
    identity: identity.summary,
    freeze: freeze.summary,
    jitter: jitter.summary,
    seam: seam.summary,
    blink: blink.summary,
    pulse: pulse.summary,
    computeMs: now() - startMs,
    samples: samples.length,
  };
}
