import type { Finding } from '@/utils/findings/finding';
import { mergeWindows } from '@/utils/findings/merge';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { type LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { estimateLipSync, type LipSyncOptions } from './lip-sync';
import { lipSyncFindings } from './lip-sync-findings';
import { LIP_SYNC_TRACK } from '@/utils/analyzers/windows';

export interface LipSyncTrack {
  /** One estimate over everything: the recording's verdict. */
  overall: LipSyncEstimate;
  /** Overlapping windows in time order, for the timeline and for findings that come and go. */
  windows: LipSyncEstimate[];
  /** Speech heard before the first verdict other than `insufficient`, s; NaN if none came. */
  verdictAfterSpeechS: number;
  findings: Finding[];
}

/** Window starts covering [startMs, endMs); a stretch shorter than one window is one window. */
function windowRanges(startMs: number, endMs: number): [number, number][] {
  const { windowMs, stepMs } = LIP_SYNC_TRACK;
  if (endMs - startMs <= windowMs) return [[startMs, endMs]];
  const ranges: [number, number][] = [];
  for (let from = startMs; from + windowMs <= endMs + stepMs - 1; from += stepMs) {
    ranges.push([Math.min(from, endMs - windowMs), Math.min(from + windowMs, endMs)]);
  }
  return ranges;
}

/** The first verdict in a window growing from the start: how much speech it took. */
function speechBeforeFirstVerdict(
  mouth: MouthSeries,
  speech: SpeechSeries,
  startMs: number,
  endMs: number,
  options: LipSyncOptions,
): number {
  const limit = Math.min(endMs, startMs + LIP_SYNC_TRACK.windowMs);
  for (let to = startMs + LIP_SYNC_TRACK.firstVerdictStepMs; to <= limit; to += LIP_SYNC_TRACK.firstVerdictStepMs) {
    const estimate = estimateLipSync(mouth, speech, startMs, to, options);
    if (estimate.verdict !== 'insufficient') return estimate.speechS;
  }
  return Number.NaN;
}

/** Lip-sync over a whole recording (pure): overall verdict, windows, and merged findings. */
export function analyzeLipSyncTrack(
  mouth: MouthSeries,
  speech: SpeechSeries,
  startMs: number,
  endMs: number,
  options: LipSyncOptions = {},
): LipSyncTrack {
  const overall = estimateLipSync(mouth, speech, startMs, endMs, options);
  const windows = windowRanges(startMs, endMs).map(([from, to]) => estimateLipSync(mouth, speech, from, to, options));
  const findings = mergeWindows(windows.map(lipSyncFindings));
  return {
    overall,
    windows,
    verdictAfterSpeechS: speechBeforeFirstVerdict(mouth, speech, startMs, endMs, options),
    findings: findings.length > 0 || windows.length === 1 ? findings : lipSyncFindings(overall),
  };
}
