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
const options = { ...DEFAULT_LANDMARKER_OPTIONS, faceDescriptors: true };
const frame = () => ({ close: vi.fn() }) as unknown as VideoFrame & { close: ReturnType<typeof vi.fn> };
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

  it('should give null for a newest-only frame the worker skipped, and send the crop with the frame', async () => {
    const { client, workers } = clientWith((request) =>
      request.kind === 'detect' && request.timestampMs === 40 ? { kind: 'skipped', id: request.id } : healthy(request),
    );
    const crop = { x: 10, y: 20, width: 300, height: 200, outWidth: 150, outHeight: 100 };
    await expect(client.detectNewest(frame(), 40, { crop })).resolves.toBeNull();
    await expect(client.detectNewest(frame(), 80)).resolves.toMatchObject({ timestampMs: 80 });
    expect(workers[0]?.received).toMatchObject([
      { kind: 'detect', timestampMs: 40, newest: true, crop },
      { kind: 'detect', timestampMs: 80, newest: true, crop: null },
    ]);
    await expect(client.detect(frame(), 120)).resolves.toMatchObject({ timestampMs: 120 });
    expect(workers[0]?.received[2]).toMatchObject({ newest: false, describe: false, upscale: 1 });
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

  it('should restart a tracker stuck on one frame even while it keeps skipping the newer ones', async () => {
    // Answers the first frame, then stays stuck on the second and skips every frame after it.
    let frames = 0;
    const { client, workers, clock } = clientWith((request) => {
      if (request.kind !== 'detect') return healthy(request);
      frames++;
      if (frames === 1) return healthy(request);
      return frames === 2 ? null : { kind: 'skipped', id: request.id };
    }, healthy);
    await client.init(assets, options);
    await client.detectNewest(frame(), 0);
    const stuck = client.detectNewest(frame(), 40);
    stuck.catch(() => undefined);
    for (let at = 80; at < 80 + HEARTBEAT.replyMs; at += 40) {
      clock.advance(40);
      await expect(client.detectNewest(frame(), at)).resolves.toBeNull();
    }
    clock.advance(40);
    await expect(stuck).rejects.toThrow('stopped responding and was restarted');
    expect(workers).toHaveLength(2);
  });

  it('should close a live frame at once instead of holding it while a new worker loads', async () => {
    const { client, workers } = clientWith(hangsAfter(0), (request) =>
      request.kind === 'init' ? null : healthy(request),
    );
    await client.init(assets, options);
    const inFlight = client.detectNewest(frame(), 0);
    workers[0]?.crash('');
    await expect(inFlight).rejects.toThrow('was restarted');
    const waiting = frame();
    const sent = client.detectNewest(waiting, 33);
    expect(waiting.close).toHaveBeenCalledOnce();
    workers[1]?.onmessage?.({
      data: { kind: 'ready', id: workers[1].received[0]?.id ?? 0, info },
    } as MessageEvent<LandmarkerReply>);
    await expect(sent).resolves.toBeNull();
    expect(workers[1]?.received.map((request) => request.kind)).toEqual(['init']);
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
