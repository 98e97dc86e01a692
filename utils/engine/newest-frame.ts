import type { FrameCrop } from './landmarker-protocol';

/** What the followed track's worker analyses next. */
export interface FrameToAnalyse<F> {
  frame: F;
  crop: FrameCrop;
  arrivedAtMs: number;
  /** Frames read since the previous one taken, this one included. */
  arrivals: number;
}

/**
 * The newest frame of a followed track, kept until the model is free: a newer one replaces it
 * (the older is closed unanalysed), so the model never waits for a frame nor works on an old one.
 */
export class NewestFrame<F extends { close(): void }> {
  private newest: { frame: F; arrivedAtMs: number } | null = null;
  private crop: FrameCrop | null = null;
  private arrivals = 0;

  /** A frame arrived; one arriving while nothing is aimed at is closed at once, uncounted. */
  arrive(frame: F, arrivedAtMs: number): void {
    if (this.crop === null) {
      frame.close();
      return;
    }
    this.newest?.frame.close();
    this.newest = { frame, arrivedAtMs };
    this.arrivals++;
  }

  /** Where frames are analysed from now on; null: nowhere, and the waiting frame is dropped uncounted. */
  aim(crop: FrameCrop | null): void {
    this.crop = crop;
    if (crop === null) this.drop();
  }

  /** The frame to analyse now, if one is waiting and there is a crop; the caller closes it. */
  take(): FrameToAnalyse<F> | null {
    if (!this.newest || !this.crop) return null;
    const taken = { ...this.newest, crop: this.crop, arrivals: this.arrivals };
    this.newest = null;
    this.arrivals = 0;
    return taken;
  }

  /** Closes the waiting frame; what arrived so far is not counted again. */
  drop(): void {
    this.newest?.frame.close();
    this.newest = null;
    this.arrivals = 0;
  }
}
