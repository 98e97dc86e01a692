/**
 * Stills of the call for the preview, scaled down in a worker (preview-still.worker.ts): one at a
 * time, so a slow conversion skips stills instead of queueing frames. Where the worker cannot run
 * (it failed to load or crashed), stills are made on this page as before, slower but still shown.
 */
import { messageOf } from '@/utils/common/error-message';

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

const stillOnThisThread: StillMaker = (frame, width, height) =>
  createImageBitmap(frame, { resizeWidth: width, resizeHeight: height });

export class PreviewStills {
  private worker: StillWorkerLike | null = null;
  private making = false;
  /** Why stills are made on this page instead of in the worker (null while the worker makes them). */
  private workerProblem: string | null = null;
  private stopped = false;

  constructor(
    private readonly startWorker: () => StillWorkerLike,
    private readonly onStill: (still: ImageBitmap) => void,
    private readonly onPageMaker: StillMaker = stillOnThisThread,
  ) {}

  /** Makes a still of `frame` (the caller keeps and closes its frame) unless one is being made. */
  offer(frame: VideoFrame, width: number, height: number): void {
    if (this.making || this.stopped) return;
    this.making = true;
    if (this.workerProblem !== null) {
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
    } catch (error) {
      copy.close();
      this.fail(messageOf(error));
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
      event.preventDefault();
      this.fail(event.message || 'the still worker stopped');
    };
    this.worker = worker;
    return worker;
  }

  private deliver(still: ImageBitmap): void {
    if (this.stopped) still.close();
    else this.onStill(still);
  }

  private fail(problem: string): void {
    this.workerProblem = problem;
    this.worker?.terminate();
    this.worker = null;
    this.making = false;
  }
}
