/**
 * The windows analyzers look at on a recording or a call (the same windows for both sources), ms.
 */

export const LIP_SYNC_TRACK = {
  /** Window length, ms: long enough for a mismatch call (about 20 s of speech, see LIP_SYNC). */
  windowMs: 30_000,
  /** Step between windows of a recording, ms (a call's newest window is estimated every second). */
  stepMs: 10_000,
  /** Step of the growing first window used to time the first verdict, ms. */
  firstVerdictStepMs: 1_000,
} as const;

/** The face checks during a call (live-face-checks.ts). */
export const FACE_CHECKS_TRACK = {
  /**
   * Face-consistency checks run over the newest `windowMs` every `everyMs`:
   * as long as the lip-sync window, so a pulse and a blink rate can be read. Seen with `bench --live`:
   * 0.4 ms of work per sample, about 130 ms per run in the analysis worker (30 s at ~11 fps).
   */
  everyMs: 10_000,
  windowMs: 30_000,
} as const;
