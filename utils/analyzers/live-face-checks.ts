/**
 * Face-consistency checks during a call: the same analyzers as for recordings, run over the
 * newest window of samples every LIVE.faceChecksEveryMs (pure; times are ms on the pipeline's
 * clock, findings in seconds since the session started).
 */
import { analyzeFaceChecks, type FaceChecks } from '@/utils/analyzers/face';
import { LIVE } from '@/utils/analyzers/thresholds';
import type { FaceSample } from '@/utils/features/face-sample';
import type { SpeechSeries } from '@/utils/features/signals';
import { SEVERITY_RANK, type Finding } from '@/utils/findings/finding';

/**
 * Adds a window's findings to the session's: a finding of a kind already reported over an
 * overlapping time extends that one (keeping the stronger wording) instead of repeating it.
 */
export function mergeByKind(session: readonly Finding[], window: readonly Finding[]): Finding[] {
  const merged = [...session];
  for (const finding of window) {
    const index = merged.findIndex((f) => f.kind === finding.kind && finding.startS <= f.endS && finding.endS >= f.startS);
    const existing = merged[index];
    if (!existing) {
      merged.push(finding);
      continue;
    }
    const stronger = SEVERITY_RANK[finding.severity] > SEVERITY_RANK[existing.severity] ? finding : existing;
    merged[index] = { ...stronger, startS: Math.min(existing.startS, finding.startS), endS: Math.max(existing.endS, finding.endS) };
  }
  return merged.sort((a, b) => a.startS - b.startS);
}

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
    this.dropBefore(sample.timeMs - LIVE.faceChecksWindowMs);
  }

  private dropBefore(oldestMs: number): void {
    let drop = 0;
    while (drop < this.samples.length && (this.samples[drop] as FaceSample).timeMs < oldestMs) drop++;
    if (drop > 0) this.samples = this.samples.slice(drop);
  }

  /** The face samples in [fromMs, toMs] (within the newest LIVE.faceChecksWindowMs). */
  samplesBetween(fromMs: number, toMs: number): FaceSample[] {
    return this.samples.filter((sample) => sample.timeMs >= fromMs && sample.timeMs <= toMs);
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
    if (now || nowMs - this.lastRunMs >= LIVE.faceChecksEveryMs) {
      this.lastRunMs = nowMs;
      // Paused or without frames, old samples must not pass for the newest window.
      this.dropBefore(nowMs - LIVE.faceChecksWindowMs);
      if (this.samples.length > 0) {
        this.latest = analyzeFaceChecks(this.samples, speech(nowMs - LIVE.faceChecksWindowMs, nowMs), this.sessionStartMs);
        this.findings = mergeByKind(this.findings, this.latest.findings);
      }
    }
    return { findings: this.findings, checks: this.latest };
  }
}
