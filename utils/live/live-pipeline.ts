/**
 * The live path from a captured call stream to features and findings (the browser edge: frames,
 * audio chunks and the landmarker workers; all decisions are in the pure modules it calls).
 *
 * Video frames and audio chunks are read with MediaStreamTrackProcessor. Each frame either goes
 * to the tracker (a crop around the candidate, one frame in flight, dropped while busy) or, when
 * a layout scan is due and the scanner is idle, a region of it goes to the scanner. Audio chunks
 * feed the speech envelope. Per-frame data stays here, in rings; the UI gets a throttled summary.
 */
import type { CheckedVerifier } from '@/utils/checklist/prompts';
import type { Verification } from '@/utils/checklist/verify';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { FaceChecks } from '@/utils/analyzers/face';
import type { LipSyncEstimate } from '@/utils/analyzers/lip-sync';
import { PRESENCE } from '@/utils/analyzers/thresholds';
import { mixToMono } from '@/utils/features/audio-features';
import { toFrameRecord, type FrameRecord } from '@/utils/features/frame-record';
import { median } from '@/utils/common/stats';
import { extractFaceFeatures, type Box, type FrameSize, type HeadPose, type PrimaryFaceFeatures } from '@/utils/features/face-features';
import type { Finding } from '@/utils/findings/finding';
import type { FrameTally } from '@/utils/sessions/signal-points';
import { cropAround, mergeFaces, needsRecrop, pickCandidate, scanRegions, toFrameBox } from '../tracking/candidate';
import { FrameGate, type GateHealth } from '../tracking/frame-gate';
import type { AudioChunk, AnalysisReply, AnalysisRequest } from './live-analysis-protocol';
import AnalysisWorker from './live-analysis.worker.ts?worker';
import { StreamClock } from '../tracking/stream-clock';
import { CANDIDATE } from '@/utils/tracking/settings';
import { LIVE } from '@/utils/live/pacing';

/** What the signals said about one checklist answer, and how long the worker took to say it. */
export interface AnswerCheck {
  verification: Verification;
  computeMs: number;
}

export type CandidateState = 'searching' | 'proposed' | 'chosen' | 'lost';

export interface LiveSummary {
  frame: FrameSize;
  /** Faces from the latest complete layout scan, frame px, largest first. */
  faces: Box[];
  candidate: { state: CandidateState; box: Box | null };
  /** The candidate's face in the latest analysed frame. */
  faceFound: boolean;
  /** Frames analysed since the capture started, and how many found the candidate's face. */
  frames: FrameTally;
  /** Whether the candidate's mouth could be seen in that frame, and the measures behind it (see LIP_SYNC). */
  mouth: { visible: boolean; lumaStd: number; flatRowShare: number };
  pose: HeadPose | null;
  lipSync: LipSyncEstimate | null;
  /** What the face checks measured over their newest window (null before the first run). */
  faceChecks: FaceChecks | null;
  findings: Finding[];
  health: GateHealth & {
    audioLevelDb: number;
    /** Longest main-thread task seen since capture started, ms (PerformanceObserver longtask: > 50 ms only). */
    longestTaskMs: number;
    /**
     * Start-up milestones, page time (ms since the panel opened): pipeline created (the capture
     * had started), first frame, first candidate proposed, first candidate landmarks. NaN until reached.
     */
    startup: { pipelineAtMs: number; firstFrameAtMs: number; candidateAtMs: number; firstLandmarksAtMs: number };
    /** The model's own time per frame (median of the last results), ms: the rest is waiting for a core. */
    modelMsMedian: number;
    /** The worker's pixel measures for the face checks per frame (median), ms. */
    pixelsMsMedian: number;
  };
  /** Plain-words events worth showing once, newest last (layout changed, candidate lost...). */
  events: { atS: number; text: string }[];
}

export interface LivePipelineOptions {
  tracker: Pick<LandmarkerClient, 'detect'>;
  scanner: Pick<LandmarkerClient, 'detect'>;
  onSummary: (summary: LiveSummary) => void;
  /** A small picture of the call a few times a second, for the preview; the receiver closes it. */
  onPreview?: (picture: ImageBitmap) => void;
  now?: () => number;
}

/** The analysis worker messages this pipeline uses. */
type AnalysisWorkerLike = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((event: MessageEvent<AnalysisReply>) => void) | null;
};

/** Regions of the 3x3 grid at the end of a full scan (see scanRegions). */
const FINE_SCAN_REGIONS = 9;

type FrameReader = ReadableStreamDefaultReader<VideoFrame>;
type AudioReader = ReadableStreamDefaultReader<AudioData>;

/** The chunk's channels as planar float samples (the mixing itself is the shared audio stage's). */
function planes(data: AudioData): Float32Array[] {
  return Array.from({ length: data.numberOfChannels }, (_, planeIndex) => {
    const plane = new Float32Array(data.numberOfFrames);
    data.copyTo(plane, { planeIndex, format: 'f32-planar' });
    return plane;
  });
}

export class LivePipeline {
  private readonly now: () => number;
  private readonly gate: FrameGate;
  private readonly analysis: AnalysisWorkerLike = new AnalysisWorker();
  private pendingFrames: FrameRecord[] = [];
  private pendingAudio: AudioChunk[] = [];
  private readonly modelMs: number[] = [];
  private readonly pixelsMs: number[] = [];
  private readonly videoClock = new StreamClock();
  private readonly audioClock = new StreamClock();
  private readonly startMs: number;
  private readonly videoReader: FrameReader;
  private readonly audioReader: AudioReader | null = null;
  private running = true;
  private paused = false;

  private frame: FrameSize = { width: 0, height: 0 };
  private faces: Box[] = [];
  private candidate: { state: CandidateState; box: Box | null } = { state: 'searching', box: null };
  private crop: Box | null = null;
  private lastFaceAtMs = Number.NaN;
  private lostSinceMs = Number.NaN;
  /** The candidate's face in the latest analysed frame; null when none was found. */
  private lastFace: PrimaryFaceFeatures | null = null;
  private readonly frameTally: FrameTally = { analysed: 0, withFace: 0 };
  private lipSyncEstimate: LipSyncEstimate | null = null;
  private faceChecks: FaceChecks | null = null;
  private findings: Finding[] = [];
  private audioLevelDb = Number.NaN;
  private longestTaskMs = 0;
  private readonly startup = { pipelineAtMs: Number.NaN, firstFrameAtMs: Number.NaN, candidateAtMs: Number.NaN, firstLandmarksAtMs: Number.NaN };
  private readonly longTasks: PerformanceObserver | null;
  private readonly events: { atS: number; text: string }[] = [];
  /** Checklist answers sent to the analysis worker, by request id; null when the pipeline stopped first. */
  private readonly verifications = new Map<number, (check: AnswerCheck | null) => void>();
  private nextVerificationId = 1;

  private scanBusy = false;
  /** The candidate was proposed before the scan that found it had finished. */
  private proposedEarly = false;
  private scanQueue: Box[] = [];
  private scanFound: Box[] = [];
  private lastScanDoneMs = -Infinity;
  private lastSummaryMs = -Infinity;
  private lastLipSyncMs = -Infinity;
  private lastPreviewMs = -Infinity;

  constructor(
    stream: MediaStream,
    private readonly options: LivePipelineOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.startMs = this.now();
    this.startup.pipelineAtMs = this.startMs;
    this.gate = new FrameGate(this.now, undefined, LIVE.healthSamples);
    this.analysis.onmessage = (event) => {
      const reply = event.data;
      if (reply.kind === 'verification') {
        this.verifications.get(reply.id)?.({ verification: reply.verification, computeMs: reply.computeMs });
        this.verifications.delete(reply.id);
        return;
      }
      this.lipSyncEstimate = reply.estimate;
      this.findings = reply.findings;
      this.faceChecks = reply.faceChecks;
    };
    this.post({ kind: 'start', sessionStartMs: this.startMs });
    const [video] = stream.getVideoTracks();
    const [audio] = stream.getAudioTracks();
    if (!video) throw new Error('The capture has no video.');
    this.videoReader = new MediaStreamTrackProcessor({ track: video }).readable.getReader();
    if (audio) this.audioReader = new MediaStreamTrackProcessor({ track: audio }).readable.getReader();
    this.longTasks = PerformanceObserver.supportedEntryTypes.includes('longtask')
      ? new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) this.longestTaskMs = Math.max(this.longestTaskMs, entry.duration);
        })
      : null;
    this.longTasks?.observe({ type: 'longtask' });
    void this.pump(this.videoReader, (frame) => this.onFrame(frame));
    void this.pump(this.audioReader, (data) => this.onAudio(data));
  }

  /** Pause keeps the capture but analyses nothing; resume picks up from the next frame. */
  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  /** The interviewer picked a face on the preview (frame px). */
  choose(face: Box): void {
    this.setCandidate('chosen', face);
    this.note('Candidate chosen on the preview.');
  }

  /** Looks for the layout again at the next frame (the picture changed, or the candidate was lost). */
  private rescan(): void {
    this.lastScanDoneMs = -Infinity;
  }

  /** The pipeline's clock now, ms: checklist response windows are given on it. */
  clockMs(): number {
    return this.now();
  }

  /**
   * Checks the answer to a challenge prompt given in [fromMs, toMs] of the pipeline clock, once
   * the frames of its last moments have been analysed; null if the pipeline stops first.
   */
  verify(verifier: CheckedVerifier, fromMs: number, toMs: number): Promise<AnswerCheck | null> {
    return new Promise((resolve) => {
      setTimeout(() => {
        if (!this.running) {
          resolve(null);
          return;
        }
        const id = this.nextVerificationId++;
        this.verifications.set(id, resolve);
        this.flush();
        this.post({ kind: 'verify', id, verifier, fromMs, toMs });
      }, Math.max(0, toMs + LIVE.verifySettleMs - this.now()));
    });
  }

  stop(): void {
    this.running = false;
    for (const resolve of this.verifications.values()) resolve(null);
    this.verifications.clear();
    this.longTasks?.disconnect();
    this.analysis.terminate();
    this.videoReader.cancel().catch(() => undefined);
    this.audioReader?.cancel().catch(() => undefined);
  }

  private post(request: AnalysisRequest): void {
    this.analysis.postMessage(request, request.kind === 'batch' ? request.audio.map((chunk) => chunk.samples.buffer as ArrayBuffer) : []);
  }

  /** Sends the readings, face samples and audio gathered since the last batch to the analysis worker. */
  private flush(): void {
    if (this.pendingFrames.length === 0 && this.pendingAudio.length === 0) return;
    this.post({ kind: 'batch', frames: this.pendingFrames, audio: this.pendingAudio });
    this.pendingFrames = [];
    this.pendingAudio = [];
  }

  private note(text: string): void {
    this.events.push({ atS: (this.now() - this.startMs) / 1000, text });
    if (this.events.length > LIVE.maxEvents) this.events.shift();
  }

  private setCandidate(state: CandidateState, box: Box | null): void {
    if (box && Number.isNaN(this.startup.candidateAtMs)) this.startup.candidateAtMs = this.now();
    if (this.candidate.box && box && pickCandidate([box], this.candidate.box) === null) {
      // Another face: the mouth history so far was someone else's.
      this.flush();
      this.post({ kind: 'forget-face' });
    }
    this.candidate = { state, box };
    this.crop = box ? cropAround(box, this.frame) : null;
    this.lastFaceAtMs = this.now();
  }

  /** Reads a track until it ends or the pipeline stops, closing every chunk after `handle`. */
  private async pump<T extends { close(): void }>(reader: ReadableStreamDefaultReader<T> | null, handle: (chunk: T) => void): Promise<void> {
    if (!reader) return;
    while (this.running) {
      const { value, done } = await reader.read();
      if (done) break;
      try {
        handle(value);
      } finally {
        value.close();
      }
    }
  }

  private onAudio(data: AudioData): void {
    if (this.paused) return;
    const startMs = this.audioClock.toLocal(data.timestamp / 1000, this.now()) - LIVE.captureAvOffsetMs;
    const samples = mixToMono(planes(data), data.numberOfFrames);
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    this.audioLevelDb = 10 * Math.log10(sum / Math.max(1, samples.length) + 1e-10);
    this.pendingAudio.push({ startMs, sampleRate: data.sampleRate, samples });
  }

  private onFrame(frame: VideoFrame): void {
    const at = this.now();
    if (Number.isNaN(this.startup.firstFrameAtMs)) this.startup.firstFrameAtMs = at;
    const timeMs = this.videoClock.toLocal(frame.timestamp / 1000, at);
    const size = { width: frame.displayWidth, height: frame.displayHeight };
    if (size.width !== this.frame.width || size.height !== this.frame.height) {
      const first = this.frame.width === 0;
      this.frame = size;
      this.faces = [];
      if (!first) this.note(`The call's picture changed size (${size.width}x${size.height}); looking for the candidate again.`);
      this.rescan();
    }
    if (!this.paused) {
      this.maybeScan(frame, at);
      this.maybeTrack(frame, timeMs, at);
    }
    const onPreview = this.options.onPreview;
    if (onPreview && at - this.lastPreviewMs >= LIVE.previewEveryMs) {
      this.lastPreviewMs = at;
      const width = Math.min(LIVE.previewWidthPx, size.width);
      const height = Math.round((size.height * width) / size.width);
      createImageBitmap(frame, { resizeWidth: width, resizeHeight: height }).then(onPreview, () => undefined);
    }
    if (at - this.lastSummaryMs >= LIVE.summaryEveryMs) {
      this.lastSummaryMs = at;
      this.flush();
      this.options.onSummary(this.summary());
    }
    if (at - this.lastLipSyncMs >= LIVE.lipSyncEveryMs) {
      this.lastLipSyncMs = at;
      this.flush();
      this.post({ kind: 'update', nowMs: timeMs });
    }
  }

  private summary(): LiveSummary {
    return {
      frame: this.frame,
      faces: this.faces,
      candidate: this.candidate,
      faceFound: this.lastFace !== null,
      frames: { ...this.frameTally },
      mouth: {
        visible: this.lastFace?.mouthVisible ?? false,
        lumaStd: this.lastFace?.mouthLumaStd ?? Number.NaN,
        flatRowShare: this.lastFace?.mouthFlatRowShare ?? Number.NaN,
      },
      pose: this.lastFace?.pose ?? null,
      lipSync: this.lipSyncEstimate,
      faceChecks: this.faceChecks,
      findings: this.findings,
      health: {
        ...this.gate.health(),
        audioLevelDb: this.audioLevelDb,
        longestTaskMs: this.longestTaskMs,
        startup: { ...this.startup },
        modelMsMedian: median(this.modelMs),
        pixelsMsMedian: median(this.pixelsMs),
      },
      events: [...this.events],
    };
  }

  /** Sends the next scan region to the scanner when a scan is due and the scanner is idle. */
  private maybeScan(frame: VideoFrame, at: number): void {
    if (this.scanBusy) return;
    if (this.scanQueue.length === 0) {
      // While the candidate is followed, a light scan (whole frame, 2x2) watches the layout;
      // while searching, the 3x3 grid is added for small tiles.
      const searching = this.candidate.state === 'searching' || this.candidate.state === 'lost';
      if (at - this.lastScanDoneMs < (searching ? LIVE.searchScanEveryMs : LIVE.scanEveryMs)) return;
      this.scanQueue = scanRegions(this.frame, searching ? [2, 3] : [2]);
      this.scanFound = [];
    }
    const region = this.scanQueue.shift() as Box;
    const scale = Math.min(1, LIVE.scanInputPx / Math.max(region.width, region.height));
    this.scanBusy = true;
    createImageBitmap(frame, region.x, region.y, region.width, region.height, {
      resizeWidth: Math.round(region.width * scale),
      resizeHeight: Math.round(region.height * scale),
    })
      .then((bitmap) => this.options.scanner.detect(bitmap, at))
      .then((result) => {
        const inRegion = { width: Math.round(region.width * scale), height: Math.round(region.height * scale) };
        const boxes = extractFaceFeatures(result, inRegion).boxes.map((box) => toFrameBox(box, region, scale));
        this.scanFound.push(...boxes);
        // The first faces of the first scan are proposed at once; the scan's end may refine it.
        if (this.candidate.state === 'searching' && boxes.length > 0) this.propose(mergeFaces(this.scanFound), true);
        // The whole frame and the 2x2 parts come first; when they found faces, the finer 3x3
        // parts are skipped, so the first candidate is proposed within a few model runs.
        const coarseDone = this.scanQueue.length === FINE_SCAN_REGIONS && this.scanFound.length > 0;
        if (coarseDone) this.scanQueue = [];
        if (this.scanQueue.length === 0) this.scanDone(this.now());
      })
      .catch((error: unknown) => this.note(`Layout scan failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.scanBusy = false;
      });
  }

  private scanDone(at: number): void {
    this.lastScanDoneMs = at;
    this.faces = mergeFaces(this.scanFound);
    const early = this.proposedEarly;
    this.proposedEarly = false;
    const { state, box } = this.candidate;
    if (state === 'searching') {
      this.propose(this.faces, false);
    } else if (state === 'proposed' && early && box) {
      // A larger face than the early proposal turned up later in the same scan.
      const largest = pickCandidate(this.faces);
      if (largest && pickCandidate([largest], box) === null && largest.width > box.width) this.propose(this.faces, false);
    } else if (state === 'lost' && box) {
      const again = pickCandidate(this.faces, box) ?? (this.faces.length === 1 ? (this.faces[0] as Box) : null);
      if (again) {
        this.setCandidate('proposed', again);
        this.note('Candidate found again after the layout changed. Check the preview shows the right person.');
      } else if (at - this.lostSinceMs >= CANDIDATE.reproposeAfterMs && this.faces.length > 0) {
        // The tiles moved and resized (a screen share, a new layout): nothing is where the
        // candidate was, so the largest face is proposed and the interviewer asked to check.
        this.setCandidate('proposed', pickCandidate(this.faces));
        this.note('The layout changed and the candidate could not be matched; the largest face is proposed. Click the right face on the preview if it is someone else.');
      }
    }
  }

  /** Proposes the largest of `faces` as the candidate; `early` while the scan is still running. */
  private propose(faces: Box[], early: boolean): void {
    const largest = pickCandidate(faces);
    if (!largest) return;
    this.proposedEarly = early;
    this.setCandidate('proposed', largest);
    this.note(`Candidate proposed: the largest of ${faces.length} face(s) found so far. Click another face on the preview to change.`);
  }

  /**
   * Faces in the candidate's crop: the tracker follows one face, so others come from the latest
   * layout scan (at most LIVE.scanEveryMs old); only faces at least PRESENCE.minOtherFaceShare
   * as wide as the candidate count, as for recordings.
   */
  private facesAroundCandidate(found: boolean, crop: Box): number {
    const candidate = this.candidate.box;
    if (!found || !candidate) return 0;
    const others = this.faces.filter(
      (face) =>
        pickCandidate([face], candidate) === null &&
        face.width >= candidate.width * PRESENCE.minOtherFaceShare &&
        face.x >= crop.x && face.y >= crop.y && face.x + face.width <= crop.x + crop.width && face.y + face.height <= crop.y + crop.height,
    );
    return 1 + others.length;
  }

  private maybeTrack(frame: VideoFrame, timeMs: number, at: number): void {
    const crop = this.crop;
    if (!crop || !this.gate.offer(timeMs)) return;
    const scale = Math.min(1, LIVE.trackInputPx / crop.width);
    const input = { width: Math.round(crop.width * scale), height: Math.round(crop.height * scale) };
    createImageBitmap(frame, crop.x, crop.y, crop.width, crop.height, { resizeWidth: input.width, resizeHeight: input.height })
      .then((bitmap) => this.options.tracker.detect(bitmap, timeMs))
      .then((result) => {
        const features = extractFaceFeatures(result, input);
        const primary = features.primary;
        this.lastFace = primary;
        this.frameTally.analysed++;
        if (primary) this.frameTally.withFace++;
        const faceCount = this.facesAroundCandidate(primary !== null, crop);
        this.pendingFrames.push(toFrameRecord(features, result.thumb ?? null, faceCount));
        if (primary && Number.isNaN(this.startup.firstLandmarksAtMs)) this.startup.firstLandmarksAtMs = this.now();
        this.modelMs.push(result.detectMs);
        if (this.modelMs.length > LIVE.healthSamples) this.modelMs.shift();
        if (result.pixelsMs !== undefined) this.pixelsMs.push(result.pixelsMs);
        if (this.pixelsMs.length > LIVE.healthSamples) this.pixelsMs.shift();
        if (primary && this.crop === crop) {
          const box = toFrameBox(primary.box, crop, scale);
          if (this.candidate.state === 'lost') this.note('The candidate is back in the picture.');
          this.candidate = { state: this.candidate.state === 'lost' ? 'proposed' : this.candidate.state, box };
          this.lastFaceAtMs = at;
          if (needsRecrop(box, crop, this.frame)) this.crop = cropAround(box, this.frame);
        } else if (!primary && this.candidate.state !== 'lost' && at - this.lastFaceAtMs > CANDIDATE.lostAfterMs) {
          this.candidate = { ...this.candidate, state: 'lost' };
          this.lostSinceMs = at;
          this.note('The candidate left the picture or the layout changed; looking for them again.');
          this.rescan();
        }
      })
      .catch((error: unknown) => this.note(`Landmarks failed on a frame: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => this.gate.finish());
  }
}
