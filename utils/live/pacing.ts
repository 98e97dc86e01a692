export const LIVE = {
  /** Lip-sync is re-estimated this often, ms (25..35 ms of work on a 30 s window with the learned map). */
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
  /** An ID photo search square is enlarged to at least this, px, so the photo's face can be described. */
  idInputMinPx: 512,
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
  /**
   * Frames per second this page reads of the call (the tracker worker reads every frame itself):
   * enough for the preview (4/s), layout scans (a region per frame while searching, each ~50-100 ms
   * of the scanner's time on 2 cores) and a description every 2 s.
   */
  pageFrameRate: 10,
  /**
   * Crops of one candidate whose results may still come back: the worker takes up a new aim
   * before its next frame, so a result is at most one aim behind; kept generously.
   */
  cropsInFlight: 4,
  /** Recent frames the health figures are taken over. */
  healthSamples: 120,
  /** The span frame rates and the tracker's busy share are measured over, ms. */
  rateWindowMs: 2000,
  /**
   * A checklist answer is checked this long after its window closed, ms, so the frames of its
   * last moments have left the tracker (per-frame p95 up to 79 ms in `bench --live`) and the
   * next batch (every summaryEveryMs) has reached the analysis worker.
   */
  verifySettleMs: 600,
} as const;
