/**
 * The live pipeline's side of the analysis worker (lip sync, face checks, checklist answers):
 * frame records and audio go in batches, estimates come back, and answers are checked once the
 * frames of their last moments have been analysed. Timers and clock come in, so tests use fakes.
 *
 * A worker that crashes or owes a reply past HEARTBEAT is replaced, and the new one is given what
 * the old one had: the newest REPLAY_MS of frames and audio (the longest window any analysis
 * reads), then the answers still owed. The session's findings from before (older windows are not
 * replayed) and the candidate's profile (built over minutes) are joined with the new worker's in
 * every estimate. One that faults again before answering anything is not replaced again.
 */
import { candidateDescriptors } from '@/utils/analyzers/face/likeness';
import { FACE_CHECKS_TRACK, LIP_SYNC_TRACK } from '@/utils/analyzers/windows';
import type { CheckedVerifier } from '@/utils/checklist/prompts';
import type { Verification } from '@/utils/checklist/verify';
import {
  HEARTBEAT,
  WorkerWatch,
  globalTimers,
  retire,
  type Timers,
  type WorkerFaultRecord,
  type WorkerRestarts,
} from '@/utils/engine/landmarker-client';
import { mergeProfiles } from '@/utils/features/descriptor';
import type { FrameRecord } from '@/utils/features/frame-record';
import type { Finding } from '@/utils/findings/finding';
import { mergeFindings } from '@/utils/findings/merge';
import type { WorkerFault } from '@/utils/wording/worker-restart';
import type { AnalysisReply, AnalysisRequest, AudioChunk, LiveIdentity } from './live-analysis-protocol';
import { LIVE } from './pacing';

export type { Timers };

/** What the signals said about one checklist answer, and how long the worker took to say it. */
export interface AnswerCheck {
  verification: Verification;
  computeMs: number;
}

export type EstimateReply = Extract<AnalysisReply, { kind: 'estimate' }>;
type VerifyRequest = Extract<AnalysisRequest, { kind: 'verify' }>;

/** The analysis worker messages this link uses. */
export type AnalysisWorkerLike = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((event: MessageEvent<AnalysisReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
};

/** Signals a new worker is given, ms: the longest analysis window and the lip-sync rings' second of context. */
const REPLAY_MS = Math.max(LIP_SYNC_TRACK.windowMs, FACE_CHECKS_TRACK.windowMs) + 1000;

/**
 * How long after an answer's window closed it is checked, ms: once the frames of its last moments
 * have left the tracker (LIVE.verifySettleMs). A read phrase is checked at once: lip sync only
 * pairs moments where both the mouth and the sound arrived, so frames still in the tracker leave
 * out the last tenths of a second and nothing else, and while the candidate reads, the reading is
 * checked every second (utils/live/checklist-controller.ts), where waiting would delay each answer.
 */
function settleMsOf(verifier: CheckedVerifier): number {
  return verifier === 'read-phrase' ? 0 : LIVE.verifySettleMs;
}

/** Face descriptors taken out of a record (face identity was switched off). */
function withoutDescriptors(record: FrameRecord): FrameRecord {
  const sample = record.face;
  return {
    ...record,
    face: {
      ...sample,
      face: sample.face && { ...sample.face, descriptor: null },
      otherDescriptors: [],
      idPhotoDescriptors: [],
    },
  };
}

export class AnalysisLink implements WorkerRestarts {
  private worker: AnalysisWorkerLike;
  private readonly watch: WorkerWatch;
  private frames: FrameRecord[] = [];
  private audio: AudioChunk[] = [];
  /** What was sent over the newest REPLAY_MS, for a new worker. */
  private kept: { frames: FrameRecord[]; audio: AudioChunk[] } = { frames: [], audio: [] };
  private nextId = 1;
  /** Estimates asked for and not back yet (one per update). */
  private owedEstimates = 0;
  /** Answers sent to the worker, by request id, with the request (sent again to a new worker). */
  private readonly sent = new Map<number, { request: VerifyRequest; resolve: (check: AnswerCheck | null) => void }>();
  /** Answers waiting for their last frames, resolved with null if the link stops first. */
  private readonly waiting = new Map<ReturnType<typeof setTimeout>, (check: AnswerCheck | null) => void>();
  private running = true;
  /** Whether the worker answered since it started; the first one gets the benefit of the doubt. */
  private answered = true;
  /** Whether the worker sent an estimate since it started (until then, HEARTBEAT.warmUpMs). */
  private warm = false;
  /**
   * What the latest estimate passed on had found; `identity` null once the candidate changed or
   * identity was switched off since (nothing to carry: the worker starts the profile again too).
   */
  private latest: { findings: Finding[]; identity: LiveIdentity | null } | null = null;
  /**
   * The faulted workers' findings and profile, joined with the new worker's; `replayedReads`: the
   * candidate's descriptors in the replay, which the new worker counts again.
   */
  private carried: { findings: Finding[]; identity: LiveIdentity | null; replayedReads: number } | null = null;
  private restartCount = 0;
  private latestFault: WorkerFaultRecord | null = null;

  constructor(
    private readonly startWorker: () => AnalysisWorkerLike,
    private readonly sessionStartMs: number,
    private readonly onEstimate: (reply: EstimateReply) => void,
    private readonly now: () => number,
    private readonly timers: Timers = globalTimers,
  ) {
    this.watch = new WorkerWatch(timers, () => this.fault('hung'));
    this.worker = this.attach(startWorker());
    this.post({ kind: 'start', sessionStartMs });
  }

  /** Workers started in place of a faulted one. */
  get restarts(): number {
    return this.restartCount;
  }

  get lastFault(): WorkerFaultRecord | null {
    return this.latestFault;
  }

  pushFrame(record: FrameRecord): void {
    this.frames.push(record);
  }

  pushAudio(chunk: AudioChunk): void {
    this.audio.push(chunk);
  }

  /** Sends the frame records and audio gathered since the last batch. */
  flush(): void {
    if (this.frames.length === 0 && this.audio.length === 0) return;
    this.post({ kind: 'batch', frames: this.frames, audio: this.audio });
    this.keep(this.frames, this.audio);
    this.frames = [];
    this.audio = [];
  }

  /** Asks for the estimates over the newest window ending at `nowMs` (pipeline clock). */
  update(nowMs: number): void {
    this.flush();
    if (this.post({ kind: 'update', nowMs })) this.owedEstimates++;
  }

  /** Another person became the candidate: the worker forgets the face history so far. */
  forgetFace(): void {
    this.flush();
    this.post({ kind: 'forget-face' });
    // The worker keeps the sound, not the face (LiveLipSync.forgetFace); a new one gets the same.
    this.kept.frames = [];
    this.forgetProfile();
  }

  /** Face identity was switched off: the analysis drops the candidate's faces read so far. */
  forgetIdentity(): void {
    this.flush();
    this.post({ kind: 'forget-identity' });
    this.kept.frames = this.kept.frames.map(withoutDescriptors);
    this.forgetProfile();
  }

  /**
   * Checks the answer to a challenge prompt given in [fromMs, toMs] of the pipeline clock, once
   * its settle time (settleMsOf) has passed after it; null if the link stops first.
   */
  verify(verifier: CheckedVerifier, fromMs: number, toMs: number): Promise<AnswerCheck | null> {
    if (!this.running) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = this.timers.setTimeout(
        () => {
          this.waiting.delete(timer);
          const request: VerifyRequest = { kind: 'verify', id: this.nextId++, verifier, fromMs, toMs };
          this.flush();
          if (this.post(request)) this.sent.set(request.id, { request, resolve });
          else resolve(null);
        },
        Math.max(0, toMs + settleMsOf(verifier) - this.now()),
      );
      this.waiting.set(timer, resolve);
    });
  }

  stop(): void {
    this.running = false;
    this.watch.stop();
    for (const [timer, resolve] of this.waiting) {
      this.timers.clearTimeout(timer);
      resolve(null);
    }
    for (const { resolve } of this.sent.values()) resolve(null);
    this.waiting.clear();
    this.sent.clear();
    retire(this.worker);
  }

  /** Sends `request` unless the link stopped; says whether it went. */
  private post(request: AnalysisRequest): boolean {
    if (!this.running) return false;
    // Copied, not transferred: the link keeps the audio for a new worker.
    this.worker.postMessage(request);
    if (request.kind === 'update' || request.kind === 'verify') this.watch.sent(this.limitMs());
    return true;
  }

  private limitMs(): number {
    return this.warm ? HEARTBEAT.replyMs : HEARTBEAT.warmUpMs;
  }

  /** Keeps the newest REPLAY_MS of what was sent. */
  private keep(frames: FrameRecord[], audio: AudioChunk[]): void {
    const oldestMs = this.now() - REPLAY_MS;
    this.kept = {
      frames: [...this.kept.frames, ...frames].filter((record) => record.timeMs >= oldestMs),
      audio: [...this.kept.audio, ...audio].filter(
        (chunk) => chunk.startMs + (chunk.samples.length / chunk.sampleRate) * 1000 >= oldestMs,
      ),
    };
  }

  /** The candidate changed or identity was switched off: no profile is carried over a restart. */
  private forgetProfile(): void {
    if (this.latest) this.latest = { ...this.latest, identity: null };
    if (this.carried) this.carried = { ...this.carried, identity: null };
  }

  private attach(worker: AnalysisWorkerLike): AnalysisWorkerLike {
    worker.onmessage = (event) => this.onReply(event.data);
    worker.onerror = () => this.fault('crashed');
    worker.onmessageerror = () => this.fault('crashed');
    return worker;
  }

  private onReply(reply: AnalysisReply): void {
    this.answered = true;
    if (reply.kind === 'estimate') {
      this.warm = true;
      this.owedEstimates = Math.max(0, this.owedEstimates - 1);
      const joined = this.joined(reply);
      this.latest = joined;
      this.onEstimate(joined);
    } else {
      this.sent.get(reply.id)?.resolve({ verification: reply.verification, computeMs: reply.computeMs });
      this.sent.delete(reply.id);
    }
    this.watch.heard(this.owedEstimates > 0 || this.sent.size > 0, this.limitMs());
  }

  /** A new worker's estimate with what the faulted ones had found. */
  private joined(reply: EstimateReply): EstimateReply {
    const carried = this.carried;
    if (!carried) return reply;
    const identity = carried.identity;
    const fresh = reply.identity;
    return {
      ...reply,
      findings: mergeFindings(carried.findings, reply.findings),
      identity: identity
        ? {
            profile: fresh.profile ? mergeProfiles(identity.profile, fresh.profile) : identity.profile,
            described: identity.described + Math.max(0, fresh.described - carried.replayedReads),
          }
        : fresh,
    };
  }

  /** The worker crashed or went silent owing a reply: a new one gets what it had. */
  private fault(fault: WorkerFault): void {
    this.watch.stop();
    retire(this.worker);
    if (!this.running) return;
    const restarted = this.answered;
    this.latestFault = { fault, atMs: this.now(), restarted };
    if (!restarted) {
      this.stop();
      return;
    }
    this.restartCount++;
    this.answered = false;
    this.warm = false;
    this.owedEstimates = 0;
    const latest = this.latest;
    this.carried = {
      findings: latest?.findings ?? this.carried?.findings ?? [],
      identity: latest ? latest.identity : null,
      replayedReads: candidateDescriptors(this.kept.frames.map((record) => record.face)).length,
    };
    this.worker = this.attach(this.startWorker());
    this.post({ kind: 'start', sessionStartMs: this.sessionStartMs });
    if (this.kept.frames.length > 0 || this.kept.audio.length > 0) {
      this.post({ kind: 'batch', frames: this.kept.frames, audio: this.kept.audio });
    }
    for (const { request } of this.sent.values()) this.post(request);
  }
}
