/**
 * Lip-sync during a call: the same features and analyzer as for recordings, fed frame by frame
 * and chunk by chunk into bounded rings, estimated over the newest window (pure; times are ms on
 * the pipeline's clock, findings in seconds since the session started). The rings keep what the
 * learned map reads (each frame's mouth measures, each hop's mel bands) beside the envelope
 * method's mouth opening and speech level, so calls get the learned method as recordings do.
 */
import { type LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { estimateLipSync, type LipSyncOptions } from '@/utils/analyzers/lip-sync';
import { lipSyncFindings } from '@/utils/analyzers/lip-sync-findings';
import { silentFaceFindings } from '@/utils/analyzers/silent-face';
import { AUDIO_CONTEXT_MS } from '@/utils/analyzers/lip-map-inputs';
import { mergeFindings } from '@/utils/findings/merge';
import { LIP_SYNC, SILENT_FACE, VAD_SETTINGS } from '@/utils/common/thresholds';
import { AUDIO_HOP_MS, SpeechFeatures } from '@/utils/features/audio-features';
import type { FrameRecord } from '@/utils/features/frame-record';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';
import { MOUTH_MEASURE_COUNT } from '@/utils/features/mouth-measures';
import { VectorRing } from '@/utils/features/ring-buffer';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import type { Finding } from '@/utils/findings/finding';
import { LIP_SYNC_TRACK } from '@/utils/analyzers/windows';
import { column } from '@/utils/analyzers/lip-sync-grid';

/** Highest video frame rate the rings are sized for; faster input only shortens their span. */
const MAX_FPS = 60;
/**
 * Signals read on both sides of an estimated stretch, ms, as a recording's windows have them: the
 * learned map's audio context, and the frames just outside for the mouth between them.
 */
const CONTEXT_MS = Math.max(...AUDIO_CONTEXT_MS.map(Math.abs), LIP_SYNC.maxFrameGapMs);
/** The rings hold one analysis window, its context and some slack. */
const SPAN_MS = LIP_SYNC_TRACK.windowMs + 1000;
/** A frame's row: mouth opening, jawOpen, then the mouth measures. */
const FRAME_WIDTH = 2 + MOUTH_MEASURE_COUNT;
/** A hop's row: level (dB), voiced (0/1), then the mel bands. */
const HOP_WIDTH = 2 + MEL_BAND_COUNT;

export interface LiveLipSyncUpdate {
  estimate: LipSyncEstimate;
  /** All lip-sync findings of the session so far, merged across windows. */
  findings: Finding[];
}

/** Columns from `from` on of rows `width` wide, as rows of their own. */
function columnsFrom(rows: Float32Array, width: number, from: number): Float32Array {
  const count = rows.length / width;
  const rowWidth = width - from;
  const out = new Float32Array(count * rowWidth);
  for (let i = 0; i < count; i++) out.set(rows.subarray(i * width + from, (i + 1) * width), i * rowWidth);
  return out;
}

export class LiveLipSync {
  private readonly frames = new VectorRing(Math.ceil((SPAN_MS / 1000) * MAX_FPS), FRAME_WIDTH);
  private readonly hops = new VectorRing(Math.ceil(SPAN_MS / AUDIO_HOP_MS), HOP_WIDTH);
  private readonly frameRow = new Float32Array(FRAME_WIDTH);
  private readonly hopRow = new Float32Array(HOP_WIDTH);
  private readonly speechFeatures = new SpeechFeatures(VAD_SETTINGS);
  private findings: Finding[] = [];

  /**
   * `sessionStartMs`: the pipeline-clock time that is 0 s in findings. `options`: the lip-sync
   * method (by default the learned map, which the rings always carry inputs for).
   */
  constructor(
    private readonly sessionStartMs: number,
    private readonly options: LipSyncOptions = {},
  ) {}

  /** One analysed video frame's mouth (NaN, and null measures, where it was not seen). */
  pushFrame(frame: Pick<FrameRecord, 'timeMs' | 'mouthOpen' | 'jawOpen' | 'mouthMeasures'>): void {
    const row = this.frameRow;
    row[0] = frame.mouthOpen;
    row[1] = frame.jawOpen;
    row.fill(Number.NaN, 2);
    if (frame.mouthMeasures) row.set(frame.mouthMeasures.subarray(0, MOUTH_MEASURE_COUNT), 2);
    this.frames.push(frame.timeMs, row);
  }

  /** Another person became the candidate: their mouth history starts now (the audio stays). */
  forgetFace(): void {
    this.frames.clear();
  }

  /** Mono PCM that starts at `startMs`. */
  pushAudio(samples: Float32Array, startMs: number, sampleRate: number): void {
    const row = this.hopRow;
    for (const point of this.speechFeatures.push(samples, startMs, sampleRate)) {
      row[0] = point.db;
      row[1] = point.voiced ? 1 : 0;
      row.set(point.bands.subarray(0, MEL_BAND_COUNT), 2);
      this.hops.push(point.timeMs, row);
    }
  }

  /** The candidate's mouth seen in [fromMs, toMs): opening, jawOpen and the mouth measures. */
  mouth(fromMs: number, toMs: number): MouthSeries {
    const { timesMs, values } = this.frames.range(fromMs, toMs);
    return {
      timesMs,
      open: column(values, FRAME_WIDTH, 0),
      jawOpen: column(values, FRAME_WIDTH, 1),
      measures: columnsFrom(values, FRAME_WIDTH, 2),
    };
  }

  /** The speech envelope, voice activity and mel bands heard in [fromMs, toMs). */
  speech(fromMs: number, toMs: number): SpeechSeries {
    const { timesMs, values } = this.hops.range(fromMs, toMs);
    return {
      timesMs,
      db: column(values, HOP_WIDTH, 0),
      voiced: Uint8Array.from(column(values, HOP_WIDTH, 1)),
      bands: columnsFrom(values, HOP_WIDTH, 2),
    };
  }

  /** Lip sync over [fromMs, toMs) (within the rings' span: the newest LIP_SYNC_TRACK.windowMs and a second). */
  estimate(fromMs: number, toMs: number): LipSyncEstimate {
    return estimateLipSync(
      this.mouth(fromMs - CONTEXT_MS, toMs + CONTEXT_MS),
      this.speech(fromMs - CONTEXT_MS, toMs + CONTEXT_MS),
      fromMs,
      toMs,
      this.options,
    );
  }

  /** Voice without mouth (and the reverse) over [fromMs, toMs), in session seconds (utils/analyzers/silent-face.ts). */
  silentFace(fromMs: number, toMs: number): Finding[] {
    return silentFaceFindings(this.mouth(fromMs, toMs), this.speech(fromMs, toMs), fromMs, toMs, this.sessionStartMs);
  }

  /**
   * Estimate over the newest window ending at `nowMs` (growing from the session start until it
   * is a full window long), asked every second during a call (LIVE.lipSyncEveryMs). Every
   * estimate with a verdict joins the findings; windows a second apart overlap, so a stretch of
   * calls stays one finding (mergeFindings) however often it is asked.
   */
  update(nowMs: number): LiveLipSyncUpdate {
    const estimate = this.estimate(Math.max(this.sessionStartMs, nowMs - LIP_SYNC_TRACK.windowMs), nowMs);
    if (estimate.verdict !== 'insufficient') {
      const relative = {
        ...estimate,
        startMs: estimate.startMs - this.sessionStartMs,
        endMs: estimate.endMs - this.sessionStartMs,
      };
      this.findings = mergeFindings(this.findings, lipSyncFindings(relative));
    }
    const silentFrom = nowMs - SILENT_FACE.windowMs;
    if (silentFrom >= this.sessionStartMs)
      this.findings = mergeFindings(this.findings, this.silentFace(silentFrom, nowMs));
    return { estimate, findings: this.findings };
  }
}
