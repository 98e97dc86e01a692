/**
 * Face-consistency checks during a call: the same analyzers as for recordings, run over the
 * newest window of samples every FACE_CHECKS_TRACK.everyMs (pure; times are ms on the pipeline's
 * clock, findings in seconds since the session started).
 */
import { analyzeFaceChecks, type FaceChecks } from '@/utils/analyzers/face';
import type { FaceSample } from '@/utils/features/face-sample';
import type { SpeechSeries } from '@/utils/features/signals';
import type { Finding } from '@/utils/findings/finding';
import { mergeFindings } from '@/utils/findings/merge';
import { FACE_CHECKS_TRACK } from '@/utils/analyzers/windows';

export class LiveFaceChecks {
  private samples: FaceSample[] = [];
  private findings: Finding[] = [];
  private lastRunMs: number;
  private latest: FaceChecks | null = null;

  /** `sessionStartMs`: the pipeline-clock time that is 0 s in findings; the first run is a step later. */
  constructor(private readonly sessionStartMs: number) {
    this.lastRunMs = sessionStartMs;
  }

  push(sample: FaceSample): void {
    this.samples.push(sample);
    this.dropBefore(sample.timeMs - FACE_CHECKS_TRACK.windowMs);
  }

  private dropBefore(oldestMs: number): void {
    let drop = 0;
    while (drop < this.samples.length && (this.samples[drop] as FaceSample).timeMs < oldestMs) drop++;
    if (drop > 0) this.samples = this.samples.slice(drop);
  }

  /** The face samples in [fromMs, toMs] (within the newest FACE_CHECKS_TRACK.windowMs). */
  samplesBetween(fromMs: number, toMs: number): FaceSample[] {
    return this.samples.filter((sample) => sample.timeMs >= fromMs && sample.timeMs <= toMs);
  }

  /** Face identity was switched off: the samples kept lose every face descriptor. */
  forgetDescriptors(): void {
    this.samples = this.samples.map((sample) => ({
      ...sample,
      face: sample.face && { ...sample.face, descriptor: null },
      otherDescriptors: [],
      idPhotoDescriptors: [],
    }));
  }

  /** Another person became the candidate: their face history and measures start now. */
  forgetFace(): void {
    this.samples = [];
    this.latest = null;
  }

  /**
   * Runs the checks over the window ending at `nowMs` when they are due or asked for `now` (`speech` gives the sound
   * of that window, read only then); returns the session's face findings and the newest window's
   * measures (null before the first run).
   */
  update(
    nowMs: number,
    speech: (fromMs: number, toMs: number) => SpeechSeries,
    { now = false }: { now?: boolean } = {},
  ): { findings: Finding[]; checks: FaceChecks | null } {
    if (now || nowMs - this.lastRunMs >= FACE_CHECKS_TRACK.everyMs) {
      this.lastRunMs = nowMs;
      // Paused or without frames, old samples must not pass for the newest window.
      this.dropBefore(nowMs - FACE_CHECKS_TRACK.windowMs);
      if (this.samples.length > 0) {
        this.latest = analyzeFaceChecks(
          this.samples,
          speech(nowMs - FACE_CHECKS_TRACK.windowMs, nowMs),
          this.sessionStartMs,
        );
        this.findings = mergeFindings(this.findings, this.latest.findings);
      }
    }
    return { findings: this.findings, checks: this.latest };
  }
}
