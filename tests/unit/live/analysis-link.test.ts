import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnalysisLink, type AnalysisWorkerLike } from '@/utils/live/analysis-link';
import type { AnalysisReply, AnalysisRequest } from '@/utils/live/live-analysis-protocol';
import { LIVE } from '@/utils/live/pacing';

/** A worker that keeps what it was sent and answers when told. */
function fakeWorker() {
  const sent: AnalysisRequest[] = [];
  const worker: AnalysisWorkerLike & {
    sent: AnalysisRequest[];
    reply: (reply: AnalysisReply) => void;
    terminated: boolean;
  } = {
    sent,
    terminated: false,
    onmessage: null,
    postMessage: (request: AnalysisRequest) => void sent.push(request),
    terminate: () => void (worker.terminated = true),
    reply: (reply) => worker.onmessage?.({ data: reply } as MessageEvent<AnalysisReply>),
  };
  return worker;
}

/** A link whose estimates nobody reads, on the wall clock, for a session started at `sessionStartMs`. */
const quietLink = (worker: ReturnType<typeof fakeWorker>, sessionStartMs = 0) =>
  new AnalysisLink(
    worker,
    sessionStartMs,
    () => undefined,
    () => Date.now(),
  );

const passed = { outcome: 'passed' as const, summary: 'ok', evidence: {} };
const record = (timeMs: number) => ({
  timeMs,
  mouthOpen: 0.1,
  jawOpen: 0.2,
  mouthMeasures: null,
  face: { timeMs, faceCount: 1, face: null, thumb: null, otherDescriptors: [] },
});

describe('AnalysisLink', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should start the worker on the session start and send frames and audio as one batch', () => {
    const worker = fakeWorker();
    const link = quietLink(worker, 1000);
    link.flush();
    link.pushFrame(record(10));
    link.pushFrame(record(50));
    link.pushAudio({ startMs: 0, sampleRate: 48_000, samples: new Float32Array(480) });
    link.update(60);
    expect(worker.sent.map((request) => request.kind)).toEqual(['start', 'batch', 'update']);
    const batch = worker.sent[1];
    expect(batch?.kind === 'batch' && batch.frames.length).toBe(2);
  });

  it('should send the frames so far before telling the worker to forget the face or the identity', () => {
    const worker = fakeWorker();
    const link = quietLink(worker);
    link.pushFrame(record(10));
    link.forgetIdentity();
    link.pushFrame(record(20));
    link.forgetFace();
    expect(worker.sent.map((request) => request.kind)).toEqual([
      'start',
      'batch',
      'forget-identity',
      'batch',
      'forget-face',
    ]);
  });

  it('should pass estimates on to its listener', () => {
    const worker = fakeWorker();
    const onEstimate = vi.fn();
    new AnalysisLink(worker, 0, onEstimate, () => Date.now());
    worker.reply({
      kind: 'estimate',
      estimate: null as never,
      findings: [],
      faceChecks: null,
      identity: { profile: null, described: 0 },
    });
    expect(onEstimate).toHaveBeenCalledOnce();
  });

  it('should check an answer only LIVE.verifySettleMs after it closed, then resolve with the reply', async () => {
    const worker = fakeWorker();
    const link = quietLink(worker);
    const toMs = Date.now();
    const check = link.verify('blink', toMs - 5000, toMs);
    vi.advanceTimersByTime(LIVE.verifySettleMs - 1);
    expect(worker.sent.some((request) => request.kind === 'verify')).toBe(false);
    vi.advanceTimersByTime(1);
    const request = worker.sent.at(-1);
    expect(request).toMatchObject({ kind: 'verify', verifier: 'blink', fromMs: toMs - 5000, toMs });
    worker.reply({
      kind: 'verification',
      id: request?.kind === 'verify' ? request.id : -1,
      verification: passed,
      computeMs: 12,
    });
    await expect(check).resolves.toEqual({ verification: passed, computeMs: 12 });
  });

  it('should check a read phrase at once, with the frames and audio so far', async () => {
    const worker = fakeWorker();
    const link = quietLink(worker);
    link.pushFrame(record(10));
    const toMs = Date.now();
    void link.verify('read-phrase', toMs - 3000, toMs);
    vi.advanceTimersByTime(0);
    expect(worker.sent.map((request) => request.kind)).toEqual(['start', 'batch', 'verify']);
    expect(worker.sent.at(-1)).toMatchObject({ verifier: 'read-phrase', fromMs: toMs - 3000, toMs });
  });

  it('should resolve answers with null when it stops, whether sent or still waiting', async () => {
    const worker = fakeWorker();
    const link = quietLink(worker);
    const sent = link.verify('blink', 0, Date.now() - LIVE.verifySettleMs);
    vi.advanceTimersByTime(0);
    const waiting = link.verify('head-turn', 0, Date.now() + 10_000);
    link.stop();
    await expect(sent).resolves.toBeNull();
    await expect(waiting).resolves.toBeNull();
    expect(worker.terminated).toBe(true);
    vi.advanceTimersByTime(20_000);
    expect(worker.sent.filter((request) => request.kind === 'verify')).toHaveLength(1);
    await expect(link.verify('blink', 0, 0)).resolves.toBeNull();
  });
});
