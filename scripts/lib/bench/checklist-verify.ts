/**
 * The checklist's verifiers over answer windows of a recording's exported signals, for
 * `npm run bench -- --checklist` (bundled by esbuild and run in Node). Every window is treated as
 * an answer to each challenge, so on clips of people who were never asked anything a `concern`
 * is a false alarm, and `passed` / `not verified` say how often the signals alone would tick it.
 */
import { estimateLipSync } from '@/utils/analyzers/lip-sync';
import { BUILT_IN_PROMPTS, type CheckedVerifier } from '@/utils/checklist/prompts';
import { verifyAnswer, type Outcome } from '@/utils/checklist/verify';
import type { Finding } from '@/utils/findings/finding';
import { readSignals, signalsToSeries } from '@/utils/report/signals-schema';

export type ClipOutcomes = Record<CheckedVerifier, Record<Outcome, number> & { concernsAtS: number[] }>;

/**
 * Each checked prompt's verifier over windows of its response time (s), half overlapping, on a
 * clip's signals export (parsed JSON, read and migrated by the extension's own reader).
 */
export function verifyClip(json: unknown, findings: Finding[], durationS: number): ClipOutcomes {
  const read = readSignals(json);
  if ('problem' in read) throw new Error(read.problem);
  const { faces: samples, mouth, speech } = signalsToSeries(read.signals);
  const outcomes = {} as ClipOutcomes;
  for (const prompt of BUILT_IN_PROMPTS) {
    if (prompt.verifier === 'manual') continue;
    const verifier = prompt.verifier;
    const counts = { passed: 0, concern: 0, 'not-verified': 0, concernsAtS: [] as number[] };
    const lengthMs = prompt.responseS * 1000;
    for (let fromMs = 0; fromMs + lengthMs <= durationS * 1000; fromMs += lengthMs / 2) {
      const window = { fromMs, toMs: fromMs + lengthMs, offsetMs: 0 };
      const lipSync = verifier === 'read-phrase' ? estimateLipSync(mouth, speech, window.fromMs, window.toMs) : null;
      const { outcome } = verifyAnswer(verifier, { samples, window, findings, lipSync, candidateProfile: null });
      counts[outcome]++;
      if (outcome === 'concern') counts.concernsAtS.push(fromMs / 1000);
    }
    outcomes[verifier] = counts;
  }
  return outcomes;
}
