/**
 * Same person in two recordings? The candidates' profiles (utils/features/descriptor.ts) from
 * two reports exported with their descriptors, as `npm run analyze -- --compare A B` prints it.
 */
import { compareProfiles, identityProfile } from '@/utils/features/descriptor';
import { noFaceToCompare, type ComparisonFacts } from '@/utils/wording/identity';
import type { AnalysisReport } from './analysis-report';

export const RECORDING_COMPARISON_SCHEMA_VERSION = 1;

export interface RecordingComparison extends ComparisonFacts {
  schemaVersion: typeof RECORDING_COMPARISON_SCHEMA_VERSION;
}

/** The comparison, or (a recording without a usable frontal face) the problem in plain words. */
export function compareRecordingReports(
  a: AnalysisReport,
  b: AnalysisReport,
): { comparison: RecordingComparison } | { problem: string } {
  const profileOf = (report: AnalysisReport) =>
    identityProfile((report.identity.descriptors ?? []).map((descriptor) => descriptor.values));
  const profileA = profileOf(a);
  const profileB = profileOf(b);
  if (!profileA) return { problem: noFaceToCompare(a.file) };
  if (!profileB) return { problem: noFaceToCompare(b.file) };
  const { distance, threshold, samePerson } = compareProfiles(profileA, profileB);
  return {
    comparison: {
      schemaVersion: RECORDING_COMPARISON_SCHEMA_VERSION,
      a: a.file,
      b: b.file,
      distance: Number(distance.toFixed(4)),
      threshold,
      samePerson,
      framesUsed: { a: profileA.count, b: profileB.count },
    },
  };
}
