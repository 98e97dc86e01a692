/**
 * The live pipeline's health figures for the panel and `bench --live`: the tracker's frame rates
 * and arrival-to-result times (from the FrameMeter), the model's, the tracker's, the pixel
 * measures' and the face descriptor's own time, the tracker's busy share, the call's sound level,
 * the longest main-thread task, when the start-up milestones were reached, and the workers restarted.
 */
import { median, quantile } from '@/utils/common/stats';
import type { WorkerFaultRecord, WorkerRestarts } from '@/utils/engine/landmarker-client';
import type { FrameLandmarks } from '@/utils/features/landmarks';
import type { FrameHealth } from '@/utils/tracking/frame-meter';
import type { RestartedWorker, WorkerFault } from '@/utils/wording/worker-restart';
import { LIVE } from './pacing';

/** Start-up milestones, page time (ms since the panel opened); NaN until reached. */
export interface Startup {
  /** The pipeline was created (the capture had started). */
  pipelineAtMs: number;
  firstFrameAtMs: number;
  /** The first candidate was proposed or chosen. */
  candidateAtMs: number;
  firstLandmarksAtMs: number;
}

/** Workers that crashed or hung since the capture started. */
export interface WorkerHealth {
  /** New workers started in place of faulted ones. */
  restarts: number;
  /** The latest fault (null: none yet): which worker, what, and whether a new one took over. */
  last: { worker: RestartedWorker; fault: WorkerFault; restarted: boolean } | null;
}

export interface LiveHealth extends FrameHealth {
  /** Level of the latest audio chunk, dBFS. */
  audioLevelDb: number;
  /** Longest main-thread task seen since capture started, ms (PerformanceObserver longtask: > 50 ms only). */
  longestTaskMs: number;
  startup: Startup;
  /** The model's own time per frame (median of the last results), ms: the rest is waiting for a core. */
  modelMsMedian: number;
  /** The model's own time per frame (95th percentile of the last results), ms: its spread under load. */
  modelMsP95: number;
  /**
   * The tracker worker's own time per frame (95th percentile of the last results), ms: from taking
   * the frame up (crop) to its result, without the wait for the frame before it or the trips.
   */
  workMsP95: number;
  /** The worker's pixel measures for the face checks per frame (median), ms. */
  pixelsMsMedian: number;
  /** The face descriptor on the frames it was read on (median), ms; NaN before the first. */
  describeMsMedian: number;
  /**
   * Share of the last LIVE.rateWindowMs the tracker worker spent on frames (0..1): below 1, it
   * waited for frames; NaN before its first result.
   */
  trackerBusy: number;
  /** This page's own time handling one tracked frame's result (median of the last results), ms. */
  pageMsPerResult: number;
  /**
   * Share of the last LIVE.rateWindowMs this page's thread spent in the pipeline's handlers of
   * tracked results, frames of its own copy and sound (0..1), renders not counted; NaN before the first.
   */
  pageBusy: number;
  workers: WorkerHealth;
}

/** A tracker result's own times, ms. */
type TrackerTimes = Pick<FrameLandmarks, 'detectMs' | 'pixelsMs' | 'workMs'>;

/** Keeps at most LIVE.healthSamples of the newest values. */
function pushRecent(values: number[], value: number): void {
  values.push(value);
  if (values.length > LIVE.healthSamples) values.shift();
}

/** The share of the last LIVE.rateWindowMs spent working: NaN before any work, 0 once it stopped. */
class BusyWindow {
  /** Each recent piece of work, with when it ended. */
  private readonly work: { atMs: number; workMs: number }[] = [];
  private sawWork = false;

  add(atMs: number, workMs: number): void {
    this.sawWork = true;
    this.work.push({ atMs, workMs });
    this.trim(atMs);
  }

  /** Work that ended in the window may have started before it: capped at the whole window. */
  share(nowMs: number): number {
    this.trim(nowMs);
    if (!this.sawWork) return Number.NaN;
    return Math.min(1, this.work.reduce((sum, { workMs }) => sum + workMs, 0) / LIVE.rateWindowMs);
  }

  private trim(nowMs: number): void {
    const since = nowMs - LIVE.rateWindowMs;
    while (this.work.length > 0 && (this.work[0] as { atMs: number }).atMs <= since) this.work.shift();
  }
}

export class HealthMeter {
  private readonly startup: Startup;
  private readonly modelMs: number[] = [];
  private readonly pixelsMs: number[] = [];
  private readonly describeMs: number[] = [];
  private readonly recentWorkMs: number[] = [];
  private readonly trackerWork = new BusyWindow();
  private readonly pageMsPerResult: number[] = [];
  private readonly pageWork = new BusyWindow();
  private audioLevelDb = Number.NaN;
  private longestTaskMs = 0;
  private readonly longTasks: PerformanceObserver | null;
  /** The watched workers, each with its restarts and latest fault when the capture started. */
  private readonly watched: {
    worker: RestartedWorker;
    source: WorkerRestarts;
    restartsBefore: number;
    faultBefore: WorkerFaultRecord | null;
  }[];

  /** `workers`: the pipeline's workers, whose restarts from now on count. */
  constructor(
    private readonly now: () => number,
    workers: Partial<Record<RestartedWorker, WorkerRestarts>> = {},
  ) {
    this.watched = Object.entries(workers).map(([worker, source]) => ({
      worker: worker as RestartedWorker,
      source,
      restartsBefore: source.restarts,
      faultBefore: source.lastFault,
    }));
    this.startup = {
      pipelineAtMs: now(),
      firstFrameAtMs: Number.NaN,
      candidateAtMs: Number.NaN,
      firstLandmarksAtMs: Number.NaN,
    };
    this.longTasks = PerformanceObserver.supportedEntryTypes.includes('longtask')
      ? new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) this.longestTaskMs = Math.max(this.longestTaskMs, entry.duration);
        })
      : null;
    this.longTasks?.observe({ type: 'longtask' });
  }

  /** Marks a milestone the first time it is reached. */
  reached(milestone: Exclude<keyof Startup, 'pipelineAtMs'>): void {
    if (Number.isNaN(this.startup[milestone])) this.startup[milestone] = this.now();
  }

  /** One tracker result's own times, ms. */
  result({ detectMs, pixelsMs, workMs }: TrackerTimes): void {
    pushRecent(this.modelMs, detectMs);
    if (pixelsMs !== undefined) pushRecent(this.pixelsMs, pixelsMs);
    if (workMs !== undefined) {
      pushRecent(this.recentWorkMs, workMs);
      this.trackerWork.add(this.now(), workMs);
    }
  }

  /** This page's time in one of the pipeline's handlers, ms; `result`: a tracked frame's result. */
  handled(workMs: number, result: boolean): void {
    if (result) pushRecent(this.pageMsPerResult, workMs);
    this.pageWork.add(this.now(), workMs);
  }

  /** The face descriptor's time on one reading of the candidate's face (in the scanner), ms. */
  described(describeMs: number): void {
    pushRecent(this.describeMs, describeMs);
  }

  /** The level of a mono audio chunk. */
  audio(samples: Float32Array): void {
    let sum = 0;
    for (const sample of samples) sum += sample * sample;
    this.audioLevelDb = 10 * Math.log10(sum / Math.max(1, samples.length) + 1e-10);
  }

  snapshot(frames: FrameHealth): LiveHealth {
    return {
      ...frames,
      audioLevelDb: this.audioLevelDb,
      longestTaskMs: this.longestTaskMs,
      startup: { ...this.startup },
      modelMsMedian: median(this.modelMs),
      modelMsP95: quantile(this.modelMs, 0.95),
      workMsP95: quantile(this.recentWorkMs, 0.95),
      pixelsMsMedian: median(this.pixelsMs),
      describeMsMedian: median(this.describeMs),
      trackerBusy: this.trackerWork.share(this.now()),
      pageMsPerResult: median(this.pageMsPerResult),
      pageBusy: this.pageWork.share(this.now()),
      workers: this.workerHealth(),
    };
  }

  private workerHealth(): WorkerHealth {
    let restarts = 0;
    let last: (WorkerHealth['last'] & { atMs: number }) | null = null;
    for (const { worker, source, restartsBefore, faultBefore } of this.watched) {
      restarts += source.restarts - restartsBefore;
      const fault = source.lastFault;
      if (fault && fault !== faultBefore && (!last || fault.atMs >= last.atMs)) last = { worker, ...fault };
    }
    return { restarts, last: last && { worker: last.worker, fault: last.fault, restarted: last.restarted } };
  }

  stop(): void {
    this.longTasks?.disconnect();
  }
}
