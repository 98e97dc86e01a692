/**
 * The live pipeline's side of the analysis worker (lip sync, face checks, checklist answers):
 * frame records and audio go in batches, estimates come back, and answers are checked once the
 * frames of their last moments have been analysed. Timers and clock come in, so tests use fakes.
 */
import type { CheckedVerifier } from '@/utils/checklist/prompts';
import type { Verification } from '@/utils/checklist/verify';
import type { FrameRecord } from '@/utils/features/frame-record';
import type { AnalysisReply, AnalysisRequest, AudioChunk } from './live-analysis-protocol';
import { LIVE } from './pacing';

/** What the signals said about one checklist answer, and how long the worker took to say it. */
export interface AnswerCheck {
  verification: Verification;
  computeMs: number;
}

export type EstimateReply = Extract<AnalysisReply, { kind: 'estimate' }>;

/** The analysis worker messages this link uses. */
export type AnalysisWorkerLike = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((event: MessageEvent<AnalysisReply>) => void) | null;
};

export interface Timers {
  setTimeout: (run: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimeout: (id: ReturnType<typeof setTimeout>) => void;
}

const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (id) => clearTimeout(id),
};

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

export class AnalysisLink {
  private frames: FrameRecord[] = [];
  private audio: AudioChunk[] = [];
  private nextId = 1;
  /** Answers sent to the worker, by request id. */
  private readonly sent = new Map<number, (check: AnswerCheck | null) => void>();
  /** Answers waiting for their last frames, resolved with null if the link stops first. */
  private readonly waiting = new Map<ReturnType<typeof setTimeout>, (check: AnswerCheck | null) => void>();
  private running = true;

  constructor(
    private readonly worker: AnalysisWorkerLike,
    sessionStartMs: number,
    onEstimate: (reply: EstimateReply) => void,
    private readonly now: () => number,
    private readonly timers: Timers = globalTimers,
  ) {
    worker.onmessage = (event) => {
      const reply = event.data;
      if (reply.kind === 'estimate') {
        onEstimate(reply);
        return;
      }
      this.sent.get(reply.id)?.({ verification: reply.verification, computeMs: reply.computeMs });
      this.sent.delete(reply.id);
    };
    this.post({ kind: 'start', sessionStartMs });
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
    this.frames = [];
    this.audio = [];
  }

  /** Asks for the estimates over the newest window ending at `nowMs` (pipeline clock). */
  update(nowMs: number): void {
    this.flush();
    this.post({ kind: 'update', nowMs });
  }

  /** Another person became the candidate: the worker forgets the face history so far. */
  forgetFace(): void {
    this.flush();
    this.post({ kind: 'forget-face' });
  }

  /** Face identity was switched off: the analysis drops the candidate's faces read so far. */
  forgetIdentity(): void {
    this.flush();
    this.post({ kind: 'forget-identity' });
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
          const id = this.nextId++;
          this.sent.set(id, resolve);
          this.flush();
          this.post({ kind: 'verify', id, verifier, fromMs, toMs });
        },
        Math.max(0, toMs + settleMsOf(verifier) - this.now()),
      );
      this.waiting.set(timer, resolve);
    });
  }

  stop(): void {
    this.running = false;
    for (const [timer, resolve] of this.waiting) {
      this.timers.clearTimeout(timer);
      resolve(null);
    }
    for (const resolve of this.sent.values()) resolve(null);
    this.waiting.clear();
    this.sent.clear();
    this.worker.terminate();
  }

  private post(request: AnalysisRequest): void {
    const transfer = request.kind === 'batch' ? request.audio.map((chunk) => chunk.samples.buffer as ArrayBuffer) : [];
    this.worker.postMessage(request, transfer);
  }
}
