/**
 * The live path from a captured call stream to features and findings (the browser edge: frames,
 * audio chunks and the landmarker workers; the decisions are in the pure modules it calls).
 *
 * Video frames and audio chunks are read with MediaStreamTrackProcessor. Each frame either goes
 * to the tracker (a crop around the candidate, one frame in flight, dropped while busy) or, when
 * a layout scan is due and the scanner is idle, a region of it goes to the scanner. Audio chunks
 * feed the speech envelope. Per-frame data stays here and in the analysis worker; the panel gets
 * a throttled summary.
 */
import type { CheckedVerifier } from '@/utils/checklist/prompts';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import { mixToMono } from '@/utils/features/audio-features';
import {
  extractFaceFeatures,
  type Box,
  type FrameSize,
  type PrimaryFaceFeatures,
} from '@/utils/features/face-features';
import { toFrameRecord } from '@/utils/features/frame-record';
import type { FrameLandmarks } from '@/utils/features/landmarks';
import type { FrameTally } from '@/utils/sessions/signal-points';
import { toFrameBox } from '@/utils/tracking/candidate';
import { CandidateMachine, type CandidateEffect } from '@/utils/tracking/candidate-machine';
import { FrameGate } from '@/utils/tracking/frame-gate';
import { LayoutScan } from '@/utils/tracking/layout-scan';
import { StreamClock } from '@/utils/tracking/stream-clock';
import { AnalysisLink, type AnalysisWorkerLike, type AnswerCheck, type Timers } from './analysis-link';
import AnalysisWorker from './live-analysis.worker.ts?worker';
import { HealthMeter } from './live-health';
import type { LiveSummary } from '@/utils/live/live-summary';
import { LIVE } from './pacing';
import { audioPlanes, readTrack, type TrackReader } from './track-reader';

export interface LivePipelineOptions {
  tracker: Pick<LandmarkerClient, 'detect'>;
  scanner: Pick<LandmarkerClient, 'detect'>;
  onSummary: (summary: LiveSummary) => void;
  /** A small picture of the call a few times a second, for the preview; the receiver closes it. */
  onPreview?: (picture: ImageBitmap) => void;
  now?: () => number;
  timers?: Timers;
  worker?: AnalysisWorkerLike;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs `detector` on `region` of the frame, scaled down so its longer side is at most `maxPx`;
 * gives the result with the input size and scale, to map boxes back into frame px.
 */
async function detectIn(
  frame: VideoFrame,
  region: Box,
  maxPx: number,
  detector: Pick<LandmarkerClient, 'detect'>,
  timeMs: number,
): Promise<{ result: FrameLandmarks; input: FrameSize; scale: number }> {
  const scale = Math.min(1, maxPx / Math.max(region.width, region.height));
  const input = { width: Math.round(region.width * scale), height: Math.round(region.height * scale) };
  const bitmap = await createImageBitmap(frame, region.x, region.y, region.width, region.height, {
    resizeWidth: input.width,
    resizeHeight: input.height,
  });
  return { result: await detector.detect(bitmap, timeMs), input, scale };
}

export class LivePipeline {
  private readonly now: () => number;
  private readonly startMs: number;
  private readonly gate: FrameGate;
  private readonly health: HealthMeter;
  private readonly analysis: AnalysisLink;
  private readonly candidate = new CandidateMachine();
  private readonly scan = new LayoutScan({ everyMs: LIVE.scanEveryMs, searchingEveryMs: LIVE.searchScanEveryMs });
  private readonly videoClock = new StreamClock();
  private readonly audioClock = new StreamClock();
  private readonly readers: TrackReader[];
  private paused = false;

  private frame: FrameSize = { width: 0, height: 0 };
  /** The candidate's face in the latest analysed frame; null when none was found. */
  private lastFace: PrimaryFaceFeatures | null = null;
  private readonly tally: FrameTally = { analysed: 0, withFace: 0 };
  private estimate: Pick<LiveSummary, 'lipSync' | 'faceChecks' | 'findings'> = {
    lipSync: null,
    faceChecks: null,
    findings: [],
  };
  private readonly events: { atS: number; text: string }[] = [];
  private lastSummaryMs = -Infinity;
  private lastUpdateMs = -Infinity;
  private lastPreviewMs = -Infinity;

  constructor(
    stream: MediaStream,
    private readonly options: LivePipelineOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.startMs = this.now();
    this.gate = new FrameGate(this.now, LIVE.healthSamples);
    this.health = new HealthMeter(this.now);
    this.analysis = new AnalysisLink(
      options.worker ?? new AnalysisWorker(),
      this.startMs,
      (reply) => (this.estimate = { lipSync: reply.estimate, faceChecks: reply.faceChecks, findings: reply.findings }),
      this.now,
      options.timers,
    );
    const [video] = stream.getVideoTracks();
    const [audio] = stream.getAudioTracks();
    if (!video) throw new Error('The capture has no video.');
    this.readers = [readTrack<VideoFrame>(video, (frame) => this.onFrame(frame))];
    if (audio) this.readers.push(readTrack<AudioData>(audio, (data) => this.onAudio(data)));
  }

  /** Pause keeps the capture but analyses nothing; resume picks up from the next frame. */
  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  /** The interviewer picked a face on the preview (frame px). */
  choose(face: Box): void {
    this.apply(this.candidate.choose(face, this.now()));
  }

  /** The pipeline's clock now, ms: checklist response windows are given on it. */
  clockMs(): number {
    return this.now();
  }

  /** Checks a challenge prompt's answer given in [fromMs, toMs] of the pipeline clock (null if it stops first). */
  verify(verifier: CheckedVerifier, fromMs: number, toMs: number): Promise<AnswerCheck | null> {
    return this.analysis.verify(verifier, fromMs, toMs);
  }

  stop(): void {
    this.analysis.stop();
    this.health.stop();
    for (const reader of this.readers) reader.stop();
  }

  private note(text: string): void {
    this.events.push({ atS: (this.now() - this.startMs) / 1000, text });
    if (this.events.length > LIVE.maxEvents) this.events.shift();
  }

  /** Carries out what the candidate machine asked for. */
  private apply(effects: CandidateEffect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'note') this.note(effect.text);
      else if (effect.kind === 'rescan') this.scan.rescan();
      else this.analysis.forgetFace();
    }
    if (this.candidate.candidate.box) this.health.reached('candidateAtMs');
  }

  private onAudio(data: AudioData): void {
    if (this.paused) return;
    const startMs = this.audioClock.toLocal(data.timestamp / 1000, this.now()) - LIVE.captureAvOffsetMs;
    const samples = mixToMono(audioPlanes(data), data.numberOfFrames);
    this.health.audio(samples);
    this.analysis.pushAudio({ startMs, sampleRate: data.sampleRate, samples });
  }

  private onFrame(frame: VideoFrame): void {
    const at = this.now();
    this.health.reached('firstFrameAtMs');
    const timeMs = this.videoClock.toLocal(frame.timestamp / 1000, at);
    this.frame = { width: frame.displayWidth, height: frame.displayHeight };
    this.apply(this.candidate.resize(this.frame));
    if (!this.paused) {
      this.maybeScan(frame, at);
      this.maybeTrack(frame, timeMs, at);
    }
    this.maybePreview(frame, at);
    if (at - this.lastSummaryMs >= LIVE.summaryEveryMs) {
      this.lastSummaryMs = at;
      this.analysis.flush();
      this.options.onSummary(this.summary());
    }
    if (at - this.lastUpdateMs >= LIVE.lipSyncEveryMs) {
      this.lastUpdateMs = at;
      this.analysis.update(timeMs);
    }
  }

  private maybePreview(frame: VideoFrame, at: number): void {
    const onPreview = this.options.onPreview;
    if (!onPreview || at - this.lastPreviewMs < LIVE.previewEveryMs) return;
    this.lastPreviewMs = at;
    const width = Math.min(LIVE.previewWidthPx, this.frame.width);
    const height = Math.round((this.frame.height * width) / this.frame.width);
    createImageBitmap(frame, { resizeWidth: width, resizeHeight: height }).then(onPreview, () => undefined);
  }

  private summary(): LiveSummary {
    const face = this.lastFace;
    return {
      frame: this.frame,
      faces: this.candidate.faces,
      candidate: this.candidate.candidate,
      faceFound: face !== null,
      frames: { ...this.tally },
      mouth: {
        visible: face?.mouthVisible ?? false,
        lumaStd: face?.mouthLumaStd ?? Number.NaN,
        flatRowShare: face?.mouthFlatRowShare ?? Number.NaN,
      },
      pose: face?.pose ?? null,
      ...this.estimate,
      health: this.health.snapshot(this.gate.health()),
      events: [...this.events],
    };
  }

  /** Sends the next scan region to the scanner when a scan is due and the scanner is idle. */
  private maybeScan(frame: VideoFrame, at: number): void {
    const region = this.scan.next(this.frame, at, this.candidate.searching);
    if (!region) return;
    detectIn(frame, region, LIVE.scanInputPx, this.options.scanner, at)
      .then(({ result, input, scale }) => {
        const boxes = extractFaceFeatures(result, input).boxes.map((box) => toFrameBox(box, region, scale));
        const doneAt = this.now();
        const { foundSoFar, done } = this.scan.result(boxes, doneAt);
        this.apply(this.candidate.scanned(boxes, foundSoFar, doneAt));
        if (done) this.apply(this.candidate.scanDone(foundSoFar, doneAt));
      })
      .catch((error: unknown) => {
        this.scan.failed();
        this.note(`Layout scan failed: ${messageOf(error)}`);
      });
  }

  private maybeTrack(frame: VideoFrame, timeMs: number, at: number): void {
    const crop = this.candidate.crop;
    if (!crop || !this.gate.offer(timeMs)) return;
    detectIn(frame, crop, LIVE.trackInputPx, this.options.tracker, timeMs)
      .then(({ result, input, scale }) => {
        const features = extractFaceFeatures(result, input);
        const primary = features.primary;
        this.lastFace = primary;
        this.tally.analysed++;
        if (primary) {
          this.tally.withFace++;
          this.health.reached('firstLandmarksAtMs');
        }
        const faceCount = this.candidate.facesAround(primary !== null, crop);
        this.analysis.pushFrame(toFrameRecord(features, result.thumb ?? null, faceCount));
        this.health.result(result.detectMs, result.pixelsMs);
        this.apply(this.candidate.tracked(primary ? toFrameBox(primary.box, crop, scale) : null, crop, at));
      })
      .catch((error: unknown) => this.note(`Landmarks failed on a frame: ${messageOf(error)}`))
      .finally(() => this.gate.finish());
  }
}
