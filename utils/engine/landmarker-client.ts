import type { LandmarkerReply, LandmarkerRequest } from './landmarker-protocol';
import LandmarkerWorker from './landmarker.worker.ts?worker';
import type { FrameLandmarks } from '@/utils/features/landmarks';
import type { EngineAssets, LandmarkerInfo, LandmarkerOptions } from './landmarks';

type Pending = { resolve: (reply: LandmarkerReply) => void; reject: (error: Error) => void };

/** The worker messages this client needs, so tests can pass a fake. */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((event: MessageEvent<LandmarkerReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
};

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

/**
 * Page-side handle on the landmarker worker: init / detect / close, each a promise.
 * Live callers keep one detect in flight and drop frames meanwhile (FrameGate).
 */
export class LandmarkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: WorkerLike = startLandmarkerWorker()) {
    worker.onmessage = (event) => {
      const entry = this.pending.get(event.data.id);
      if (!entry) return;
      this.pending.delete(event.data.id);
      if (event.data.kind === 'error') entry.reject(new Error(event.data.message));
      else entry.resolve(event.data);
    };
    worker.onerror = (event) => {
      const error = new Error(`Landmarker worker failed: ${event.message || 'unknown error'}`);
      for (const entry of this.pending.values()) entry.reject(error);
      this.pending.clear();
    };
  }

  private request(message: LandmarkerRequest, transfer: Transferable[] = []): Promise<LandmarkerReply> {
    return new Promise((resolve, reject) => {
      this.pending.set(message.id, { resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  async init(assets: EngineAssets, options: LandmarkerOptions): Promise<LandmarkerInfo> {
    const reply = await this.request({ kind: 'init', id: this.nextId++, assets, options });
    if (reply.kind !== 'ready') throw new Error(`Unexpected reply to init: ${reply.kind}`);
    return reply.info;
  }

  /**
   * Sends a frame to the worker, which owns and closes it (ms timestamps). With `describe`, each
   * face large enough also gets its identity descriptor (a worker started with faceDescriptors);
   * `upscale` says how much the frame was enlarged from the call's own pixels.
   */
  async detect(
    frame: VideoFrame | ImageBitmap,
    timestampMs: number,
    describe = false,
    upscale = 1,
  ): Promise<FrameLandmarks> {
    const request = { kind: 'detect', id: this.nextId++, frame, timestampMs, describe, upscale } as const;
    const reply = await this.request(request, [frame]);
    if (reply.kind !== 'landmarks') throw new Error(`Unexpected reply to detect: ${reply.kind}`);
    return reply.result;
  }

  /** Frees the model and stops the worker. */
  async close(): Promise<void> {
    try {
      await this.request({ kind: 'close', id: this.nextId++ });
    } finally {
      this.worker.terminate();
    }
  }
}
