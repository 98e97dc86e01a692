/**
 * Admission of live frames to the landmarker: a few frames in flight (the one the model works on
 * and the newest waiting for it; the worker skips a waiting frame once a newer one comes), strictly
 * increasing timestamps, and frames dropped beyond that, so slow hardware lowers the analysed
 * frame rate instead of adding delay. Also keeps the health figures the panel shows (pure: the
 * clock comes in as a parameter).
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
  /** Frames dropped or skipped since the start because the model was busy, or the time went backwards. */
  dropped: number;
}

export class FrameGate {
  /** Admission time of each frame in flight, by ticket. */
  private readonly inFlightSince = new Map<number, number>();
  private nextTicket = 1;
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
    /** Frames in flight at most. */
    private readonly maxInFlight = 1,
  ) {}

  /**
   * A ticket when this frame may go to the model (the caller then calls `finish` with it), null
   * when it is dropped.
   */
  offer(timestampMs: number): number | null {
    const at = this.now();
    this.offeredAt.push(at);
    this.trim(this.offeredAt, at);
    if (this.inFlightSince.size >= this.maxInFlight || timestampMs <= this.lastTimestampMs) {
      this.dropped++;
      return null;
    }
    const ticket = this.nextTicket++;
    this.inFlightSince.set(ticket, at);
    this.lastTimestampMs = timestampMs;
    return ticket;
  }

  /** The admitted frame's result is back (or it failed); `analysed` false: skipped for a newer frame. */
  finish(ticket: number, analysed = true): void {
    const since = this.inFlightSince.get(ticket);
    if (since === undefined) return;
    this.inFlightSince.delete(ticket);
    if (!analysed) {
      this.dropped++;
      return;
    }
    const at = this.now();
    this.latencies.push(at - since);
    if (this.latencies.length > this.latencySamples) this.latencies.shift();
    this.doneAt.push(at);
    this.trim(this.doneAt, at);
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
