/** Words for the face-identity features: consent, comparisons across rounds, photo ID, exports. */
import { DESCRIPTOR } from '@/utils/common/thresholds';

/** The export option that puts the candidate's face descriptors in the JSON report. */
export const INCLUDE_DESCRIPTORS_LABEL =
  'Include the face descriptors (128 numbers per face read, never a picture) in the JSON report, to compare ' +
  'recordings later';

/** A recording that cannot be compared: too few near-frontal faces were read. */
export const noFaceToCompare = (file: string): string =>
  `${file}: too few near-frontal faces of the candidate were read to compare (at least ${DESCRIPTOR.minProfileFaces} ` +
  'are needed); use a recording where the face is seen from the front for a few seconds.';

/** One line for `npm run analyze -- --compare A B`. */
export function comparisonText(comparison: {
  a: string;
  b: string;
  distance: number;
  threshold: number;
  samePerson: boolean;
  framesUsed: { a: number; b: number };
}): string {
  const numbers =
    `distance ${comparison.distance.toFixed(2)}, same-person threshold ${comparison.threshold.toFixed(2)}; ` +
    `${comparison.framesUsed.a} and ${comparison.framesUsed.b} faces compared`;
  const verdict = comparison.samePerson
    ? 'consistent with the same person'
    : 'different people by their face descriptors';
  return `${comparison.a} vs ${comparison.b}: ${verdict} (${numbers}).`;
}
