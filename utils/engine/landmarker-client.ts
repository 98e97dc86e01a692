import type { FollowedFrame, FrameCrop, LandmarkerReply, LandmarkerRequest } from './landmarker-protocol';
import LandmarkerWorker from './landmarker.worker.ts?worker';
import type { FrameLandmarks } from '@/utils/features/landmarks';
import { WORKER_TEXT, type WorkerFault } from '@/utils/wording/worker-restart';
import type { EngineAssets, LandmarkerInfo, LandmarkerOptions } from './landmarks';

type Pending = { resolve: (reply: LandmarkerReply) => void; reject: (error: Error) => void };

/** The worker messages this client needs, so tests can pass a fake. */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((event: MessageEvent<LandmarkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
};

export interface Timers {
  setTimeout: (run: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimeout: (id: ReturnType<typeof setTimeout>) => void;
}

export const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (id) => clearTimeout(id),
};

/**
 * How long a worker that owes a reply may stay silent before it is taken as hung, ms. A worker
 * runs one request at a time and answers each (a following one: each frame, and a heartbeat while
 * no frame comes), so silence means it is stuck or gone. Live, a frame took up to 79 ms from
 * arrival to result (p95, `bench --live` on 2 cores) and the analysis worker's
 * answer checks up to 173 ms (live-call test): 1.5 s is no slow reply, and a hung worker is
 * replaced within 2 s. Loading the model and its first frame (wasm compile, GPU
 * shaders) take seconds, so they get longer.
 */
export const HEARTBEAT = { replyMs: 1500, warmUpMs: 30_000 } as const;

/** A worker's latest fault: what, when (ms, the owner's clock), and whether a new worker took over. */
export interface WorkerFaultRecord {
  fault: WorkerFault;
  atMs: number;
  restarted: boolean;
}

/** What the engine health reads of a worker that is restarted when it crashes or hangs. */
export interface WorkerRestarts {
  readonly restarts: number;
  readonly lastFault: WorkerFaultRecord | null;
}

/** Calls `onSilent` when a worker that owes a reply has said nothing for the given time. */
export class WorkerWatch {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly timers: Timers,
    private readonly onSilent: () => void,
  ) {}

  /** A request went out: the silence counts from now, unless it already counts from earlier. */
  sent(limitMs: number): void {
    if (this.timer === null) this.arm(limitMs);
  }

  /** The worker said something: the silence counts again from now while it still owes a reply. */
  heard(owing: boolean, limitMs: number): void {
    this.stop();
    if (owing) this.arm(limitMs);
  }

  stop(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(limitMs: number): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.onSilent();
    }, limitMs);
  }
}

/** Stops a worker so that nothing it still sends arrives. */
export function retire(worker: {
  onmessage: unknown;
  onerror?: unknown;
  onmessageerror?: unknown;
  terminate: () => void;
}): void {
  worker.onmessage = null;
  worker.onerror = null;
  worker.onmessageerror = null;
  worker.terminate();
}

/** Starts the landmarker worker bundled with the extension. */
export function startLandmarkerWorker(): WorkerLike {
  return new LandmarkerWorker();
}

/** The engine's own files inside the extension; never a CDN. */
export function extensionAssets(toUrl: (path: string) => string): EngineAssets {
  return {
    wasmLoaderUrl: toUrl('/mediapipe/wasm/vision_wasm_internal.js'),
    wasmBinaryUrl: toUrl('/mediapipe/wasm/vision_wasm_internal.wasm'),
    modelUrl: toUrl('/models/face_landmarker.task'),
    tfjsWasmDir: toUrl('/tfjs/'),
    descriptorWeightsUrl: toUrl('/models/face_recognition_model.bin'),
    descriptorManifestUrl: toUrl('/models/face_recognition_model-weights_manifest.json'),
  };
}

export interface DetectOptions {
  /** Describe each face large enough (a worker started with faceDescriptors). */
  describe?: boolean;
  /** How much the frame was enlarged from the call's own pixels. */
  upscale?: number;
  /** The region the worker cuts and scales before the model; none: the whole frame. */
  crop?: FrameCrop | null;
}

export interface LandmarkerClientOptions {
  timers?: Timers;
  /** Clock of the fault records, ms. */
  now?: () => number;
}

/** What a live caller hears of a followed track (see LandmarkerClient.follow). */
export interface FollowListener {
  /** A new MediaStreamTrackProcessor's readable of the track, for this worker or one that replaces it. */
  frames: () => ReadableStream<VideoFrame>;
  onFrame: (followed: FollowedFrame) => void;
  /** A frame the worker could not analyse (`arrivals` frames went unanalysed); the next one is tried. */
  onProblem: (message: string, arrivals: number) => void;
}

/**
 * Page-side handle on the landmarker worker: init / detect / close, each a promise, and a live
 * track the worker reads and analyses itself (follow / aim). The worker runs requests one at a
 * time in order.
 *
 * A worker that crashes (error, unreadable reply) or owes a reply past HEARTBEAT is replaced: its
 * requests fail, a new worker loads the model with the latest init's assets and options, and
 * requests wait for that. One that faults again before answering anything is not restarted again
 * (a worker that cannot start would otherwise be restarted without end); requests then fail at once.
 */
export class LandmarkerClient implements WorkerRestarts {
  private worker: WorkerLike;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly watch: WorkerWatch;
  private readonly now: () => number;
  /** The latest successful init's assets and options, for a new worker. */
  private setup: { assets: EngineAssets; options: LandmarkerOptions } | null = null;
  /** A new worker loading the model, which requests wait for; null when none is (or it failed: kept). */
  private loading: Promise<unknown> | null = null;
  /** Whether the worker ran a frame since it loaded the model (until then, HEARTBEAT.warmUpMs). */
  private warm = false;
  /** Whether the worker answered anything since it started. */
  private answered = false;
  private closing = false;
  /** Why every request fails from now on (the worker faulted and was not restarted). */
  private stopped: Error | null = null;
  private restartCount = 0;
  private describerOutcome: Promise<string | null> = Promise.resolve(null);
  private describerSettled: ((problem: string | null) => void) | null = null;
  private latestFault: WorkerFaultRecord | null = null;
  /** The followed track's listener, and the follow request's id once sent (0: not yet). */
  private following: { listener: FollowListener; id: number } | null = null;
  private aimed: FrameCrop | null = null;

  constructor(
    private readonly startWorker: () => WorkerLike = startLandmarkerWorker,
    { timers = globalTimers, now = () => performance.now() }: LandmarkerClientOptions = {},
  ) {
    this.now = now;
    this.watch = new WorkerWatch(timers, () => this.fault('hung', ''));
    this.worker = this.attach(startWorker());
  }

  /** Workers started in place of a faulted one. */
  get restarts(): number {
    return this.restartCount;
  }

  get lastFault(): WorkerFaultRecord | null {
    return this.latestFault;
  }

  /**
   * Loads the model; resolves once the landmarks work. The face descriptor, when asked for, may
   * still be loading then, or load with the first request that describes faces (see
   * LandmarkerOptions.faceDescriptors): see `describerProblem`.
   */
  async init(assets: EngineAssets, options: LandmarkerOptions): Promise<LandmarkerInfo> {
    this.describerOutcome = options.faceDescriptors
      ? new Promise((settled) => (this.describerSettled = settled))
      : Promise.resolve(null);
    const reply = await this.request({ kind: 'init', id: this.nextId++, assets, options });
    if (reply.kind !== 'ready') throw new Error(`Unexpected reply to init: ${reply.kind}`);
    this.setup = { assets, options };
    return reply.info;
  }

  /**
   * Sends a frame to the worker, which owns and closes it (ms timestamps), and gives its landmarks.
   * See DetectOptions for describing faces and cropping in the worker.
   */
  async detect(
    frame: VideoFrame | ImageBitmap,
    timestampMs: number,
    { describe = false, upscale = 1, crop = null }: DetectOptions = {},
  ): Promise<FrameLandmarks> {
    const waiting = this.waiting();
    if (waiting) {
      try {
        await waiting;
      } catch (error) {
        // Never sent, so the frame is still ours to close.
        frame.close();
        throw error;
      }
      return this.detect(frame, timestampMs, { describe, upscale, crop });
    }
    const request = { kind: 'detect', id: this.nextId++, frame, timestampMs, describe, upscale, crop } as const;
    const reply = await this.send(request, [frame]);
    if (reply.kind !== 'landmarks') throw new Error(`Unexpected reply to detect: ${reply.kind}`);
    return reply.result;
  }

  /**
   * The worker reads a live track's frames itself (they never pass through this thread) and
   * analyses the newest whenever its model is free, in the region `aim` gives; each result goes to
   * `listener`. A worker that replaces a faulted one follows a new readable of the track. One track
   * at a time: a later call replaces an earlier one.
   */
  follow(listener: FollowListener): void {
    this.following = { listener, id: 0 };
    void this.startFollowing();
  }

  /** Where the followed frames are analysed from now on; null: none is. */
  aim(crop: FrameCrop | null): void {
    this.aimed = crop;
    // Otherwise the worker is told with its follow request.
    if (this.followSent()) this.tell({ kind: 'aim', id: this.nextId++, crop });
  }

  /** Stops following the track (the worker stops reading it). */
  unfollow(): void {
    if (this.followSent()) this.tell({ kind: 'unfollow', id: this.nextId++ });
    this.following = null;
    this.aimed = null;
    if (this.pending.size === 0) this.watch.stop();
  }

  /** Whether the current worker has the follow request (one loading after a fault gets it once loaded). */
  private followSent(): boolean {
    return this.following !== null && this.following.id !== 0 && this.loading === null && this.stopped === null;
  }

  /** A request the worker does not answer. */
  private tell(request: LandmarkerRequest, transfer: Transferable[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  private async startFollowing(): Promise<void> {
    const waiting = this.waiting();
    if (waiting) {
      // A worker that cannot start analyses nothing; its requests say why.
      const loaded = await waiting.then(
        () => true,
        () => false,
      );
      if (loaded) void this.startFollowing();
      return;
    }
    const following = this.following;
    if (!following) return;
    following.id = this.nextId++;
    const frames = following.listener.frames();
    this.tell({ kind: 'follow', id: following.id, frames }, [frames]);
    this.tell({ kind: 'aim', id: this.nextId++, crop: this.aimed });
    this.watch.heard(true, this.limitMs());
  }

  /**
   * Why the face descriptor of the latest init could not load, once it has loaded or failed; null:
   * it works or was not asked for.
   */
  describerProblem(): Promise<string | null> {
    return this.describerOutcome;
  }

  /** Frees the model and stops the worker (a silent one after HEARTBEAT, without a restart). */
  async close(): Promise<void> {
    this.closing = true;
    this.following = null;
    try {
      await this.request({ kind: 'close', id: this.nextId++ });
    } finally {
      this.watch.stop();
      this.worker.terminate();
    }
  }

  /**
   * What a request waits for before it is sent: a new worker loading the model (its failure is the
   * request's), or the reason requests fail; null: nothing, it goes at once.
   */
  private waiting(): Promise<unknown> | null {
    return this.stopped ? Promise.reject(this.stopped) : this.loading;
  }

  private async request(message: LandmarkerRequest): Promise<LandmarkerReply> {
    const waiting = this.waiting();
    if (!waiting) return this.send(message);
    await waiting;
    return this.request(message);
  }

  private send(message: LandmarkerRequest, transfer: Transferable[] = []): Promise<LandmarkerReply> {
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.worker.postMessage(message, transfer);
      this.watch.sent(this.limitMs());
    });
  }

  private limitMs(): number {
    return this.warm ? HEARTBEAT.replyMs : HEARTBEAT.warmUpMs;
  }

  private attach(worker: WorkerLike): WorkerLike {
    worker.onmessage = (event) => this.onReply(event.data);
    worker.onerror = (event) => this.fault('crashed', event.message);
    worker.onmessageerror = () => this.fault('crashed', 'a reply could not be read');
    return worker;
  }

  private onReply(reply: LandmarkerReply): void {
    this.answered = true;
    // Said besides the init's own reply, before or after it.
    if (reply.kind === 'describer') {
      this.describerSettled?.(reply.problem);
      return;
    }
    if (reply.kind === 'landmarks' || reply.kind === 'followed') this.warm = true;
    const followed = reply.kind === 'followed' || reply.kind === 'followFailed' || reply.kind === 'alive';
    const entry = followed ? undefined : this.pending.get(reply.id);
    if (entry) this.pending.delete(reply.id);
    // A following worker owes results, or its heartbeat while no frame comes.
    this.watch.heard(this.pending.size > 0 || this.following !== null, this.limitMs());
    if (followed) {
      this.onFollowed(reply);
      return;
    }
    if (!entry) return;
    if (reply.kind === 'error') entry.reject(new Error(reply.message));
    else entry.resolve(reply);
  }

  private onFollowed(reply: Extract<LandmarkerReply, { kind: 'followed' | 'followFailed' | 'alive' }>): void {
    const following = this.following;
    // Said for an earlier follow (replaced or closed since).
    if (!following || reply.id !== following.id) return;
    if (reply.kind === 'followed') {
      const { result, crop, frameTimestampMs, sinceArrivalMs, arrivals } = reply;
      following.listener.onFrame({ result, crop, frameTimestampMs, sinceArrivalMs, arrivals });
    } else if (reply.kind === 'followFailed') following.listener.onProblem(reply.message, reply.arrivals);
  }

  /** The worker crashed or went silent owing a reply: its requests fail and a new one takes over. */
  private fault(fault: WorkerFault, detail: string): void {
    this.watch.stop();
    retire(this.worker);
    const setup = this.setup;
    const outcome = !setup || this.closing ? 'lost' : this.answered ? 'restarted' : 'stopped';
    const error = new Error(WORKER_TEXT.requestFailed('The landmarker worker', fault, detail, outcome));
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
    if (outcome !== 'lost') this.latestFault = { fault, atMs: this.now(), restarted: outcome === 'restarted' };
    if (!setup || outcome !== 'restarted') {
      this.stopped = error;
      return;
    }
    this.restartCount++;
    this.warm = false;
    this.answered = false;
    this.worker = this.attach(this.startWorker());
    const loading = this.send({ kind: 'init', id: this.nextId++, ...setup });
    this.loading = loading;
    if (this.following) {
      this.following.id = 0;
      void this.startFollowing();
    }
    // A failed load stays, for requests to fail with (see waiting).
    loading.then(
      () => {
        if (this.loading === loading) this.loading = null;
      },
      () => undefined,
    );
  }
}
