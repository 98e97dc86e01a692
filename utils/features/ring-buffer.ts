/**
 * Fixed-capacity time series of fixed-width rows (`width` values per entry; oldest entries
 * overwritten), so a two-hour session uses constant memory. Times are ms on the caller's clock
 * and must not decrease.
 */
export class VectorRing {
  private readonly times: Float64Array;
  private readonly values: Float32Array;
  private start = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    readonly width: number,
  ) {
    this.times = new Float64Array(capacity);
    this.values = new Float32Array(capacity * width);
  }

  get length(): number {
    return this.count;
  }

  /** Drops every entry. */
  clear(): void {
    this.start = 0;
    this.count = 0;
  }

  /** One entry; a null row (or missing values in a short one) is stored as NaN. */
  push(timeMs: number, row: ArrayLike<number> | null): void {
    const index = (this.start + this.count) % this.capacity;
    this.times[index] = timeMs;
    const at = index * this.width;
    for (let c = 0; c < this.width; c++) this.values[at + c] = row && c < row.length ? (row[c] as number) : Number.NaN;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /**
   * Entries with fromMs <= time < toMs, oldest first, as fresh arrays: their times, and their
   * rows one after another (`width` values each).
   */
  range(fromMs: number, toMs: number): { timesMs: Float64Array; values: Float32Array } {
    const first = this.firstAtOrAfter(fromMs);
    const end = Math.max(first, this.firstAtOrAfter(toMs));
    const timesMs = new Float64Array(end - first);
    const values = new Float32Array((end - first) * this.width);
    for (let i = first; i < end; i++) {
      const index = (this.start + i) % this.capacity;
      timesMs[i - first] = this.times[index] as number;
      values.set(this.values.subarray(index * this.width, (index + 1) * this.width), (i - first) * this.width);
    }
    return { timesMs, values };
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

  /** Position (0 = oldest) of the first entry at or after `timeMs` (binary search: times do not decrease). */
  private firstAtOrAfter(timeMs: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.times[(this.start + middle) % this.capacity] as number) < timeMs) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
