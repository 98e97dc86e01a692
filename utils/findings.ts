/** One shape for everything an analyzer reports to the interviewer. */

export type Severity = 'info' | 'warn' | 'high';

export type FindingKind = 'av-offset' | 'av-mismatch';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  /** Start and end of the evidence on the media or call clock, seconds. */
  startS: number;
  endS: number;
  /** Plain words for the interviewer: what was measured and what to ask or do next. */
  message: string;
  /** The numbers behind the message, with units in the key names. */
  evidence: Record<string, number | string>;
}
