/// <reference lib="webworker" />
// Classic worker (see wxt.config.ts): MediaPipe loads its wasm glue with importScripts.
import { Landmarker } from './landmarker';
import type { FrameCrop, LandmarkerReply, LandmarkerRequest } from './landmarker-protocol';
import { enqueue, transferablesOf } from './landmarker-protocol';
import { measureFacePixels } from './face-pixels';
import { FaceDescriber } from './face-describer';

declare const self: DedicatedWorkerGlobalScope;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let landmarker: Landmarker | null = null;
/** The face descriptor as it loads (null once loaded: it could not); describe requests wait for it. */
let describer: Promise<FaceDescriber | null> | null = null;
let pixelMeasures = true;
/**
 * Requests wait here and run one at a time, so the next frame is already at hand when the model
 * finishes one (the page keeps a few in flight) and cropping never overlaps a model run.
 */
let waiting: LandmarkerRequest[] = [];
let running = false;

function reply(message: LandmarkerReply, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

/** The frame's region scaled for the model; the frame itself is closed. */
async function cropped(frame: VideoFrame | ImageBitmap, crop: FrameCrop): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(frame, crop.x, crop.y, crop.width, crop.height, {
      resizeWidth: crop.outWidth,
      resizeHeight: crop.outHeight,
      resizeQuality: crop.quality,
    });
  } finally {
    frame.close();
  }
}

async function handle(request: LandmarkerRequest): Promise<void> {
  switch (request.kind) {
    case 'init': {
      landmarker?.close();
      void describer?.then((loaded) => loaded?.close());
      // Face identity is optional and not needed to find the candidate: the worker says ready once
      // the landmarks work (about half a second sooner) and reports on the descriptor when it has loaded.
      const { id } = request;
      describer = request.options.faceDescriptors
        ? FaceDescriber.create(request.assets).then(
            (loaded) => {
              reply({ kind: 'describer', id, problem: null });
              return loaded;
            },
            (error: unknown) => {
              reply({ kind: 'describer', id, problem: messageOf(error) });
              return null;
            },
          )
        : null;
      landmarker = await Landmarker.create(request.assets, request.options);
      pixelMeasures = request.options.pixelMeasures;
      reply({ kind: 'ready', id, info: landmarker.info });
      return;
    }
    case 'detect': {
      const startMs = performance.now();
      const frame = request.crop ? await cropped(request.frame, request.crop) : request.frame;
      try {
        if (!landmarker) throw new Error('The landmarker is not initialised.');
        const result = landmarker.detect(frame, request.timestampMs);
        if (pixelMeasures) measureFacePixels(frame, result);
        const describing = request.describe ? await describer : null;
        // A failed description loses the descriptor, not the frame's landmarks.
        if (describing) await describing.describe(frame, result, request.upscale).catch(() => undefined);
        result.workMs = performance.now() - startMs;
        reply({ kind: 'landmarks', id: request.id, result }, transferablesOf(result));
      } finally {
        frame.close();
      }
      return;
    }
    case 'close': {
      landmarker?.close();
      landmarker = null;
      void describer?.then((loaded) => loaded?.close());
      describer = null;
      reply({ kind: 'closed', id: request.id });
      return;
    }
  }
}

async function runWaiting(): Promise<void> {
  running = true;
  for (let request = waiting.shift(); request; request = waiting.shift()) {
    const { id } = request;
    await handle(request).catch((error: unknown) => reply({ kind: 'error', id, message: messageOf(error) }));
  }
  running = false;
}

self.onmessage = (event: MessageEvent<LandmarkerRequest>) => {
  const queued = enqueue(waiting, event.data);
  waiting = queued.waiting;
  for (const request of queued.skipped) {
    if (request.kind === 'detect') request.frame.close();
    reply({ kind: 'skipped', id: request.id });
  }
  if (!running) void runWaiting();
};
