/**
 * The live tracker's frame figures for the panel: frames that reached it and frames it analysed
 * per second, arrival-to-result time, and frames it never analysed (replaced by a newer one while
 * the model was busy, or failed). Pure: the clock comes in as a parameter.
 */
import { quantile } from '@/utils/common/stats';

export interface FrameHealth {
  /** Frames analysed per second over the last `windowMs`. */
  analysedFps: number;
  /** Frames that reached the tracker per second over the same window (the capture's own rate). */
  offeredFps: number;
  /**
   * Median and 95th percentile, over the last results, of the time from a frame reaching the
   * tracker to its result leaving it (waiting for the model included), ms.
   */
  msPerFrameMedian: number;
  msPerFrameP95: number;
  /** Frames not analysed since the start: replaced by a newer one while the model was busy, or failed. */
  dropped: number;
}

export class FrameMeter {
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

  /** `arrivals` frames reached the tracker since its last result; it analysed the newest (arrived at `arrivedAtMs`). */
  analysed(arrivals: number, arrivedAtMs: number): void {
    const at = this.arrived(arrivals);
    this.dropped += Math.max(0, arrivals - 1);
    this.latencies.push(at - arrivedAtMs);
    if (this.latencies.length > this.latencySamples) this.latencies.shift();
    this.doneAt.push(at);
    this.trim(this.doneAt, at);
  }

  /** `arrivals` frames reached the tracker and none was analysed (the newest failed). */
  failed(arrivals: number): void {
    this.arrived(arrivals);
    this.dropped += arrivals;
  }

  health(): FrameHealth {
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

  /** Counts the arrivals now: they are told with the next result, a frame's work time or so late. */
  private arrived(arrivals: number): number {
    const at = this.now();
    for (let i = 0; i < arrivals; i++) this.offeredAt.push(at);
    this.trim(this.offeredAt, at);
    return at;
  }

  private trim(times: number[], at: number): void {
    while (times.length > 0 && (times[0] as number) <= at - this.windowMs) times.shift();
  }
}
