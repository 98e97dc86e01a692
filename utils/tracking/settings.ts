/** Geometry and timing of finding and following the candidate in a call's picture. */

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
  /** Side of each square searched for a photo ID held up beside the face, in face widths. */
  idRegionScale: 1.6,
  /**
   * An ID photo's face is smaller than the candidate's (a card beside the face): one as wide or
   * wider is another person's tile. Held close to the camera it can reach 0.85 of the face (demo call).
   */
  idFaceMaxShare: 1,
  /** Smallest crop side, px: small tiles are enlarged to at least this before detection. */
  minCropPx: 192,
  /** The crop moves when the face centre comes within this share of the crop's edge. */
  recropEdgeShare: 0.3,
  /** A face this much larger or smaller (linear) than expected is not the same tile. */
  maxSizeChange: 1.6,
  /** After a layout change, a face this many face-widths from the old place is still "the" candidate. */
  reacquireReach: 1.5,
  /** No face in the candidate's crop for this long means the candidate is lost, ms. */
  lostAfterMs: 1500,
  /**
   * Lost this long with faces on screen but none where the candidate was, ms: the layout changed
   * beyond matching (a screen share shrinks tiles into a strip), so the largest face is proposed.
   */
  reproposeAfterMs: 3000,
} as const;
