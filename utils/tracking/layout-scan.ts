/**
 * When and where the call's layout is scanned for faces: the whole frame, then overlapping parts
 * (see scanRegions), one region at a time, the next once the previous is done. Pure: times are ms
 * on the caller's clock.
 */
import type { Box, FrameSize } from '@/utils/features/face-features';
import { scanRegions } from './candidate';

/** Regions of the 3x3 grid at the end of a full scan. */
const FINE_SCAN_REGIONS = 9;

export interface LayoutScanPacing {
  /** Between scans while the candidate is followed (whole frame and 2x2), ms. */
  everyMs: number;
  /** Between scans while searching (3x3 added for small tiles), ms. */
  searchingEveryMs: number;
}

export class LayoutScan {
  private queue: Box[] = [];
  private found: Box[] = [];
  private lastDoneMs = -Infinity;
  private busy = false;

  constructor(private readonly pacing: LayoutScanPacing) {}

  /** The next region to give the scanner, or null while it is busy or no scan is due. */
  next(frame: FrameSize, atMs: number, searching: boolean): Box | null {
    if (this.busy) return null;
    if (this.queue.length === 0) {
      if (atMs - this.lastDoneMs < (searching ? this.pacing.searchingEveryMs : this.pacing.everyMs)) return null;
      this.queue = scanRegions(frame, searching ? [2, 3] : [2]);
      this.found = [];
    }
    const region = this.queue.shift();
    if (!region) return null;
    this.busy = true;
    return region;
  }

  /**
   * The scanner's faces in the region it was given (frame px). Returns every face of this scan so
   * far, and whether the scan is done: the whole frame and the 2x2 parts come first, and when they
   * found faces the finer 3x3 parts are skipped, so the first candidate comes within a few runs.
   */
  result(faces: readonly Box[], atMs: number): { foundSoFar: Box[]; done: boolean } {
    this.busy = false;
    this.found.push(...faces);
    if (this.queue.length === FINE_SCAN_REGIONS && this.found.length > 0) this.queue = [];
    const done = this.queue.length === 0;
    if (done) this.lastDoneMs = atMs;
    return { foundSoFar: [...this.found], done };
  }

  /** The scanner failed on the region: the scan goes on with the next one. */
  failed(): void {
    this.busy = false;
  }

  /** Scans again at the next frame (the picture changed, or the candidate was lost). */
  rescan(): void {
    this.lastDoneMs = -Infinity;
  }
}
