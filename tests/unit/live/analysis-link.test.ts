import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT } from '@/utils/engine/landmarker-client';
import type { IdentityProfile } from '@/utils/features/descriptor';
import type { FrameRecord } from '@/utils/features/frame-record';
import type { Finding } from '@/utils/findings/finding';
import { AnalysisLink, type AnalysisWorkerLike, type EstimateReply } from '@/utils/live/analysis-link';
import type { AnalysisReply, AnalysisRequest, LiveIdentity } from '@/utils/live/live-analysis-protocol';
import { LIVE } from '@/utils/live/pacing';
import { manualTimers } from '../engine/manual-timers';

/** A worker that keeps what it was sent and answers when told. */
function fakeWorker() {
  const sent: AnalysisRequest[] = [];
  const worker: AnalysisWorkerLike & {
    sent: AnalysisRequest[];
    reply: (reply: AnalysisReply) => void;
    crash: () => void;
    terminated: boolean;
  } = {
    sent,
    terminated: false,
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage: (request: AnalysisRequest) => void sent.push(request),
    terminate: () => void (worker.terminated = true),
    reply: (reply) => worker.onmessage?.({ data: reply } as MessageEvent<AnalysisReply>),
    crash: () => worker.onerror?.({ message: 'boom' } as ErrorEvent),
  };
  return worker;
}

/** A link whose estimates nobody reads, on the wall clock, for a session started at `sessionStartMs`. */
const quietLink = (worker: ReturnType<typeof fakeWorker>, sessionStartMs = 0) =>
  new AnalysisLink(
    () => worker,
    sessionStartMs,
    () => undefined,
    () => Date.now(),
  );

/** A link on manual timers whose workers are fakes, newest last, and the estimates it passed on. */
function restartingLink(sessionStartMs = 0) {
  const clock = manualTimers();
  const workers: ReturnType<typeof fakeWorker>[] = [];
  const estimates: EstimateReply[] = [];
  const link = new AnalysisLink(
    () => {
      const worker = fakeWorker();
      workers.push(worker);
      return worker;
    },
    sessionStartMs,
    (reply) => estimates.push(reply),
    clock.now,
    clock.timers,
  );
  const newest = () => workers.at(-1) as ReturnType<typeof fakeWorker>;
  return { link, workers, newest, estimates, clock };
}

const estimate = (findings: Finding[] = [], identity: LiveIdentity = { profile: null, described: 0 }) =>
  ({ kind: 'estimate', estimate: null as never, findings, faceChecks: null, identity }) satisfies EstimateReply;
const finding = (kind: Finding['kind'], startS: number, endS: number): Finding => ({
  kind,
  severity: 'warn',
  startS,
  endS,
  message: kind,
  evidence: {},
});
const profile = (value: number, count: number): IdentityProfile => ({
  descriptor: new Float32Array(128).fill(value),
  count,
  spread: 0.1,
});
/** A frame whose candidate's face was described, frontal and alone (a read for the profile). */
const describedRecord = (timeMs: number): FrameRecord => ({
  timeMs,
  mouthOpen: 0.1,
  jawOpen: 0.2,
  mouthMeasures: null,
  face: {
    timeMs,
    faceCount: 1,
    face: { pose: { yawDeg: 0, pitchDeg: 0, rollDeg: 0 }, descriptor: new Float32Array(128) } as never,
    thumb: null,
    otherDescriptors: [new Float32Array(128)],
    idPhotoDescriptors: [],
  },
});

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
    new AnalysisLink(
      () => worker,
      0,
      onEstimate,
      () => Date.now(),
    );
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

  it('should give a restarted worker the newest 31 s of frames and audio, then the answers owed', async () => {
    const { link, workers, newest, clock } = restartingLink(500);
    for (let second = 0; second < 40; second++) {
      clock.advance(1000);
      link.pushFrame({ ...describedRecord(clock.now()), face: { ...describedRecord(clock.now()).face, face: null } });
      link.pushAudio({ startMs: clock.now() - 1000, sampleRate: 1000, samples: new Float32Array(1000) });
      link.update(clock.now());
      newest().reply(estimate());
    }
    const check = link.verify('blink', clock.now() - 5000, clock.now() - LIVE.verifySettleMs);
    clock.advance(0);
    newest().crash();
    expect(workers).toHaveLength(2);
    expect(workers[0]?.terminated).toBe(true);
    const [start, batch, verify] = newest().sent;
    expect(start).toEqual({ kind: 'start', sessionStartMs: 500 });
    const replayed = batch?.kind === 'batch' ? batch : null;
    // 31 s back from 40 s: frames from 9 s on, and the sound chunk that ends at 9 s.
    expect(replayed?.frames.map((record) => record.timeMs / 1000)).toEqual(Array.from({ length: 32 }, (_, i) => 9 + i));
    expect(replayed?.audio.map((chunk) => chunk.startMs / 1000)).toEqual(Array.from({ length: 32 }, (_, i) => 8 + i));
    expect(verify).toMatchObject({ kind: 'verify', verifier: 'blink' });
    const passed = { outcome: 'passed' as const, summary: 'ok', evidence: {} };
    const id = verify?.kind === 'verify' ? verify.id : -1;
    newest().reply({ kind: 'verification', id, verification: passed, computeMs: 3 });
    await expect(check).resolves.toEqual({ verification: passed, computeMs: 3 });
    expect(link.restarts).toBe(1);
    expect(link.lastFault).toEqual({ fault: 'crashed', atMs: 40_000, restarted: true });
  });

  it('should restart a worker that owes an estimate for HEARTBEAT.replyMs, and not one a little slower', () => {
    const { link, workers, newest, clock } = restartingLink();
    link.update(0);
    newest().reply(estimate());
    link.update(1000);
    clock.advance(HEARTBEAT.replyMs - 1);
    newest().reply(estimate());
    link.update(2000);
    clock.advance(HEARTBEAT.replyMs - 1);
    expect(workers).toHaveLength(1);
    clock.advance(1);
    expect(workers).toHaveLength(2);
    expect(link.lastFault).toEqual({ fault: 'hung', atMs: 2 * HEARTBEAT.replyMs - 1, restarted: true });
  });

  it("should join the replaced worker's findings and candidate profile with the new worker's", () => {
    const { link, newest, estimates, clock } = restartingLink();
    clock.advance(60_000);
    link.pushFrame(describedRecord(55_000));
    link.pushFrame(describedRecord(57_000));
    link.update(60_000);
    const before = profile(0.1, 40);
    newest().reply(estimate([finding('av-offset', 2, 12)], { profile: before, described: 40 }));
    newest().crash();
    // The new worker read the two replayed faces again and three new ones.
    newest().reply(
      estimate([finding('av-offset', 10, 14), finding('freeze', 50, 52)], {
        profile: profile(0.1, 5),
        described: 5,
      }),
    );
    const joined = estimates.at(-1);
    expect(joined?.findings.map(({ kind, startS, endS }) => [kind, startS, endS])).toEqual([
      ['av-offset', 2, 14],
      ['freeze', 50, 52],
    ]);
    expect(joined?.identity.described).toBe(43);
    expect(joined?.identity.profile?.count).toBe(45);
    // Before the new worker has a profile of its own, the earlier one stands.
    newest().crash();
    newest().reply(estimate([], { profile: null, described: 2 }));
    expect(estimates.at(-1)?.identity).toEqual({ profile: joined?.identity.profile, described: 43 });
    expect(estimates.at(-1)?.findings).toHaveLength(2);
  });

  it('should carry no profile over a restart once the candidate changed', () => {
    const { link, newest, estimates } = restartingLink();
    link.update(0);
    newest().reply(estimate([], { profile: profile(0.1, 40), described: 40 }));
    link.pushFrame(describedRecord(100));
    link.forgetFace();
    link.pushFrame(describedRecord(200));
    link.flush();
    newest().crash();
    const replayed = newest().sent[1];
    expect(replayed?.kind === 'batch' && replayed.frames.map((record) => record.timeMs)).toEqual([200]);
    newest().reply(estimate([], { profile: null, described: 1 }));
    expect(estimates.at(-1)?.identity).toEqual({ profile: null, described: 1 });
  });

  it('should keep no face descriptors for a new worker once identity was switched off', () => {
    const { link, newest } = restartingLink();
    link.pushFrame(describedRecord(100));
    link.forgetIdentity();
    newest().crash();
    const replayed = newest().sent[1];
    const sample = replayed?.kind === 'batch' ? replayed.frames[0]?.face : undefined;
    expect(sample?.face?.descriptor).toBeNull();
    expect(sample?.otherDescriptors).toEqual([]);
  });

  it('should stop, answering null, when a new worker faults before it answered anything', async () => {
    const { link, workers, newest, clock } = restartingLink();
    const check = link.verify('read-phrase', 0, 0);
    clock.advance(0);
    newest().crash();
    newest().crash();
    await expect(check).resolves.toBeNull();
    expect(workers).toHaveLength(2);
    expect(workers[1]?.terminated).toBe(true);
    expect(link.restarts).toBe(1);
    expect(link.lastFault).toMatchObject({ fault: 'crashed', restarted: false });
    link.update(1000);
    expect(workers[1]?.sent.some((request) => request.kind === 'update')).toBe(false);
  });
});
