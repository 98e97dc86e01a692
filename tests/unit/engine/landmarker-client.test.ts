import { describe, expect, it, vi } from 'vitest';
import { HEARTBEAT, LandmarkerClient, extensionAssets, type WorkerLike } from '@/utils/engine/landmarker-client';
import type { LandmarkerReply, LandmarkerRequest } from '@/utils/engine/landmarker-protocol';
import { DEFAULT_LANDMARKER_OPTIONS } from '@/utils/engine/landmarks';
import { manualTimers } from './manual-timers';

type Respond = (request: LandmarkerRequest) => LandmarkerReply | null;

/** A worker stand-in that answers each request with what `respond` returns (null: never). */
class ScriptedWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  onmessageerror: WorkerLike['onmessageerror'] = null;
  readonly received: LandmarkerRequest[] = [];
  terminated = false;
  constructor(private readonly respond: Respond) {}
  postMessage(message: LandmarkerRequest): void {
    this.received.push(message);
    const reply = this.respond(message);
    if (reply) queueMicrotask(() => this.onmessage?.({ data: reply } as MessageEvent<LandmarkerReply>));
  }
  terminate(): void {
    this.terminated = true;
  }
  crash(message: string): void {
    this.onerror?.({ message } as ErrorEvent);
  }
}

const info = {
  delegate: 'CPU' as const,
  delegateReason: null,
  loadMs: 12,
  modelName: 'm',
  modelVersion: '1',
  libraryVersion: 'x',
  descriptorProblem: null,
};
const assets = extensionAssets((path) => `chrome-extension://id${path}`);
const options = { ...DEFAULT_LANDMARKER_OPTIONS, faceDescriptors: 'with-model' } as const;
const frame = () => ({ close: vi.fn() }) as unknown as VideoFrame & { close: ReturnType<typeof vi.fn> };
const crop = { x: 10, y: 20, width: 300, height: 200, outWidth: 150, outHeight: 100 };
/** A reply from the worker, as it arrives. */
const say = (worker: ScriptedWorker | undefined, reply: LandmarkerReply) =>
  worker?.onmessage?.({ data: reply } as MessageEvent<LandmarkerReply>);
/** Lets queued replies arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Answers everything as a healthy worker would. */
const healthy: Respond = (request) => {
  if (request.kind === 'init') return { kind: 'ready', id: request.id, info };
  if (request.kind === 'detect') {
    return { kind: 'landmarks', id: request.id, result: { timestampMs: request.timestampMs, faces: [], detectMs: 3 } };
  }
  return { kind: 'closed', id: request.id };
};
/** Loads the model and answers `frames` frames, then nothing more. */
const hangsAfter = (frames: number): Respond => {
  let answered = 0;
  return (request) => (request.kind === 'detect' && answered++ >= frames ? null : healthy(request));
};

/** A client on manual timers whose workers come from `scripts` in turn (the last one repeats). */
function clientWith(...scripts: Respond[]) {
  const clock = manualTimers();
  const workers: ScriptedWorker[] = [];
  const client = new LandmarkerClient(
    () => {
      const worker = new ScriptedWorker(scripts[Math.min(workers.length, scripts.length - 1)] as Respond);
      workers.push(worker);
      return worker;
    },
    { timers: clock.timers, now: clock.now },
  );
  return { client, workers, clock };
}

describe('LandmarkerClient', () => {
  it('should resolve init with the worker info and load only extension files', async () => {
    const { client } = clientWith(healthy);
    await expect(client.init(assets, DEFAULT_LANDMARKER_OPTIONS)).resolves.toEqual(info);
    expect(Object.values(assets).every((url) => url.startsWith('chrome-extension://id/'))).toBe(true);
  });

  it('should resolve detect with the landmarks the worker sends back for that frame', async () => {
    const { client, workers } = clientWith(healthy);
    await expect(client.detect(frame(), 40)).resolves.toMatchObject({ timestampMs: 40, detectMs: 3 });
    expect(workers[0]?.received).toMatchObject([{ kind: 'detect', timestampMs: 40 }]);
  });

  it('should send the crop, description and upscale with a frame', async () => {
    const { client, workers } = clientWith(healthy);
    await client.detect(frame(), 40, { crop, describe: true, upscale: 2 });
    await client.detect(frame(), 80);
    expect(workers[0]?.received).toMatchObject([
      { kind: 'detect', timestampMs: 40, crop, describe: true, upscale: 2 },
      { kind: 'detect', timestampMs: 80, crop: null, describe: false, upscale: 1 },
    ]);
  });

  it('should resolve init when the landmarks load and give the descriptor’s outcome when it comes', async () => {
    const { client, workers } = clientWith(healthy);
    const loaded = client.init(assets, options);
    await expect(loaded).resolves.toEqual(info);
    const problem = client.describerProblem();
    const id = workers[0]?.received[0]?.id ?? 0;
    workers[0]?.onmessage?.({
      data: { kind: 'describer', id, problem: 'weights damaged' },
    } as MessageEvent<LandmarkerReply>);
    await expect(problem).resolves.toBe('weights damaged');
    // A worker without the descriptor has nothing to wait for.
    await client.init(assets, { ...options, faceDescriptors: false });
    await expect(client.describerProblem()).resolves.toBeNull();
  });

  it('should reject with the worker error message', async () => {
    const { client } = clientWith((request) => ({ kind: 'error', id: request.id, message: 'model missing' }));
    await expect(client.init(assets, DEFAULT_LANDMARKER_OPTIONS)).rejects.toThrow('model missing');
  });

  it('should fail what is pending, without a restart, when the worker crashes before the model loaded', async () => {
    const { client, workers } = clientWith(() => null);
    const pending = client.init(assets, options);
    workers[0]?.crash('out of memory');
    await expect(pending).rejects.toThrow('The landmarker worker crashed (out of memory).');
    expect(workers).toHaveLength(1);
    expect(workers[0]?.terminated).toBe(true);
    expect(client.restarts).toBe(0);
  });

  it('should terminate the worker on close', async () => {
    const { client, workers } = clientWith(healthy);
    await client.close();
    expect(workers[0]?.terminated).toBe(true);
  });

  it('should restart a crashed worker with the init assets and options, failing the frame in flight', async () => {
    const { client, workers, clock } = clientWith(hangsAfter(1), healthy);
    await client.init(assets, options);
    await client.detect(frame(), 0);
    clock.advance(500);
    const inFlight = client.detect(frame(), 33);
    workers[0]?.crash('wasm abort');
    await expect(inFlight).rejects.toThrow(
      'The landmarker worker crashed (wasm abort) and was restarted; this request was dropped.',
    );
    expect(workers[0]?.terminated).toBe(true);
    expect(workers[1]?.received[0]).toEqual({ kind: 'init', id: expect.any(Number), assets, options });
    expect(client.restarts).toBe(1);
    expect(client.lastFault).toEqual({ fault: 'crashed', atMs: 500, restarted: true });
    // The session goes on: the next frame goes to the new worker once it loaded the model.
    await expect(client.detect(frame(), 66)).resolves.toMatchObject({ timestampMs: 66 });
    expect(workers[1]?.received.map((request) => request.kind)).toEqual(['init', 'detect']);
  });

  it('should restart a worker whose reply is HEARTBEAT.replyMs late, not one a little slower', async () => {
    const { client, workers, clock } = clientWith(hangsAfter(1), healthy);
    await client.init(assets, options);
    await client.detect(frame(), 0);
    const inFlight = client.detect(frame(), 33);
    const failed = vi.fn();
    inFlight.catch(failed);
    clock.advance(HEARTBEAT.replyMs - 1);
    await settle();
    expect(failed).not.toHaveBeenCalled();
    expect(workers).toHaveLength(1);
    clock.advance(1);
    await expect(inFlight).rejects.toThrow('The landmarker worker stopped responding and was restarted');
    expect(workers).toHaveLength(2);
    expect(client.lastFault).toEqual({ fault: 'hung', atMs: HEARTBEAT.replyMs, restarted: true });
    await expect(client.detect(frame(), 66)).resolves.toMatchObject({ timestampMs: 66 });
  });

  it('should have the worker follow a track and aim it, handing on what it says of that track only', async () => {
    const { client, workers } = clientWith(healthy);
    await client.init(assets, options);
    const readable = {} as ReadableStream<VideoFrame>;
    const listener = { frames: vi.fn(() => readable), onFrame: vi.fn(), onProblem: vi.fn() };
    client.aim(crop);
    client.follow(listener);
    await settle();
    const followId = workers[0]?.received[1]?.id ?? 0;
    expect(workers[0]?.received.slice(1)).toMatchObject([
      { kind: 'follow', frames: readable },
      { kind: 'aim', crop },
    ]);
    client.aim(null);
    expect(workers[0]?.received.at(-1)).toMatchObject({ kind: 'aim', crop: null });
    const followed = { result: { timestampMs: 5, faces: [], detectMs: 3 }, crop, frameTimestampMs: 5 };
    say(workers[0], { kind: 'followed', id: followId, ...followed, sinceArrivalMs: 30, arrivals: 2 });
    say(workers[0], { kind: 'followed', id: followId + 99, ...followed, sinceArrivalMs: 31, arrivals: 1 });
    say(workers[0], { kind: 'followFailed', id: followId, message: 'bad frame', arrivals: 3 });
    expect(listener.onFrame).toHaveBeenCalledOnce();
    expect(listener.onFrame).toHaveBeenCalledWith({ ...followed, sinceArrivalMs: 30, arrivals: 2 });
    expect(listener.onProblem).toHaveBeenCalledWith('bad frame', 3);
    client.unfollow();
    expect(workers[0]?.received.at(-1)).toMatchObject({ kind: 'unfollow' });
    say(workers[0], { kind: 'followed', id: followId, ...followed, sinceArrivalMs: 32, arrivals: 1 });
    expect(listener.onFrame).toHaveBeenCalledOnce();
  });

  it('should restart a following worker that goes silent, following a new readable with the last aim', async () => {
    const { client, workers, clock } = clientWith(healthy);
    await client.init(assets, options);
    const listener = { frames: vi.fn(() => ({}) as ReadableStream<VideoFrame>), onFrame: vi.fn(), onProblem: vi.fn() };
    client.follow(listener);
    await settle();
    client.aim(crop);
    const followId = workers[0]?.received[1]?.id ?? 0;
    say(workers[0], {
      kind: 'followed',
      id: followId,
      result: { timestampMs: 5, faces: [], detectMs: 3 },
      crop,
      frameTimestampMs: 5,
      sinceArrivalMs: 30,
      arrivals: 1,
    });
    // A still call: no frames, but the worker says it is alive.
    for (let at = 0; at < 3 * HEARTBEAT.replyMs; at += 500) {
      clock.advance(500);
      say(workers[0], { kind: 'alive', id: followId });
    }
    expect(workers).toHaveLength(1);
    clock.advance(HEARTBEAT.replyMs);
    await settle();
    expect(workers).toHaveLength(2);
    expect(listener.frames).toHaveBeenCalledTimes(2);
    expect(workers[1]?.received.map((request) => request.kind)).toEqual(['init', 'follow', 'aim']);
    expect(workers[1]?.received[2]).toMatchObject({ crop });
  });

  it('should give a worker loading the model and running its first frame HEARTBEAT.warmUpMs', async () => {
    const { client, workers, clock } = clientWith(() => null);
    const loading = client.init(assets, options);
    const failed = vi.fn();
    loading.catch(failed);
    clock.advance(HEARTBEAT.warmUpMs - 1);
    await settle();
    expect(failed).not.toHaveBeenCalled();
    clock.advance(1);
    await expect(loading).rejects.toThrow('The landmarker worker stopped responding.');
    expect(workers).toHaveLength(1);
  });

  it('should close a frame that waited for a restarted worker whose model failed to load, and say why', async () => {
    const { client, workers } = clientWith(hangsAfter(0), (request) =>
      request.kind === 'init' ? { kind: 'error', id: request.id, message: 'GPU lost' } : healthy(request),
    );
    await client.init(assets, options);
    const inFlight = client.detect(frame(), 0);
    workers[0]?.crash('');
    await expect(inFlight).rejects.toThrow('crashed and was restarted');
    const waiting = frame();
    await expect(client.detect(waiting, 33)).rejects.toThrow('GPU lost');
    expect(waiting.close).toHaveBeenCalledOnce();
  });

  it('should not restart a worker that faults again before answering, then fail frames at once', async () => {
    const { client, workers } = clientWith(hangsAfter(0), () => null);
    await client.init(assets, options);
    const inFlight = client.detect(frame(), 0);
    workers[0]?.crash('out of memory');
    await expect(inFlight).rejects.toThrow('was restarted');
    const waiting = client.detect(frame(), 33);
    workers[1]?.crash('out of memory');
    await expect(waiting).rejects.toThrow(
      'The landmarker worker crashed (out of memory) again right after its restart, so it was stopped.',
    );
    const later = frame();
    await expect(client.detect(later, 66)).rejects.toThrow('so it was stopped');
    expect(later.close).toHaveBeenCalledOnce();
    expect(workers).toHaveLength(2);
    expect(client.restarts).toBe(1);
    expect(client.lastFault).toMatchObject({ fault: 'crashed', restarted: false });
  });

  it('should stop a worker that does not answer close after HEARTBEAT, without a restart', async () => {
    const { client, workers, clock } = clientWith((request) => (request.kind === 'close' ? null : healthy(request)));
    await client.init(assets, options);
    await client.detect(frame(), 0);
    const closing = client.close();
    clock.advance(HEARTBEAT.replyMs);
    await expect(closing).rejects.toThrow('stopped responding');
    expect(workers[0]?.terminated).toBe(true);
    expect(workers).toHaveLength(1);
  });
});
