import { describe, expect, it } from 'vitest';
import { LandmarkerClient, extensionAssets, type WorkerLike } from '@/utils/engine/landmarker-client';
import type { LandmarkerReply, LandmarkerRequest } from '@/utils/engine/landmarker-protocol';
import { DEFAULT_LANDMARKER_OPTIONS } from '@/utils/engine/landmarks';

/** A worker stand-in that answers each request with what `respond` returns. */
class ScriptedWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  readonly received: LandmarkerRequest[] = [];
  terminated = false;
  constructor(private readonly respond: (request: LandmarkerRequest) => LandmarkerReply | null) {}
  postMessage(message: LandmarkerRequest): void {
    this.received.push(message);
    const reply = this.respond(message);
    if (reply) queueMicrotask(() => this.onmessage?.({ data: reply } as MessageEvent<LandmarkerReply>));
  }
  terminate(): void {
    this.terminated = true;
  }
}

const info = {
  delegate: 'CPU' as const,
  loadMs: 12,
  modelName: 'm',
  modelVersion: '1',
  libraryVersion: 'x',
  descriptorProblem: null,
};
const assets = extensionAssets((path) => `chrome-extension://id${path}`);
const fakeFrame = { close: () => undefined } as unknown as VideoFrame;

describe('LandmarkerClient', () => {
  it('should resolve init with the worker info and load only extension files', async () => {
    const worker = new ScriptedWorker((request) => ({ kind: 'ready', id: request.id, info }));
    const client = new LandmarkerClient(worker);
    await expect(client.init(assets, DEFAULT_LANDMARKER_OPTIONS)).resolves.toEqual(info);
    expect(Object.values(assets).every((url) => url.startsWith('chrome-extension://id/'))).toBe(true);
  });

  it('should resolve detect with the landmarks the worker sends back for that frame', async () => {
    const worker = new ScriptedWorker((request) =>
      request.kind === 'detect'
        ? { kind: 'landmarks', id: request.id, result: { timestampMs: request.timestampMs, faces: [], detectMs: 3 } }
        : null,
    );
    const client = new LandmarkerClient(worker);
    await expect(client.detect(fakeFrame, 40)).resolves.toMatchObject({ timestampMs: 40, detectMs: 3 });
    expect(worker.received).toMatchObject([{ kind: 'detect', timestampMs: 40 }]);
  });

  it('should reject with the worker error message', async () => {
    const worker = new ScriptedWorker((request) => ({ kind: 'error', id: request.id, message: 'model missing' }));
    const client = new LandmarkerClient(worker);
    await expect(client.init(assets, DEFAULT_LANDMARKER_OPTIONS)).rejects.toThrow('model missing');
  });

  it('should reject everything pending when the worker crashes', async () => {
    const worker = new ScriptedWorker(() => null);
    const client = new LandmarkerClient(worker);
    const pending = client.detect(fakeFrame, 0);
    worker.onerror?.({ message: 'out of memory' } as ErrorEvent);
    await expect(pending).rejects.toThrow('Landmarker worker failed: out of memory');
  });

  it('should terminate the worker on close', async () => {
    const worker = new ScriptedWorker((request) => ({ kind: 'closed', id: request.id }));
    await new LandmarkerClient(worker).close();
    expect(worker.terminated).toBe(true);
  });
});
