/**
 * Admission of live frames to the landmarker: one frame in flight, strictly increasing
 * timestamps, and frames dropped (never queued) while the model is busy, so slow hardware
 * lowers the analysed frame rate instead of adding delay. Also keeps the health figures the
 * panel shows (pure: the clock comes in as a parameter).
 */
import { quantile } from '@/utils/common/stats';

export interface GateHealth {
  /** Frames analysed per second over the last `windowMs`. */
  analysedFps: number;
  /** Frames offered per second over the same window (the capture's own rate). */
  offeredFps: number;
  /** Median and 95th percentile of send-to-result time, ms, over the last results. */
  msPerFrameMedian: number;
  msPerFrameP95: number;
  /** Frames dropped since the start because the model was busy or the time went backwards. */
  dropped: number;
}

export class FrameGate {
  private inFlightSince: number | null = null;
  private lastTimestampMs = -Infinity;
  private readonly offeredAt: number[] = [];
  private readonly doneAt: number[] = [];
  private readonly latencies: number[] = [];
  private dropped = 0;

  constructor(
    private readonly now: () => number,
    /** Recent results the latency figures are taken over. */
    private readonly latencySamples: number,
    /** The span the frame rates are measured over, ms. */
    private readonly windowMs = 2000,
  ) {}

  /** True when this frame may go to the model; the caller must then call `finish()`. */
  offer(timestampMs: number): boolean {
    const at = this.now();
    this.offeredAt.push(at);
    this.trim(this.offeredAt, at);
    if (this.inFlightSince !== null || timestampMs <= this.lastTimestampMs) {
      this.dropped++;
      return false;
    }
    this.inFlightSince = at;
    this.lastTimestampMs = timestampMs;
    return true;
  }

  /** The admitted frame's result is back (or it failed). */
  finish(): void {
    if (this.inFlightSince === null) return;
    const at = this.now();
    this.latencies.push(at - this.inFlightSince);
    if (this.latencies.length > this.latencySamples) this.latencies.shift();
    this.doneAt.push(at);
    this.trim(this.doneAt, at);
    this.inFlightSince = null;
  }

  health(): GateHealth {
    const at = this.now();
    this.trim(this.offeredAt, at);
    this.trim(this.doneAt, at);
    return {
      analysedFps: (this.doneAt.length * 1000) / this.windowMs,
      offeredFps: (this.offeredAt.length * 1000) / this.windowMs,
      msPerFrameMedian: quantile(this.latencies, 0.5),
      msPerFrameP95: quantile(this.latencies, 0.95),
      dropped: this.dropped,
    };
  }

  private trim(times: number[], at: number): void {
    while (times.length > 0 && (times[0] as number) <= at - this.windowMs) times.shift();
  }
}
