/**
 * A host's state changes, applied to a view in a task of their own. The panel's store re-renders
 * React synchronously on each change, and a host in the panel makes its changes inside the
 * capture's start and the call's frame handlers: on 2 cores the two together made main-thread
 * tasks of 57-120 ms at the start of most captures. Changes made before the task runs are merged,
 * the later value of each key winning, as applying them one by one would have ended.
 */
export class StateBatch<T extends object> {
  private pending: Partial<T> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly apply: (change: Partial<T>) => void) {}

  add(change: Partial<T>): void {
    this.pending = { ...this.pending, ...change };
    this.timer ??= setTimeout(() => this.flush(), 0);
  }

  /** Drops the changes not applied yet (the view now follows another host). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private flush(): void {
    const change = this.pending;
    this.timer = null;
    this.pending = null;
    if (change) this.apply(change);
  }
}
