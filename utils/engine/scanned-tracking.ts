/**
 * A recording's faces at the cost of one: MediaPipe skips its face detector only while it tracks
 * as many faces as it may report, so a landmarker for four faces runs the detector on every frame
 * of a one-person recording. Instead a scan of the whole frame (image mode, four faces) runs
 * every `scanEveryMs` of frame time; while it finds at most one face, a one-face landmarker tracks
 * it, and while it finds more, a four-face landmarker does, as before. Faces arriving between
 * scans are counted from the next scan (within `scanEveryMs`).
 */
import type { FrameLandmarks } from '@/utils/features/landmarks';

export interface FaceFinder {
  detect(frame: TexImageSource, timestampMs: number): FrameLandmarks;
  close(): void;
}

export class ScannedTracking implements FaceFinder {
  private lastScanMs = -Infinity;
  private several = false;

  constructor(
    private readonly finders: { scan: FaceFinder; one: FaceFinder; several: FaceFinder },
    private readonly scanEveryMs: number,
  ) {}

  /** The frame's faces; `detectMs` includes the scan's time on the frames it ran. */
  detect(frame: TexImageSource, timestampMs: number): FrameLandmarks {
    let scanMs = 0;
    // A time before the last scan is another stretch of the recording: scan it afresh.
    if (timestampMs - this.lastScanMs >= this.scanEveryMs || timestampMs < this.lastScanMs) {
      const scan = this.finders.scan.detect(frame, timestampMs);
      this.several = scan.faces.length > 1;
      this.lastScanMs = timestampMs;
      scanMs = scan.detectMs;
    }
    const result = (this.several ? this.finders.several : this.finders.one).detect(frame, timestampMs);
    return { ...result, detectMs: result.detectMs + scanMs };
  }

  close(): void {
    for (const finder of Object.values(this.finders)) finder.close();
  }
}
