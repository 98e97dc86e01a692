/// <reference lib="webworker" />
// Classic worker (see wxt.config.ts): MediaPipe loads its wasm glue with importScripts.
import { Landmarker } from './landmarker';
import type { FrameCrop, LandmarkerReply, LandmarkerRequest } from './landmarker-protocol';
import type { EngineAssets } from './landmarks';
import { transferablesOf } from './landmarker-protocol';
import { NewestFrame, type FrameToAnalyse } from './newest-frame';
import { viewRect } from './crop-view';
import { measureFacePixels } from './face-pixels';
import { FaceDescriber } from './face-describer';
import { messageOf } from '@/utils/common/error-message';

declare const self: DedicatedWorkerGlobalScope;

let landmarker: Landmarker | null = null;
/** The face descriptor as it loads (null once loaded: it could not); describe requests wait for it. */
let describer: Promise<FaceDescriber | null> | null = null;
/** Where the face descriptor loads from, and the init it answers to; null: it was not asked for. */
let describerSource: { assets: EngineAssets; initId: number } | null = null;
let pixelMeasures = true;
/**
 * Requests wait here and run one at a time, so cropping never overlaps a model run; a followed
 * track's newest frame runs whenever none waits.
 */
const waiting: LandmarkerRequest[] = [];
let running = false;

/**
 * How often a following worker with nothing to run says it is alive (a still call, no candidate),
 * ms; one stuck on a frame says nothing, so the page's watchdog replaces it.
 */
const ALIVE_EVERY_MS = 500;

/** The followed track: its reader and its newest frame. */
interface Following {
  id: number;
  reader: ReadableStreamDefaultReader<VideoFrame>;
  newest: NewestFrame<VideoFrame>;
  alive: ReturnType<typeof setInterval>;
}
let following: Following | null = null;

function reply(message: LandmarkerReply, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

/** The crop as a view of the frame where it can be one (see viewRect); null: the frame itself is cropped. */
function viewOf(frame: VideoFrame | ImageBitmap, crop: FrameCrop): VideoFrame | null {
  if (!(frame instanceof VideoFrame) || !frame.visibleRect) return null;
  const rect = viewRect(crop, frame.visibleRect, { width: frame.displayWidth, height: frame.displayHeight });
  if (!rect) return null;
  try {
    return new VideoFrame(frame, { visibleRect: rect });
  } catch {
    return null;
  }
}

/** The frame's region scaled for the model; the frame itself is closed. */
async function cropped(frame: VideoFrame | ImageBitmap, crop: FrameCrop): Promise<ImageBitmap> {
  const resize = { resizeWidth: crop.outWidth, resizeHeight: crop.outHeight, resizeQuality: crop.quality };
  const view = viewOf(frame, crop);
  try {
    if (view) return await createImageBitmap(view, resize);
    return await createImageBitmap(frame, crop.x, crop.y, crop.width, crop.height, resize);
  } finally {
    view?.close();
    frame.close();
  }
}

function unfollow(): void {
  if (!following) return;
  clearInterval(following.alive);
  following.reader.cancel().catch(() => undefined);
  following.newest.drop();
  following = null;
}

function follow(id: number, frames: ReadableStream<VideoFrame>): void {
  unfollow();
  const current: Following = {
    id,
    reader: frames.getReader(),
    newest: new NewestFrame<VideoFrame>(),
    alive: setInterval(() => {
      if (!running) reply({ kind: 'alive', id });
    }, ALIVE_EVERY_MS),
  };
  following = current;
  void (async () => {
    for (;;) {
      const { value, done } = await current.reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || !value) return;
      if (following !== current) {
        value.close();
        return;
      }
      current.newest.arrive(value, performance.now());
      if (!running) void runWaiting();
    }
  })();
}

/** The model's landmarks (and pixel measures) for one crop of a frame, which is closed. */
async function landmarksIn(frame: VideoFrame | ImageBitmap, crop: FrameCrop | null, timestampMs: number) {
  const startMs = performance.now();
  const input = crop ? await cropped(frame, crop) : frame;
  try {
    if (!landmarker) throw new Error('The landmarker is not initialised.');
    const result = landmarker.detect(input, timestampMs);
    if (pixelMeasures) measureFacePixels(input, result);
    return { input, result, startMs };
  } catch (error) {
    input.close();
    throw error;
  }
}

async function analyseFollowed(id: number, { frame, crop, arrivedAtMs, arrivals }: FrameToAnalyse<VideoFrame>) {
  const frameTimestampMs = frame.timestamp / 1000;
  try {
    const { input, result, startMs } = await landmarksIn(frame, crop, frameTimestampMs);
    input.close();
    const doneMs = performance.now();
    result.workMs = doneMs - startMs;
    const sinceArrivalMs = doneMs - arrivedAtMs;
    reply({ kind: 'followed', id, result, crop, frameTimestampMs, sinceArrivalMs, arrivals }, transferablesOf(result));
  } catch (error) {
    reply({ kind: 'followFailed', id, message: messageOf(error), arrivals });
  }
}

/** The face descriptor, loading it the first time (the worker reports once it has loaded or failed). */
function loadedDescriber(): Promise<FaceDescriber | null> | null {
  if (describer || !describerSource) return describer;
  const { assets, initId } = describerSource;
  describer = FaceDescriber.create(assets).then(
    (loaded) => {
      reply({ kind: 'describer', id: initId, problem: null });
      return loaded;
    },
    (error: unknown) => {
      reply({ kind: 'describer', id: initId, problem: messageOf(error) });
      return null;
    },
  );
  return describer;
}

function closeDescriber(): void {
  void describer?.then((loaded) => loaded?.close());
  describer = null;
  describerSource = null;
}

async function handle(request: LandmarkerRequest): Promise<void> {
  switch (request.kind) {
    case 'init': {
      landmarker?.close();
      closeDescriber();
      describerSource = request.options.faceDescriptors ? { assets: request.assets, initId: request.id } : null;
      // Started first, it loads while the model's file downloads; the landmarks do not wait for it.
      if (request.options.faceDescriptors === 'with-model') void loadedDescriber();
      landmarker = await Landmarker.create(request.assets, request.options);
      pixelMeasures = request.options.pixelMeasures;
      reply({ kind: 'ready', id: request.id, info: landmarker.info });
      return;
    }
    case 'detect': {
      const { input, result, startMs } = await landmarksIn(request.frame, request.crop, request.timestampMs);
      try {
        const describing = request.describe ? await loadedDescriber() : null;
        // A failed description loses the descriptor, not the frame's landmarks.
        if (describing) await describing.describe(input, result, request.upscale).catch(() => undefined);
        result.workMs = performance.now() - startMs;
        reply({ kind: 'landmarks', id: request.id, result }, transferablesOf(result));
      } finally {
        input.close();
      }
      return;
    }
    case 'follow':
      follow(request.id, request.frames);
      return;
    case 'aim':
      following?.newest.aim(request.crop);
      return;
    case 'unfollow':
      unfollow();
      return;
    case 'close': {
      unfollow();
      landmarker?.close();
      landmarker = null;
      closeDescriber();
      reply({ kind: 'closed', id: request.id });
      return;
    }
  }
}

async function runWaiting(): Promise<void> {
  running = true;
  for (;;) {
    const request = waiting.shift();
    if (request) {
      const { id } = request;
      await handle(request).catch((error: unknown) => reply({ kind: 'error', id, message: messageOf(error) }));
      continue;
    }
    const current = following;
    const next = landmarker ? current?.newest.take() : null;
    if (!current || !next) break;
    await analyseFollowed(current.id, next);
  }
  running = false;
}

self.onmessage = (event: MessageEvent<LandmarkerRequest>) => {
  waiting.push(event.data);
  if (!running) void runWaiting();
};
