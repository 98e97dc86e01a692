/**
 * Lip-sync during a call: the same features and analyzer as for recordings, fed frame by frame
 * and chunk by chunk into bounded rings, estimated over the newest window (pure; times are ms on
 * the pipeline's clock, findings in seconds since the session started).
 */
import { type LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { estimateLipSync } from '@/utils/analyzers/lip-sync';
import { lipSyncFindings } from '@/utils/analyzers/lip-sync-findings';
import { mergeFindings } from '@/utils/findings/merge';
import { VAD_SETTINGS } from '@/utils/common/thresholds';
import { AUDIO_HOP_MS, SpeechFeatures } from '@/utils/features/audio-features';
import type { FrameRecord } from '@/utils/features/frame-record';
import { TimeSeriesRing } from '@/utils/features/ring-buffer';
import type { SpeechSeries } from '@/utils/features/signals';
import type { Finding } from '@/utils/findings/finding';
import { LIP_SYNC_TRACK } from '@/utils/analyzers/windows';

/** Highest video frame rate the rings are sized for; faster input only shortens their span. */
const MAX_FPS = 60;
/** The rings hold one analysis window plus a second of slack. */
const SPAN_MS = LIP_SYNC_TRACK.windowMs + 1000;

export interface LiveLipSyncUpdate {
  estimate: LipSyncEstimate;
  /** All lip-sync findings of the session so far, merged across windows. */
  findings: Finding[];
}

export class LiveLipSync {
  private mouthOpen = new TimeSeriesRing(Math.ceil((SPAN_MS / 1000) * MAX_FPS));
  private jawOpen = new TimeSeriesRing(Math.ceil((SPAN_MS / 1000) * MAX_FPS));
  private readonly speechDb = new TimeSeriesRing(Math.ceil(SPAN_MS / AUDIO_HOP_MS));
  private readonly voiced = new TimeSeriesRing(Math.ceil(SPAN_MS / AUDIO_HOP_MS));
  private readonly speechFeatures = new SpeechFeatures(VAD_SETTINGS);
  private findings: Finding[] = [];
  private lastFindingsAtMs = -Infinity;

  /** `sessionStartMs`: the pipeline-clock time that is 0 s in findings. */
  constructor(private readonly sessionStartMs: number) {}

  /** One analysed video frame's mouth (NaN where it was not seen). */
  pushFrame(frame: Pick<FrameRecord, 'timeMs' | 'mouthOpen' | 'jawOpen'>): void {
    this.mouthOpen.push(frame.timeMs, frame.mouthOpen);
    this.jawOpen.push(frame.timeMs, frame.jawOpen);
  }

  /** Another person became the candidate: their mouth history starts now (the audio stays). */
  forgetFace(): void {
    this.mouthOpen = new TimeSeriesRing(this.mouthOpen.capacity);
    this.jawOpen = new TimeSeriesRing(this.jawOpen.capacity);
  }

  /** Mono PCM that starts at `startMs`. */
  pushAudio(samples: Float32Array, startMs: number, sampleRate: number): void {
    for (const point of this.speechFeatures.push(samples, startMs, sampleRate)) {
      this.speechDb.push(point.timeMs, point.db);
      this.voiced.push(point.timeMs, point.voiced ? 1 : 0);
    }
  }

  /** The speech envelope and voice activity heard in [fromMs, toMs). */
  speech(fromMs: number, toMs: number): SpeechSeries {
    const db = this.speechDb.range(fromMs, toMs);
    const voiced = this.voiced.range(fromMs, toMs);
    return { timesMs: db.timesMs, db: db.values, voiced: Uint8Array.from(voiced.values) };
  }

  /** Lip sync over [fromMs, toMs) (within the rings' span: the newest LIP_SYNC_TRACK.windowMs and a second). */
  estimate(fromMs: number, toMs: number): LipSyncEstimate {
    const open = this.mouthOpen.range(fromMs, toMs);
    const jaw = this.jawOpen.range(fromMs, toMs);
    return estimateLipSync(
      { timesMs: open.timesMs, open: open.values, jawOpen: jaw.values },
      this.speech(fromMs, toMs),
      fromMs,
      toMs,
    );
  }

  /**
   * Estimate over the newest window ending at `nowMs` (growing from the session start until it
   * is a full window long). New findings are taken every LIP_SYNC_TRACK.stepMs, as for recordings.
   */
  update(nowMs: number): LiveLipSyncUpdate {
    const estimate = this.estimate(Math.max(this.sessionStartMs, nowMs - LIP_SYNC_TRACK.windowMs), nowMs);
    if (nowMs - this.lastFindingsAtMs >= LIP_SYNC_TRACK.stepMs && estimate.verdict !== 'insufficient') {
      this.lastFindingsAtMs = nowMs;
      const relative = {
        ...estimate,
        startMs: estimate.startMs - this.sessionStartMs,
        endMs: estimate.endMs - this.sessionStartMs,
      };
      this.findings = mergeFindings(this.findings, lipSyncFindings(relative));
    }
    return { estimate, findings: this.findings };
  }
}
