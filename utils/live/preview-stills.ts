/**
 * Stills of the call for the preview, scaled down in a worker (preview-still.worker.ts): one at a
 * time, so a slow conversion skips stills instead of queueing frames. Where the worker cannot run
 * (it failed to load or crashed), stills are made on this page as before, slower but still shown.
 */
export interface StillRequest {
  frame: VideoFrame;
  width: number;
  height: number;
}

export type StillReply = { still: ImageBitmap } | { problem: string };

/** The still worker messages this class uses. */
export type StillWorkerLike = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((event: MessageEvent<StillReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
};

/** Makes an ImageBitmap of a frame, scaled: `createImageBitmap` on the calling thread. */
export type StillMaker = (frame: VideoFrame, width: number, height: number) => Promise<ImageBitmap>;

/** How a still is made, in the worker and, as a fallback, on the page. */
export const scaledStill: StillMaker = (frame, width, height) =>
  createImageBitmap(frame, { resizeWidth: width, resizeHeight: height });

export class PreviewStills {
  private worker: StillWorkerLike | null = null;
  private making = false;
  /** The worker failed to load or crashed: stills are made on this page from then on. */
  private onPage = false;
  private stopped = false;

  constructor(
    private readonly startWorker: () => StillWorkerLike,
    private readonly onStill: (still: ImageBitmap) => void,
    private readonly onPageMaker: StillMaker = scaledStill,
  ) {}

  /** Makes a still of `frame` (the caller keeps and closes its frame) unless one is being made. */
  offer(frame: VideoFrame, width: number, height: number): void {
    if (this.making || this.stopped) return;
    this.making = true;
    if (this.onPage) {
      this.onPageMaker(frame, width, height)
        .then(
          (still) => this.deliver(still),
          () => undefined,
        )
        .finally(() => (this.making = false));
      return;
    }
    const copy = frame.clone();
    try {
      this.started().postMessage({ frame: copy, width, height } satisfies StillRequest, [copy]);
    } catch {
      copy.close();
      this.fail();
    }
  }

  stop(): void {
    this.stopped = true;
    this.worker?.terminate();
    this.worker = null;
  }

  /** The worker, started on the first still (not on the capture's first, busiest moment). */
  private started(): StillWorkerLike {
    if (this.worker) return this.worker;
    const worker = this.startWorker();
    worker.onmessage = ({ data }) => {
      this.making = false;
      if ('still' in data) this.deliver(data.still);
    };
    worker.onerror = (event) => {
      // Handled here: the fallback keeps the preview going, so the page need not report it too.
      event.preventDefault();
      this.fail();
    };
    this.worker = worker;
    return worker;
  }

  private deliver(still: ImageBitmap): void {
    if (this.stopped) still.close();
    else this.onStill(still);
  }

  private fail(): void {
    this.onPage = true;
    this.worker?.terminate();
    this.worker = null;
    this.making = false;
  }
}
