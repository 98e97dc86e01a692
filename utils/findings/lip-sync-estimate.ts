/** What the lip-sync analyzer says about one stretch of a recording or call (utils/analyzers/lip-sync.ts). */

export const LIP_SYNC_VERDICTS = ['in-sync', 'offset', 'mismatch', 'insufficient'] as const;
export type LipSyncVerdict = (typeof LIP_SYNC_VERDICTS)[number];

/**
 * Which features were matched: the learned audio-to-mouth map (utils/analyzers/lip-map.ts), or the
 * mouth opening against the speech envelope where the map's inputs are missing.
 */
export const LIP_SYNC_METHODS = ['learned', 'envelope'] as const;
export type LipSyncMethod = (typeof LIP_SYNC_METHODS)[number];

export interface LipSyncEstimate {
  verdict: LipSyncVerdict;
  method: LipSyncMethod;
  /** Audio time minus lip time, ms (positive: the sound comes later); NaN when insufficient. */
  offsetMs: number;
  /** 0..1: how clearly the best lag stands out from chance (see design note). */
  confidence: number;
  /** Peak normalised correlation, -1..1. */
  peakCorrelation: number;
  /** Peak distance from the far-lag chance level, in its standard deviations. */
  peakZ: number;
  /** Standard deviation of the correlation at far lags: the noise level of this stretch. */
  chanceStd: number;
  /** Speech heard in the window, s. */
  speechS: number;
  /** Share of the window with a tracked face, 0..1. */
  faceShare: number;
  startMs: number;
  endMs: number;
}
