import { SEVERITY_RANK, type Finding } from './finding';

/**
 * The one rule for joining findings, from windows of a recording or from live updates: a finding
 * of a kind already reported over an overlapping (or touching) time extends that one, keeping the
 * stronger wording, instead of repeating it. Sorted by start.
 */
export function mergeFindings(existing: readonly Finding[], incoming: readonly Finding[]): Finding[] {
  const merged = [...existing];
  for (const finding of incoming) {
    const index = merged.findIndex(
      (f) => f.kind === finding.kind && finding.startS <= f.endS && finding.endS >= f.startS,
    );
    const kept = merged[index];
    if (!kept) {
      merged.push(finding);
      continue;
    }
    const stronger = SEVERITY_RANK[finding.severity] > SEVERITY_RANK[kept.severity] ? finding : kept;
    merged[index] = {
      ...stronger,
      startS: Math.min(kept.startS, finding.startS),
      endS: Math.max(kept.endS, finding.endS),
    };
  }
  return merged.sort((a, b) => a.startS - b.startS);
}

/** Findings of consecutive windows joined by `mergeFindings`. */
export function mergeWindows(perWindow: readonly (readonly Finding[])[]): Finding[] {
  return perWindow.reduce<Finding[]>((merged, findings) => mergeFindings(merged, findings), []);
}
