/**
 * The live path from a captured call stream to features and findings (the browser edge: frames,
 * audio chunks and the landmarker workers; the decisions are in the pure modules it calls).
 *
 * The tracker worker reads the call's video itself (a MediaStreamTrackProcessor's readable,
 * transferred: its frames never pass through this thread) and analyses the newest frame whenever
 * its model is free, in the crop around the candidate that this page aims it at. This page reads a
 * copy of the track at LIVE.pageFrameRate for what needs fewer frames: layout scans and the
 * candidate's description (the scanner cuts its own region of a frame), and the preview. Audio
 * chunks feed the speech envelope. Per-frame data stays here and in the analysis worker; the panel
 * gets a throttled summary.
 */
import type { CheckedVerifier } from '@/utils/checklist/prompts';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { FollowedFrame, FrameCrop } from '@/utils/engine/landmarker-protocol';
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
import { idPhotoRegions, iou, toFrameBox, type ScannedFace } from '@/utils/tracking/candidate';
import { CANDIDATE } from '@/utils/tracking/settings';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { CandidateMachine, type CandidateEffect } from '@/utils/tracking/candidate-machine';
import { FrameMeter } from '@/utils/tracking/frame-meter';
import { LayoutScan } from '@/utils/tracking/layout-scan';
import { StreamClock } from '@/utils/tracking/stream-clock';
import { TrackerAim } from '@/utils/tracking/tracker-aim';
import { AnalysisLink, type AnalysisWorkerLike, type AnswerCheck, type Timers } from './analysis-link';
import type { LiveIdentity } from './live-analysis-protocol';
import AnalysisWorker from './live-analysis.worker.ts?worker';
import StillWorker from './preview-still.worker.ts?worker';
import { HealthMeter } from './live-health';
import type { LiveSummary } from '@/utils/live/live-summary';
import { LIVE } from './pacing';
import { PreviewStills } from './preview-stills';
import { audioPlanes, readTrack, type TrackReader } from './track-reader';
import { messageOf } from '@/utils/common/error-message';

export interface LivePipelineOptions {
  tracker: Pick<LandmarkerClient, 'follow' | 'aim' | 'unfollow' | 'restarts' | 'lastFault'>;
  scanner: Pick<LandmarkerClient, 'detect' | 'restarts' | 'lastFault'>;
  onSummary: (summary: LiveSummary) => void;
  /** Read the candidate's face identity (the interviewer consented and did not switch it off). */
  identity?: boolean;
  /** A small picture of the call a few times a second, for the preview; the receiver closes it. */
  onPreview?: (picture: ImageBitmap) => void;
  now?: () => number;
  timers?: Timers;
  /** Starts an analysis worker (again, after one crashed or hung). */
  startWorker?: () => AnalysisWorkerLike;
}

const describedOf = (faces: readonly ScannedFace[]): Float32Array[] =>
  faces.flatMap((face) => (face.descriptor ? [face.descriptor] : []));

/**
 * The crop that gives the model `region` of the frame with its longer side at most `maxPx`
 * (enlarged to `minPx` where asked: small faces to describe), and the scale it was given at.
 */
function cropFor(region: Box, maxPx: number, minPx = 0): { crop: FrameCrop; input: FrameSize; scale: number } {
  const longSide = Math.max(region.width, region.height);
  const scale = Math.max(Math.min(1, maxPx / longSide), Math.min(minPx, maxPx) / longSide);
  const input = { width: Math.round(region.width * scale), height: Math.round(region.height * scale) };
  return { crop: { ...region, outWidth: input.width, outHeight: input.height }, input, scale };
}

/**
 * Runs `detector` on `region` of the frame (see cropFor; the worker cuts it from a clone of the
 * frame); gives the result with the input size and scale, to map boxes back into frame px.
 */
async function detectIn(
  frame: VideoFrame,
  region: Box,
  maxPx: number,
  detector: Pick<LandmarkerClient, 'detect'>,
  timeMs: number,
  describe = false,
  minPx = 0,
): Promise<{ result: FrameLandmarks; input: FrameSize; scale: number }> {
  const { crop, input, scale } = cropFor(region, maxPx, minPx);
  const result = await detector.detect(frame.clone(), timeMs, { describe, upscale: Math.max(1, scale), crop });
  return { result, input, scale };
}

/** The result without identity descriptors: one asked for before identity was switched off. */
function withoutDescriptors(result: FrameLandmarks): FrameLandmarks {
  return { ...result, faces: result.faces.map((face) => ({ ...face, descriptor: undefined })) };
}

/** Faces found in a region, in frame px, each with its descriptor where one was computed. */
function scannedFaces(result: FrameLandmarks, input: FrameSize, region: Box, scale: number): ScannedFace[] {
  const features = extractFaceFeatures(result, input);
  return features.boxes.map((box, index) => ({
    ...toFrameBox(box, region, scale),
    descriptor: features.descriptors[index] ?? null,
  }));
}

export class LivePipeline {
  private readonly now: () => number;
  private readonly startMs: number;
  private readonly frames: FrameMeter;
  private readonly health: HealthMeter;
  private readonly analysis: AnalysisLink;
  private readonly candidate = new CandidateMachine();
  private readonly scan = new LayoutScan({ everyMs: LIVE.scanEveryMs, searchingEveryMs: LIVE.searchScanEveryMs });
  private readonly videoClock = new StreamClock();
  private readonly audioClock = new StreamClock();
  private readonly readers: TrackReader[];
  /** The page's own copy of the video track, and the tracker worker's (a new one for a new worker). */
  private readonly pageVideo: MediaStreamTrack;
  private trackerVideo: MediaStreamTrack | null = null;
  private readonly aim = new TrackerAim(LIVE.cropsInFlight);
  private paused = false;
  private identityOn: boolean;
  private identity: LiveIdentity = { profile: null, described: 0 };
  private lastDescribedMs = -Infinity;
  private describeBusy = false;
  /** The candidate's latest descriptor from the scanner, for the next analysed frame. */
  private pendingDescriptor: Float32Array | null = null;
  /** Counts the faces that became the candidate, so a descriptor read of an earlier one is dropped. */
  private faceGeneration = 0;
  /** Other faces' descriptors from the latest layout scan and ID search, for the next analysed frame. */
  private pendingOthers: Float32Array[] = [];
  private pendingIdPhotos: Float32Array[] = [];
  /** Until when the candidate's crop is searched for an ID photo's face (pipeline clock, ms). */
  private idWatchUntilMs = -Infinity;
  private lastIdScanMs = -Infinity;
  private idScanBusy = false;
  private idRegionIndex = 0;

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
  private readonly stills: PreviewStills | null;

  constructor(
    stream: MediaStream,
    private readonly options: LivePipelineOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.identityOn = options.identity ?? false;
    this.startMs = this.now();
    this.frames = new FrameMeter(this.now, LIVE.healthSamples, LIVE.rateWindowMs);
    this.analysis = new AnalysisLink(
      options.startWorker ?? (() => new AnalysisWorker()),
      this.startMs,
      (reply) => {
        this.estimate = { lipSync: reply.estimate, faceChecks: reply.faceChecks, findings: reply.findings };
        this.identity = this.identityOn ? reply.identity : { profile: null, described: 0 };
        this.candidate.setProfile(this.identity.profile?.descriptor ?? null);
      },
      this.now,
      options.timers,
    );
    this.stills = options.onPreview ? new PreviewStills(() => new StillWorker(), options.onPreview) : null;
    this.health = new HealthMeter(this.now, {
      tracker: options.tracker,
      scanner: options.scanner,
      analysis: this.analysis,
    });
    const [video] = stream.getVideoTracks();
    const [audio] = stream.getAudioTracks();
    if (!video) throw new Error('The capture has no video.');
    this.pageVideo = video.clone();
    // Where the browser cannot thin this copy, the page reads every frame, as it closes them unused.
    this.pageVideo.applyConstraints({ frameRate: LIVE.pageFrameRate }).catch(() => undefined);
    this.readers = [readTrack<VideoFrame>(this.pageVideo, (frame) => this.timed(() => this.onFrame(frame)))];
    if (audio) this.readers.push(readTrack<AudioData>(audio, (data) => this.timed(() => this.onAudio(data))));
    options.tracker.follow({
      frames: () => {
        this.trackerVideo?.stop();
        this.trackerVideo = video.clone();
        return new MediaStreamTrackProcessor({ track: this.trackerVideo }).readable;
      },
      onFrame: (followed) => this.timed(() => this.onFollowed(followed), true),
      onProblem: (message, arrivals) => {
        this.frames.failed(arrivals);
        this.note(`Landmarks failed on a frame: ${message}`);
      },
    });
  }

  /** Pause keeps the capture but analyses nothing; resume picks up from the next frame. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.aimTracker();
  }

  /** Face identity on or off for this session: off, no face is described and the profile is dropped. */
  setIdentity(on: boolean): void {
    this.identityOn = on;
    if (!on) {
      this.identity = { profile: null, described: 0 };
      this.candidate.setProfile(null);
      this.idWatchUntilMs = -Infinity;
      this.pendingOthers = [];
      this.pendingIdPhotos = [];
      this.pendingDescriptor = null;
      this.analysis.forgetIdentity();
    }
  }

  /**
   * A challenge prompt's answer is due by `untilMs` (pipeline clock): the photo-ID check needs the
   * ID's face described while it is held up, so the candidate's crop is searched for it meanwhile.
   */
  prepare(verifier: CheckedVerifier, untilMs: number): void {
    if (verifier === 'photo-id' && this.identityOn) this.idWatchUntilMs = untilMs;
  }

  /** The interviewer picked a face on the preview (frame px). */
  choose(face: Box): void {
    this.apply(this.candidate.choose(face, this.now()));
  }

  /** The interviewer asked for the next face as the candidate (see CandidateMachine.chooseNext). */
  chooseNext(): void {
    this.apply(this.candidate.chooseNext(this.now()));
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
    this.stills?.stop();
    this.health.stop();
    this.options.tracker.unfollow();
    for (const reader of this.readers) reader.stop();
    this.pageVideo.stop();
    this.trackerVideo?.stop();
  }

  private note(text: string): void {
    this.events.push({ atS: (this.now() - this.startMs) / 1000, text });
    if (this.events.length > LIVE.maxEvents) this.events.shift();
  }

  /** Another face became the candidate: nothing read of the previous one may join its records. */
  private forgetFace(): void {
    this.faceGeneration++;
    this.pendingDescriptor = null;
    this.lastDescribedMs = -Infinity;
    this.analysis.forgetFace();
    this.aim.candidateChanged();
  }

  /** Carries out what the candidate machine asked for. */
  private apply(effects: CandidateEffect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'note') this.note(effect.text);
      else if (effect.kind === 'rescan') this.scan.rescan();
      else this.forgetFace();
    }
    if (this.candidate.candidate.box) this.health.reached('candidateAtMs');
    this.aimTracker();
  }

  /** Tells the tracker where to analyse when the candidate's crop moved (nowhere while paused). */
  private aimTracker(): void {
    const region = this.paused ? null : this.candidate.crop;
    if (this.aim.to(region)) this.options.tracker.aim(region ? cropFor(region, LIVE.trackInputPx).crop : null);
  }

  /** Runs one of the per-frame handlers, counting its time on this page's thread. */
  private timed(handle: () => void, result = false): void {
    const startMs = this.now();
    try {
      handle();
    } finally {
      this.health.handled(this.now() - startMs, result);
    }
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
      this.maybeWatchIdPhoto(frame, at);
      this.maybeDescribe(frame, timeMs);
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
    if (!this.stills || at - this.lastPreviewMs < LIVE.previewEveryMs) return;
    this.lastPreviewMs = at;
    const width = Math.min(LIVE.previewWidthPx, this.frame.width);
    const height = Math.round((this.frame.height * width) / this.frame.width);
    this.stills.offer(frame, width, height);
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
      identity: this.identity,
      health: this.health.snapshot(this.frames.health()),
      events: [...this.events],
    };
  }

  /** Sends the next scan region to the scanner when a scan is due and the previous region is done. */
  private maybeScan(frame: VideoFrame, at: number): void {
    const region = this.scan.next(this.frame, at, this.candidate.searching);
    if (!region) return;
    // Faces are described once there is a profile to compare them with.
    const describe = this.identityOn && this.identity.profile !== null;
    detectIn(frame, region, LIVE.scanInputPx, this.options.scanner, at, describe)
      .then(({ result, input, scale }) => {
        const faces = scannedFaces(this.identityOn ? result : withoutDescriptors(result), input, region, scale);
        const doneAt = this.now();
        const { foundSoFar, done } = this.scan.result(faces, doneAt);
        this.apply(this.candidate.scanned(faces, foundSoFar, doneAt));
        if (done) {
          this.apply(this.candidate.scanDone(foundSoFar, doneAt));
          if (describe && this.identityOn) this.pendingOthers = describedOf(this.candidate.others);
        }
      })
      .catch((error: unknown) => {
        this.scan.failed();
        this.note(`Layout scan failed: ${messageOf(error)}`);
      });
  }

  /**
   * While a photo-ID answer is open, the squares beside and below the candidate's face go to the
   * scanner in turn (up to four faces, described) about once a second: small faces there are the ID's.
   */
  private maybeWatchIdPhoto(frame: VideoFrame, at: number): void {
    const box = this.candidate.candidate.box;
    if (!box || !this.identityOn || at > this.idWatchUntilMs || this.idScanBusy) return;
    if (at - this.lastIdScanMs < DESCRIPTOR.idWatchEveryMs) return;
    const regions = idPhotoRegions(box, this.frame);
    const region = regions[this.idRegionIndex++ % Math.max(1, regions.length)];
    if (!region) return;
    this.lastIdScanMs = at;
    this.idScanBusy = true;
    detectIn(frame, region, LIVE.scanInputPx, this.options.scanner, at, true, LIVE.idInputMinPx)
      .then(({ result, input, scale }) => {
        // Faces as large as the candidate's are other people's tiles, not a photo on a card.
        const faces = scannedFaces(result, input, region, scale).filter(
          (face) => face.width < box.width * CANDIDATE.idFaceMaxShare && iou(face, box) === 0,
        );
        if (this.identityOn) this.pendingIdPhotos = describedOf(faces);
      })
      .catch((error: unknown) => this.note(`ID photo search failed on a frame: ${messageOf(error)}`))
      .finally(() => (this.idScanBusy = false));
  }

  /**
   * Every DESCRIPTOR.liveIntervalMs the scanner describes the candidate's face in the tracker's
   * crop, so the tracker never waits for the descriptor; it joins the next analysed frame.
   */
  private maybeDescribe(frame: VideoFrame, timeMs: number): void {
    const crop = this.candidate.crop;
    if (!crop || !this.identityOn || this.describeBusy) return;
    if (timeMs - this.lastDescribedMs < DESCRIPTOR.liveIntervalMs) return;
    this.lastDescribedMs = timeMs;
    this.describeBusy = true;
    const face = this.faceGeneration;
    detectIn(frame, crop, LIVE.trackInputPx, this.options.scanner, timeMs, true)
      .then(({ result, input }) => {
        if (result.describeMs !== undefined) this.health.described(result.describeMs);
        const descriptor = extractFaceFeatures(result, input).primary?.descriptor ?? null;
        // Read before another face became the candidate: it is the previous person's.
        if (this.identityOn && descriptor && face === this.faceGeneration) this.pendingDescriptor = descriptor;
      })
      .catch((error: unknown) => this.note(`Describing the candidate's face failed: ${messageOf(error)}`))
      .finally(() => (this.describeBusy = false));
  }

  /** A frame the tracker analysed: its time on this page's clock, its crop's place in the frame. */
  private onFollowed({ result, crop, frameTimestampMs, sinceArrivalMs, arrivals }: FollowedFrame): void {
    const arrivedAtMs = this.now() - sinceArrivalMs;
    this.frames.analysed(arrivals, arrivedAtMs);
    const region = { x: crop.x, y: crop.y, width: crop.width, height: crop.height };
    if (this.paused || !this.aim.ofCandidate(region)) return;
    const timeMs = this.videoClock.toLocal(frameTimestampMs, arrivedAtMs);
    const { input, scale } = cropFor(region, LIVE.trackInputPx);
    this.tracked({ ...result, timestampMs: timeMs }, input, region, scale, arrivedAtMs);
  }

  /** One tracked frame's landmarks (`input`: the crop as the model got it) into a frame record. */
  private tracked(result: FrameLandmarks, input: FrameSize, crop: Box, scale: number, at: number): void {
    const seen = extractFaceFeatures(result, input);
    const descriptor = seen.primary && this.identityOn ? this.pendingDescriptor : null;
    const features = descriptor && seen.primary ? { ...seen, primary: { ...seen.primary, descriptor } } : seen;
    if (descriptor) this.pendingDescriptor = null;
    const primary = features.primary;
    this.lastFace = primary;
    this.tally.analysed++;
    if (primary) {
      this.tally.withFace++;
      this.health.reached('firstLandmarksAtMs');
    }
    const faces = {
      faceCount: this.candidate.facesAround(primary !== null, crop),
      otherDescriptors: this.pendingOthers,
      idPhotoDescriptors: this.pendingIdPhotos,
    };
    this.pendingOthers = [];
    this.pendingIdPhotos = [];
    this.analysis.pushFrame(toFrameRecord(features, result.thumb ?? null, faces));
    this.health.result(result);
    this.apply(this.candidate.tracked(primary ? toFrameBox(primary.box, crop, scale) : null, crop, at));
  }
}
