/**
 * Every number an analyzer compares against, with its unit, what was observed on the reference
 * clips (../shared/media, see `npm run bench`) and why the margin is what it is. A threshold
 * moves only together with its observation.
 */

/** Voice-activity settings (the values below say how they were chosen). */
export interface VadSettings {
  /** Levels below this are never speech, dBFS. */
  absoluteFloorDb: number;
  /** Speech is this far above the tracked noise floor, dB. */
  marginDb: number;
  /** How fast the noise floor may rise, dB per second (it falls at once). */
  floorRiseDbPerS: number;
  /** Speech stays on this long after the level drops, ms. */
  hangoverMs: number;
}

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
   * 2-core laptop ran at 6..15 fps, frames up to about 200 ms apart, and at 120 ms a fifth of a
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
   * the mouth's box (lip top to halfway to the chin) at 24x12 px (utils/engine/face-pixels.ts), cut
   * from the frame's shared 256 px read-back: the live candidate's mouth reads 17.1..(mean 27)
   * there, the same as sampled from the full frame, so the limits below hold for both.
   * A box flatter than `minMouthLumaStd` (luma std, 0..255) is no mouth: seen 15..42 on visible
   * mouths (never lower), so 6 only catches flat patches. A pixel row flatter than
   * `flatRowLumaStd` is a border or an empty tile: visible mouths had no such rows (0.00 in 90
   * one-second samples); the cut-off mouth had 0.32 of its rows flat on average (max 0.58), so a
   * box with more than `maxMouthFlatRowShare` flat rows is cut off. On recordings the guard
   * moves one of 24 real clips' offsets by 3 ms (Ed Markey -22 -> -25 ms) and no verdict.
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
   * A mismatch also needs the mouth seen in this share of the window, 0..1: the call rests on the
   * absence of a match, and a mouth seen only part of the time (gaps interpolated) matches less.
   * Seen: the mismatches detected on recordings (swapped voices) had the mouth in 1.00 of the
   * window; a real in-sync speaker whose tile cut off the lower lip (live, mouth visible on and
   * off) was called a mismatch in 2 of 13 runs of the live test, over early windows of 0.62..0.68.
   */
  minMismatchFaceShare: 0.8,
  /**
   * Natural lead of the lips over the sound in in-sync speech with these features, ms, subtracted
   * from the peak lag. Seen: 8..183 ms on the clearly matched real clips (median about 80).
   */
  naturalLeadMs: 80,
  /** Largest offsets still called in sync, ms (ITU-R BT.1359 detectability: +45 / -125 ms, plus margin). */
  maxInSyncLagMs: 100,
  maxInSyncLeadMs: 125,
} as const;

/**
 * Lip sync with the learned audio-to-mouth map (utils/analyzers/lip-map.ts): the same decision as
 * LIP_SYNC with limits of its own, because its correlations are higher and its chance level is
 * computed, not measured at far lags. Chosen on the held-out table of `npm run train:lip-map --
 * --evaluate` (every clip with the map fitted without its speaker; 2, 4 and 8 s windows and whole
 * clips, as they are, with the sound moved by ±250 / ±500 ms, and with another speaker's sound).
 */
export const LIP_SYNC_LEARNED = {
  /** Fewest overlapping grid points for one correlation value, ms: as little as the least speech below. */
  minOverlapMs: 1500,
  /**
   * Autocorrelation lags summed for the chance level, ms: the band-pass's 400 ms trend leaves
   * nothing correlated beyond. On band-passed noise the level came within 4 % of Bartlett's value
   * from the filter alone and within 8 % of the spread of 24 independent trials (unit tests).
   */
  chanceMaxLagMs: 500,
  /**
   * Least speech for a verdict, s: under the 2 s a verdict is wanted by. Held out, 2 s windows gave
   * 8 verdicts of 212, every one within 80 ms of the clip's own offset.
   */
  minSpeechS: 1.5,
  minFaceShare: LIP_SYNC.minFaceShare,
  zNone: LIP_SYNC.zNone,
  zFull: LIP_SYNC.zFull,
  /**
   * Seen held out: other speakers' sound reached z 3.32 at most (2 s windows: 212, 4 s: 85, 8 s:
   * 23, whole clips: 26; 3.11, 3.31, 2.65, 3.32), so a match needs a margin over that; real speech
   * had a median z of 2.4 (2 s), 3.1 (4 s), 4.3 (8 s).
   */
  minMatchZ: 3.5,
  /**
   * A mismatch is called only where a real face would have stood out: held out, real windows had
   * r >= 0.17 at 8 s (0.08 at 4 s, so short windows never call it), other speakers' sound r 0.12
   * and more on whole clips (median 0.20). Chance level 0.07 is about 20 s of speech.
   */
  maxMismatchCorrelation: 0.15,
  maxMismatchChanceStd: LIP_SYNC.maxMismatchChanceStd,
  minMismatchFaceShare: LIP_SYNC.minMismatchFaceShare,
  /** The map was fitted on clips aligned to their own best lag, so in-sync speech peaks near 0. */
  naturalLeadMs: 0,
} as const;

/**
 * The silent face (utils/analyzers/silent-face.ts): voice without mouth movement, and the reverse.
 * The mouth opening is the inner-lip gap over the eye-corner distance; the spread is its 90th
 * minus 10th percentile over a window. Seen with `npm run bench -- --lip`: real speakers, 358
 * windows with at least 2 s of voice, spread 0.020 at the least (a talk-show guest listening while
 * the host speaks), 0.05..0.15 while they talk; faces that are truly still under a voice (a
 * streamer listening, a held picture, a closed-eyes clip) 0.001..0.005.
 */
export const SILENT_FACE = {
  /** Sliding window and step, ms: the finding comes within a window of the voice starting. */
  windowMs: 2500,
  stepMs: 500,
  /** Speech heard in a window for a silent face, s (the "2 s of speech"). */
  minVoicedS: 2,
  /** Largest spread of a still mouth: twice the still faces' 0.005, half the stillest real listener's 0.020. */
  maxStillSpread: 0.01,
  /** A mouth moving as in speech, and the most speech for "no voice", s. */
  minTalkingSpread: 0.06,
  maxMutedVoicedS: 0.2,
  /** The mouth seen in most frames and the sound present over the window, 0..1. */
  minSeenShare: 0.9,
  minHeardShare: 0.9,
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
/** Finding and following the candidate in a captured call (utils/live/candidate.ts). */
/** Pacing of the live pipeline (utils/live/live-pipeline.ts). */
/**
 * Pixel samples the landmarker worker takes of each face (utils/engine/face-pixels.ts): skin
 * patches for the pulse, and two rings of the face outline for pasted-face seams.
 */
export const FACE_SEAM = {
  /** Skin patch side as a share of the eye-corner distance: inside forehead and cheek at any yaw. */
  skinPatchEyeFraction: 0.3,
  /** Inner ring: halfway from the face's centre to its outline (mid-cheek, inside a pasted face). */
  innerRingFraction: 0.55,
  /** Rim ring: just inside the outline (skin that a face swap's blend mask does not cover). */
  rimRingFraction: 0.92,
} as const;

/**
 * The face checks (utils/analyzers/face/). Observations are from `npm run bench -- --faces`: the 31
 * real clips (4..30 s, one person each), 6 joins of two real clips at 8 s, 6 real clips with a
 * 3 s frozen and 6 with a 3 s replayed stretch, the 5 several-face clips and the 48 synthetic
 * clips. False alarms on real clips are the worst failure, so every threshold sits clear of the
 * real clips' range, even where that costs detection on the synthetic ones.
 */

/** `no-face` and `multiple-faces` (presence.ts). */
export const PRESENCE = {
  /**
   * Another face counts when at least this share of the candidate's face width: a person beside
   * the candidate, not a face on a poster far behind. Seen: real clips never had a second face
   * this large; the several-face clips had 2..3 (the film clip's faces are in separate shots).
   */
  minOtherFaceShare: 0.3,
  /** Breaks shorter than this do not split a stretch, ms. */
  bridgeMs: 500,
  /** Shortest absence worth a finding, ms: a look down or a sneeze is shorter. Seen on real clips: none. */
  noFaceMinMs: 2000,
  /** Shortest stretch of two faces worth a finding, ms: one frame of a false face is not a person. */
  multipleFacesMinMs: 1000,
  /** Voiced share of a stretch above which someone counts as speaking meanwhile. */
  speakingShare: 0.3,
} as const;

/**
 * `person-change` (identity.ts). Scores are in units of each dimension's usual before/after
 * difference in the same run. Seen on the 23 real clips long enough to judge: largest combined
 * score 0.43..1.11, largest geometry 1.3..4.3, start-to-end 0.27..0.89 (before the first second
 * was skipped, a webcam clip read 1.41 from its skin tone settling). Joins of two people at 8 s:
 * 2.3..3.1 at the cut for four of six, 0.82 and 1.01 for two pairs alike in build and skin tone.
 * Synthetic clips: 0.45..1.45.
 */
export const IDENTITY = {
  /** The pose normalisation is trusted near frontal only. */
  maxYawDeg: 25,
  maxPitchDeg: 20,
  /** Frames on each side of a moment whose medians are compared, ms; each side must span minSideMs. */
  sideMs: 2000,
  minSideMs: 1500,
  minSideFrames: 8,
  /**
   * Frames from the first this long are not read: the tracker converges and webcams settle their
   * exposure (seen: the largest real-clip scores were at the first moment that could be judged).
   */
  settleMs: 1000,
  /** Fewest judged moments that give a dimension's usual step (2 s at 15 fps); fewer, no finding. */
  minSteps: 30,
  /** Floor of a dimension's usual step (eye-corner units or chroma levels): a still stretch must not divide by 0. */
  minScale: 1e-4,
  /**
   * The two cues' scales in the combined score: about the largest seen on real clips for each
   * (geometry 4.3; colour mostly under 8).
   */
  geometryZ: 4,
  colourZ: 8,
  /** Combined score for a finding: 1.6x the largest real clip's. */
  warnScore: 1.8,
  /** `high` needs the geometry alone past every real clip's (4.3) as well as the skin tone past colourZ. */
  highGeometryZ: 5,
  /** First 2 s against the last 2 s: 2.2x the largest real clip's (0.89). */
  startToEndScore: 2,
} as const;

/**
 * The face descriptor (utils/engine/face-describer.ts; dlib's ResNet, 128-d, Euclidean distance).
 * dlib reports 99.38 % on LFW at 0.6 between single photos; profiles (means over seconds of
 * frames) are steadier, so they are judged tighter. Seen on the corpus (`npm run bench --
 * --identity`): same person in two recordings 0.11..0.36, different people 0.57 and up (DFL
 * swaps against their originals 0.63..0.73, roop 0.60, HDTF same-sex pairs 0.61..0.88); within
 * one recording of one person, before/after means of three at most 0.35.
 */
export const DESCRIPTOR = {
  /** Describe the candidate this often live, ms: who is on camera changes over seconds, not frames. */
  liveIntervalMs: 2000,
  /** A recording is described twice as often: a hand-over is then placed within half a second. */
  recordingIntervalMs: 1000,
  /**
   * Chip pixels per frame pixel above which a face is too small to describe (its eyes under
   * ~21 px apart): the chip would be an upscaled blur.
   */
  maxChipScale: 2.5,
  /** Descriptors are compared near frontal only; a turned face reads as a different one. */
  maxYawDeg: 30,
  maxPitchDeg: 25,
  /**
   * At or under this distance two profiles are the same person: the middle of the corpus's gap
   * (0.36 same .. 0.57 different), 0.10 from each side.
   */
  samePersonMax: 0.46,
  /** Fewest descriptors that make a person's profile (a few seconds of face). */
  minProfileFaces: 3,
  /** Fewest faces in each of two sessions' profiles before rounds are compared (20 s of call). */
  minRoundFaces: 10,
  /** Reads the most central read of a profile is chosen among (evenly spaced over all of them). */
  medoidSample: 60,
  /**
   * An ID photo against the candidate's profile: one picture, often years old and under other
   * light, so dlib's own single-photo threshold.
   */
  idPhotoMax: 0.6,
  /** While a photo-ID answer is open, the candidate's crop is searched for the ID's face this often, ms. */
  idWatchEveryMs: 1000,
  /** A live session saves the candidate's profile again after this many more faces were read. */
  saveEveryFaces: 5,
  /** Sightings of a look-alike face this close in time are one finding, ms. */
  lookAlikeGapMs: 5000,
  /** Most descriptors a live profile keeps (10 minutes at liveIntervalMs); the oldest make way. */
  maxProfileFaces: 300,
  /** Descriptors on each side of a moment whose means are compared for a change of person. */
  changeSideFaces: 3,
  /** A change this far apart is `high`: dlib's own different-person line, past every same-person pair. */
  highChangeDistance: 0.6,
} as const;

/**
 * `freeze` (freeze.ts). Thumbnails are 32x32 luma averages of the whole analysed frame. Seen:
 * frozen frames of a re-encoded clip differ by 0.00..0.03; consecutive frames of real speakers
 * by about 0.4..6. Longest still stretch on real clips 1.0 s (a webcam streamer holding still),
 * synthetic 1.4 s; longest repeat 0.0 s real, 0.1 s synthetic; the inserted 3 s freezes read
 * 2.9 s (6 of 6), the replays 0.6..2.9 s.
 */
export const FREEZE = {
  maxFrozenDiff: 0.3,
  minFrozenMs: 1500,
  speakingShare: 0.3,
  /** Loops searched 1..20 s back. */
  loopMinLagMs: 1000,
  loopMaxLagMs: 20_000,
  /** A replayed frame is this alike (absolute), and this much more alike than the frame just before. */
  maxLoopDiff: 1,
  /**
   * A replayed frame may be a source frame off the original (analysis at 15 fps of 25 fps video
   * samples other phases), so it is only required to be clearly closer than the frame before:
   * at 0.35 two of six replays were missed and others cut short.
   */
  loopDiffShare: 0.6,
  /** Consecutive matches must keep the same lag to within this, ms (one source frame and a half). */
  loopLagToleranceMs: 100,
  minLoopMs: 1000,
} as const;

/**
 * `landmark-jitter` (jitter.ts), eye-corner units. Seen: real clips' worst 3 s median 0.0024..0.0106;
 * synthetic clips 0.0024..0.0145 (the face swaps here do not flicker more than their sources);
 * a film clip whose largest face switches between people 0.0215.
 */
export const JITTER = {
  /**
   * Neighbour frames further apart than this are no reference for a midpoint, ms: the midpoint
   * assumes steady motion, which holds across one dropped frame at 15 fps (133 ms), not across
   * longer gaps. Live frames further apart (a busy 2-core laptop ran 6..15 fps) give no value.
   */
  maxGapMs: 150,
  /**
   * Span whose median is judged, ms: long enough that a blink or a passing hand does not move the
   * median, short enough for a swap that flickers only through one head turn.
   */
  windowMs: 3000,
  /**
   * Fewest frames with a value for a window's median: a third of the 45 frames of 3 s at 15 fps,
   * so a live window at 7 fps (the slowest that gives values, see maxGapMs) counts with frames lost.
   */
  minFrames: 15,
  /**
   * A window median at or over this is a finding. Real clips' worst windows 0.0024..0.0106, and the
   * joins, freezes and loops made of them 0.0034..0.0102: 0.02 is about twice the largest. It
   * catches a face that switches between people (0.0215), not the synthetic clips (up to 0.0145).
   */
  warnMedian: 0.02,
  /**
   * Frames where the eye-closure score moves by this among a frame and its neighbours, one of them
   * closed (BLINK.closeScore), give no value: every blink moves the whole mesh (0.013..0.05 on
   * real_blink_liveportrait_wink_f), and its 2.7 s closure with lids parting every other frame read
   * up to 0.022 over 3 s, 0.0116 without those frames. Steady half-closed eyes still count.
   */
  lidStep: 0.2,
} as const;

/**
 * `boundary-artifact` (seam.ts). Seen on real clips: inner/rim gradient ratio 0.88..4.1, chroma
 * step 1.6..8.5; synthetic clips 1.07..3.36 and 0.0..13.8 (a DeepFaceLive swap reads 10.6 where
 * its source reads 8.5): no separation that would not also flag real clips, so the thresholds sit
 * outside the real range (ratio 1.5x under, chroma 1.4x over) and catch only the extreme.
 */
export const SEAM = {
  /** Frames turned further are skipped, degrees: both rings are lit and seen alike only near frontal. */
  maxYawDeg: 20,
  /** Fewest near-frontal frames for the medians (2 s at 15 fps): one frame says little. */
  minFrames: 30,
  /**
   * Median inner/rim luma gradient ratio under this reads as a blurred middle. Real clips
   * 0.88..4.1 (their freezes and loops down to 0.84, several-face clips 0.80); the synthetic
   * clips were never smoother inside (1.07 and up), so 0.6 sits 1.5x under the lowest real clip.
   */
  minGradientRatio: 0.6,
  /**
   * Median inner/rim chroma distance (0..255 scale) over this reads as a different colour. Real
   * clips 1.6..8.5, their freezes and loops up to 8.5; 12 is 1.4x the largest and flags one
   * synthetic clip (13.8) and a three-panel several-face clip (12.4).
   */
  maxChromaDelta: 12,
} as const;

/**
 * `blink-anomaly` (blink.ts). People in conversation blink about 10..30 times a minute, single
 * blinks last 100..400 ms; rates of 2..60 a minute are accepted. Only one real clip gives the
 * 30 s of face time needed (46 a minute).
 */
export const BLINK = {
  /**
   * A blink starts when the eye-closure score (eyeBlinkLeft/Right mean, 0..1) rises to
   * `closeScore` and ends when it falls under `openScore`: the gap between them keeps a score
   * wavering around one level from counting as several blinks. A blink caught in one frame
   * mid-closure often reads only 0.4..0.5: at 0.5, three of real_blink_liveportrait_wink_f's and
   * about 30 on the real talking heads were missed (checked on the frames); 0.4 also counts about
   * six smiles or lowered looks there.
   */
  closeScore: 0.4,
  openScore: 0.3,
  /**
   * Eyes seen open for less than this before closing again (to `closeScore`) are one closure, ms:
   * a long closure's lids part for 33..67 ms now and then (real_blink_liveportrait_wink_f
   * 4.2..6.9 s read as eight blinks), while the next real blink there came 100 ms after it opened.
   */
  minOpenMs: 90,
  /** Frames pitched further down than this are skipped: lowered lids read as closed. */
  maxDownPitchDeg: 20,
  /**
   * Frames further apart than this add no watched time, ms: a whole blink (100..400 ms) could
   * fall in the gap. Live frames come up to about 200 ms apart.
   */
  maxGapMs: 250,
  /**
   * Face time before the rate is judged, ms. Shorter stretches swing too far: real clips watched
   * 5..20 s read 0..75 a minute. 30 s holds 5..15 blinks at the usual rates; only one real clip is
   * that long (46 a minute).
   */
  minWatchMs: 30_000,
  /**
   * Accepted blinks a minute: 5x under and 2x over the usual 10..30. One rendered face watched
   * about 30 s read 2 a minute (not flagged); other synthetic clips read 0 over up to 22 s and 69
   * over 28 s, too short to judge.
   */
  minPerMinute: 2,
  maxPerMinute: 60,
  /** Median blink duration over this is a finding, ms: 1.5x the longest human blink (400 ms). */
  maxMedianDurationMs: 600,
} as const;

/**
 * `pulse-absent` (pulse.ts). Seen: the clearest window's SNR -8.8..-0.7 dB on the 15 real clips
 * long enough for a window (compressed video keeps little of the pulse), synthetic -8.8..-1.2,
 * and plain sensor noise reads about -4 dB in this measure: no pulse can be told from a weak one
 * here, so only a skin colour flatter than any real clip's (under -14 dB, or no variation at all)
 * counts as absent.
 */
export const PULSE = {
  /**
   * Skin colour is resampled to this rate, Hz: its Nyquist limit (5 Hz) is above the searched
   * band (up to 4.5 Hz), and frames come at 15 fps at most.
   */
  sampleHz: 10,
  /** A window with a face gap longer than this is skipped, ms: under one beat at 180 bpm (333 ms). */
  maxGapMs: 250,
  /** POS projection window, s: the method's 1.6 s, one beat at the lowest rate looked for (42 bpm: 1.43 s). */
  posWindowS: 1.6,
  /**
   * Spectrum windows, ms: 20 s resolves 0.05 Hz (3 bpm) while a resting heart rate stays about
   * the same; windows start every 5 s. A clip shorter than 20 s gets one window of its own length
   * down to `minWindowMs` (8 s resolves 0.125 Hz); a shorter one none, as 16 of the 31 real clips.
   */
  windowMs: 20_000,
  stepMs: 5_000,
  minWindowMs: 8_000,
  /**
   * Heart rates looked for: 42..180 bpm, rest to exertion. Real clips peaked at 42..158 bpm; a
   * peak at the band's floor (42) is most likely slow drift, not a pulse, so the SNR decides.
   */
  minHz: 0.7,
  maxHz: 3,
  /** Spectrum range, Hz: the heart band with room on both sides, so the SNR weighs the noise around it. */
  searchMinHz: 0.5,
  searchMaxHz: 4.5,
  /** Spectrum step, Hz (1.2 bpm): finer than a 20 s window resolves, so no peak falls between steps. */
  stepHz: 0.02,
  /** The SNR's signal: the power within ±0.1 Hz (±6 bpm) of the peak and ±0.2 Hz of twice its frequency. */
  peakHalfWidthHz: 0.1,
  /** Steady windows only: skin luma (0..255) within this range, so the sensor's noise floor and clipping stay out. */
  minSkinLuma: 50,
  maxSkinLuma: 230,
  /** Near frontal, degrees: turning changes the light on forehead and cheeks far more than a pulse does. */
  maxYawDeg: 25,
  /** Face centre spread over the window in eye-corner distances: moving faces change the light more than a pulse. */
  maxCentreSpread: 0.3,
  /** Eye-corner distance, px: smaller faces leave too few skin pixels to average a pulse out of the noise. */
  minEyeDistancePx: 40,
  /**
   * The clearest steady window under this, dB, is a finding: 5 dB under the weakest real clip
   * (-8.8 dB), where only a flatter-than-skin colour falls.
   */
  minSnrDb: -14,
  /** Steady windows needed for a finding (25 s of steady face): one window can be a bad stretch of light. */
  minSteadyWindows: 2,
} as const;

/** A hand over the mouth, read from the face's own colours (utils/analyzers/face/cover.ts). */
export const COVER = {
  /** The baseline: samples this long before a frame, ms (the second before, less the newest 300 ms). */
  baselineFromMs: 1300,
  baselineToMs: 300,
  minBaselineFrames: 3,
  /**
   * A covered mouth breaks the lower face's tone by this much (luma, 2 x Cb, 2 x Cr distance,
   * 0..255 scale). Seen on the challenge clips: the hand over the mouth of real_hand_film_mouth_f
   * 150; without a hand, speaking and blinking 36 at most, head turns 45-73 (a full profile).
   * One real hand only: a hand much like the skin in tone and light may stay unseen.
   */
  minBreak: 100,
} as const;

/** Head pose as the turn challenge reads it (utils/features/face-features.ts calibratedYawDeg). */
export const HEAD_POSE = {
  /**
   * True yaw over the face landmarker's matrix yaw. Measured on challenges/real_turn_webcam_headpose_f,
   * whose own head-pose readout is burned into every frame (tests/fixtures/yaw-readout.json): 1.33
   * by least squares over its 32 frames turned 15° or more, largest error there 8.6°. Seen on the
   * other turns: a full profile (80-90° by eye) reads 53-60° raw, 70-80° calibrated.
   */
  yawGain: 1.33,
} as const;

/** Verifying the checklist's challenge prompts from the live signals (utils/checklist/verify.ts). */
export const CHECKLIST = {
  /**
   * A profile turn must reach this yaw (calibrated, HEAD_POSE) each way, degrees: past the
   * near-frontal poses face swaps are trained on. Seen on the challenge clips (bench
   * --challenges): real turns to 60-90° read 49-81° and pass; turns of about 45° by eye read 43-48°.
   * The demo speaker facing the camera stays within -15..+8°.
   */
  turnYawDeg: 45,
  /**
   * The face may go untracked for at most this long during a response, ms; longer and nothing
   * can be verified. Seen on the live demo call (a tracked speaker at 9..14 fps): longest gaps
   * 135..202 ms, so 500 ms is about three dropped frames beyond that.
   */
  maxTrackGapMs: 500,
  /**
   * A hand pass must hide the mouth (or the whole face) for at least this long, ms (two frames
   * at live rates), and at most handMaxHiddenMs (longer is a face kept covered, not a pass).
   * Seen: the one real hand over a mouth (challenges/real_hand_film_mouth_f) hid it 209 ms; on
   * clips of nobody asked, 1 of 36 real windows and 1 of 27 other windows "passed" (bench
   * --checklist), so a pass is weak evidence on its own.
   */
  handMinHiddenMs: 150,
  handMaxHiddenMs: 3000,
  /** Face-check findings overlapping a response that make it a concern. */
  concernKinds: ['person-change', 'landmark-jitter', 'boundary-artifact', 'freeze', 'multiple-faces'],
} as const;
