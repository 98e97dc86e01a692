/**
 * Fixed-capacity time series (oldest entries overwritten), so a two-hour session uses constant
 * memory. Times are ms on the caller's clock and must not decrease.
 */
export class TimeSeriesRing {
  private readonly times: Float64Array;
  private readonly values: Float32Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity);
    this.values = new Float32Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(timeMs: number, value: number): void {
    const index = (this.start + this.count) % this.capacity;
    this.times[index] = timeMs;
    this.values[index] = value;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Entries with fromMs <= time < toMs, oldest first, as fresh arrays. */
  range(fromMs: number, toMs: number): { timesMs: Float64Array; values: Float32Array } {
    const times: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const index = (this.start + i) % this.capacity;
      const time = this.times[index] as number;
      if (time >= fromMs && time < toMs) {
        times.push(time);
        values.push(this.values[index] as number);
      }
    }
    return { timesMs: Float64Array.from(times), values: Float32Array.from(values) };
  }

  /** Time of the newest entry, or NaN when empty. */
  lastTimeMs(): number {
    if (this.count === 0) return Number.NaN;
    return this.times[(this.start + this.count - 1) % this.capacity] as number;
  }

  firstTimeMs(): number {
    if (this.count === 0) return Number.NaN;
    return this.times[this.start] as number;
  }
}
