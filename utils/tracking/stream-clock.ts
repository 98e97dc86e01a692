/**
 * Puts a capture track's timestamps on the page's clock (performance.now(), ms).
 *
 * Chromium stamps captured video frames on a clock with another origin than performance.now()
 * (seen: about 380 s apart) and audio chunks on one close to it; both advance at the real-time
 * rate. The offset is estimated as the smallest (arrival - timestamp) seen so far: the arrival of
 * the least-delayed chunk. Both tracks then read as "captured at", plus their shortest transport
 * delay; what is left of the audio-video difference is the capture path's own offset, measured
 * once (LIVE.captureAvOffsetMs) and corrected for by the pipeline.
 */
export class StreamClock {
  private offsetMs = Infinity;

  /** Maps a track timestamp (ms) that arrived at `arrivalMs` (page clock) onto the page clock. */
  toLocal(streamMs: number, arrivalMs: number): number {
    this.offsetMs = Math.min(this.offsetMs, arrivalMs - streamMs);
    return streamMs + this.offsetMs;
  }
}
