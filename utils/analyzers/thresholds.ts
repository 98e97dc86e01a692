/**
 * Every number an analyzer compares against, with its unit, what was observed on the reference
 * clips (../shared/media, see `npm run bench`) and why the margin is what it is. A threshold
 * moves only together with its observation.
 */
import type { VadSettings } from '@/utils/features/audio-features';

/**
 * Voice activity on the 1..3 kHz envelope (utils/features/audio-features.ts). Seen on the 24 real
 * clips with sound: 5th percentile of the level (pauses, room tone) -91..-58 dBFS, median
 * -58..-34, 90th percentile (syllable peaks) -40..-20; share of time voiced 62..98 % (they are
 * speeches and interviews, mostly talking).
 */
export const VAD_SETTINGS: VadSettings = {
  // Below every clip's syllable peaks (>= -40), at or under the noisiest clip's pauses (-58).
  absoluteFloorDb: -60,
  // 10 dB over the running floor: syllable nuclei clear it, breaths and room tone do not.
  marginDb: 10,
  // Lets the floor climb out of a quiet start within a few seconds, but not through a sentence.
  floorRiseDbPerS: 3,
  // Bridges the gaps between syllables (typically < 200 ms) so a phrase counts as one stretch.
  hangoverMs: 200,
};

/**
 * Lip-sync analyzer (utils/analyzers/lip-sync.ts). Observations from the first bench pass over
 * 31 real clips (24 with sound, 4..30 s), 16 of them re-shifted by ±250 / ±500 ms, the 6 shipped
 * AV-offset clips and 3 audio swaps. Provisional: the bench table grows with more clips.
 */
export const LIP_SYNC = {
  /** Lag search range, ms: covers the ±600 ms asked for with one frame to spare. */
  maxLagMs: 700,
  /** Far lags that give the chance level of the correlation, ms: beyond any plausible offset. */
  nullMinLagMs: 1000,
  nullMaxLagMs: 2500,
  /** Band-pass half-widths, ms: 90 ms smoothing nulls > 11 Hz; 800 ms trend removes < ~1.2 Hz. */
  smoothHalfWidthMs: 40,
  trendHalfWidthMs: 400,
  /**
   * Longest time between two analysed frames that the mouth is interpolated across, ms (a frame
   * without a face always breaks it). Recordings are analysed 67 ms apart; live analysis on a busy
   * 2-core machine ran at 6..15 fps, frames up to about 200 ms apart, and at 120 ms a fifth of a
   * live window was thrown away (face share 0.80 with the face on screen throughout).
   */
  maxFrameGapMs: 250,
  /** Envelope floor before filtering, dBFS: room tone (-85..-50 dBFS seen) is all alike below it. */
  audioFloorDb: -60,
  /** Fewest overlapping grid points for one correlation value, ms. */
  minOverlapMs: 2000,
  /**
   * Is the mouth really seen? The mesh always places a mouth, also where a tile border cuts the
   * face or a hand covers it, and those guesses made a real in-sync speaker read as a mismatch
   * (live demo call with tiles cropped to fill: peak z 2.3..2.9, r 0.15..0.20). The worker samples
   * the mouth's box (lip top to halfway to the chin) at 24x12 px (utils/engine/mouth-contrast.ts).
   * A box flatter than `minMouthLumaStd` (luma std, 0..255) is no mouth: seen 15..42 on visible
   * mouths (never lower), so 6 only catches flat patches. A pixel row flatter than
   * `flatRowLumaStd` is a border or an empty tile: visible mouths had no such rows (0.00 in 90
   * one-second samples); the cut-off mouth had 0.32 of its rows flat on average (max 0.58), so a
   * box with more than `maxMouthFlatRowShare` flat rows is cut off. On recordings the guard
   * changed one of 24 real clips by 3 ms (Ed Markey -22 -> -25 ms) and no verdict.
   */
  minMouthLumaStd: 6,
  flatRowLumaStd: 2,
  maxMouthFlatRowShare: 0.25,
  /** Least speech and face for any verdict. */
  minSpeechS: 2,
  minFaceShare: 0.6,
  /** Peak z at which confidence starts above 0, and reaches 1. */
  zNone: 2,
  zFull: 6,
  /**
   * A match needs the peak this many chance-level deviations clear. Seen: real clips with speech
   * 2.1..7.7 (median 3.4; the 20..30 s clips 6.2..7.7); audio swaps 1.8..3.1.
   */
  minMatchZ: 4,
  /**
   * A mismatch also needs a weak best correlation and a low chance level (enough speech for a
   * real face to have stood out). Seen: real best correlations 0.15..0.49 (median 0.30); chance
   * level (peak / z) about 0.10 on 8 s clips, 0.064 at 20 s, 0.042 at 30 s; the 20 s swap had 0.17
   * at 0.061. So mismatch is only called on stretches of about 20 s of speech or more.
   */
  maxMismatchCorrelation: 0.2,
  maxMismatchChanceStd: 0.07,
  /**
   * Natural lead of the lips over the sound in in-sync speech with these features, ms, subtracted
   * from the peak lag. Seen: 8..183 ms on the clearly matched real clips (median about 80).
   */
  naturalLeadMs: 80,
  /** Largest offsets still called in sync, ms (ITU-R BT.1359 detectability: +45 / -125 ms, plus margin). */
  maxInSyncLagMs: 100,
  maxInSyncLeadMs: 125,
} as const;

/** How lip-sync estimates become findings (utils/analyzers/lip-sync-findings.ts). */
export const LIP_SYNC_FINDINGS = {
  /** Offsets this large are worth a warning, ms: past ITU-R BT.1359 acceptability (+90 / -185). */
  warnOffsetMs: 300,
  /**
   * A mismatch is `high` only on a long stretch (chance level at most 0.045, about 30 s of speech
   * in the reference clips) with the peak under this z; shorter ones are `warn`. Seen: no real
   * clip with sound reached a mismatch verdict; the one real clip pushed out of the search range
   * (+500 ms on a source already at about +170) did, at chance level 0.061, so `warn`.
   */
  highMismatchMaxChanceStd: 0.045,
  highMismatchMaxZ: 3,
} as const;

/** Windowing of lip-sync over a recording or call (utils/analyzers/lip-sync-track.ts). */
export const LIP_SYNC_TRACK = {
  /** Window length, ms: long enough for a mismatch call (about 20 s of speech, see LIP_SYNC). */
  windowMs: 30_000,
  /** Step between windows, ms. */
  stepMs: 10_000,
  /** Step of the growing first window used to time the first verdict, ms. */
  firstVerdictStepMs: 1_000,
} as const;

/** Finding and following the candidate in a captured call (utils/live/candidate.ts). */
export const CANDIDATE = {
  /**
   * Smallest face box worth following, px of the capture. Below about 40 px the mesh's mouth
   * landmarks move by less than a pixel per syllable, so lip-sync has nothing to read.
   */
  minFacePx: 40,
  /** Boxes of one face found in two overlapping scan regions overlap far more than this. */
  sameFaceIou: 0.3,
  /** Crop side as a multiple of the face box: room for a head turn or a hand across the face. */
  cropScale: 2.2,
  /** Smallest crop side, px: small tiles are enlarged to at least this before detection. */
  minCropPx: 192,
  /** The crop moves when the face centre comes within this share of the crop's edge. */
  recropEdgeShare: 0.3,
  /** A face this much larger or smaller (linear) than expected is not the same tile. */
  maxSizeChange: 1.6,
  /** After a layout change, a face this many face-widths from the old place is still "the" candidate. */
  reacquireReach: 1.5,
} as const;

/** Pacing of the live pipeline (utils/live/live-pipeline.ts). */
export const LIVE = {
  /** Lip-sync is re-estimated this often, ms (about 5 ms of work on a 30 s window). */
  lipSyncEveryMs: 1000,
  /** The panel gets a summary this often, ms: smooth meters without per-frame React renders. */
  summaryEveryMs: 250,
  /** Layout scans while the candidate is followed (light: 5 regions), and while searching (14), ms. */
  scanEveryMs: 10_000,
  searchScanEveryMs: 1000,
  /**
   * Longest side of a scan region and of the candidate crop as given to the model, px. The mesh
   * model resamples the face to 256x256 itself, so the face must be at least that large in the
   * crop it gets (crop = 2.2 face widths): at 256 px the face was ~120 px and the mouth signal
   * so noisy that a real in-sync speaker read as a mismatch (peak z 2.5); see bench --live.
   */
  scanInputPx: 640,
  trackInputPx: 640,
  /** No face in the candidate's crop for this long means the candidate is lost, ms. */
  lostAfterMs: 1500,
  /**
   * Lost this long with faces on screen but none where the candidate was, ms: the layout changed
   * beyond matching (a screen share shrinks tiles into a strip), so the largest face is proposed.
   */
  reproposeAfterMs: 3000,
  /** Events kept for the panel. */
  maxEvents: 20,
  /**
   * The panel's preview is a still this often, this wide (px), not a playing video: compositing
   * a 720p video in the panel cost a visible share of a 2-core machine, and 4 stills a second are
   * enough to see and click the candidate.
   */
  previewEveryMs: 250,
  previewWidthPx: 480,
  /**
   * The capture path's own audio delay relative to the picture, ms, subtracted from live audio
   * times. Measured once with `npm run bench -- --live`: the live lip-sync offset of a clip minus
   * the offset of the same file analysed as a recording was +8 ms (real Ted Lieu clip: 49 vs 41)
   * and -13..+19 ms over four runs of the +500 ms clip (530..562 vs 543): no delay the analyzer
   * can resolve, so nothing is corrected until a measurement says otherwise.
   */
  captureAvOffsetMs: 0,
  /** Recent frames the health figures are taken over. */
  healthSamples: 120,
} as const;
