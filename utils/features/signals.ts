/** Time series the analyzers read: plain typed arrays, no browser or model types. */

/** Mouth opening per analysed video frame. */
export interface MouthSeries {
  /** Frame times, ms, increasing. */
  timesMs: Float64Array;
  /** Inner-lip gap / eye-corner distance; NaN where no face was found. */
  open: Float32Array;
  /** The model's jawOpen blendshape, 0..1; NaN where no face was found. */
  jawOpen: Float32Array;
  /**
   * The mouth's shape per frame, MOUTH_MEASURE_COUNT values each (utils/features/mouth-measures.ts),
   * NaN where the mouth was not seen; absent where the source did not measure it (older exports).
   */
  measures?: Float32Array;
}

/** Speech envelope and voice activity at a fixed hop. */
export interface SpeechSeries {
  /** Hop centre times, ms, increasing. */
  timesMs: Float64Array;
  /** Band-limited level, dBFS. */
  db: Float32Array;
  /** 1 where the voice-activity detector heard speech. */
  voiced: Uint8Array;
  /**
   * Log-mel band levels per hop, MEL_BAND_COUNT values each (utils/features/mel-bands.ts), dB;
   * absent where the source did not measure them (older exports).
   */
  bands?: Float32Array;
}
