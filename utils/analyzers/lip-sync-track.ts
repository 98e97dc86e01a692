import type { Finding } from '@/utils/findings/finding';
import { mergeWindows } from '@/utils/findings/merge';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { type LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { estimateLipSync, type LipSyncOptions } from './lip-sync';
import { lipSyncFindings } from './lip-sync-findings';
import { silentFaceFindings } from './silent-face';
import { LIP_SYNC_TRACK } from '@/utils/analyzers/windows';

export interface LipSyncTrack {
  /** The recording's verdict: the estimate over the stretch of one person with the most speech. */
  overall: LipSyncEstimate;
  /** One estimate per stretch of one person (the recording cut at changes of person), in time order. */
  stretches: LipSyncEstimate[];
  /** Overlapping windows in time order, never across a cut, for the timeline and for findings that come and go. */
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

/** [startMs, endMs) cut at each time in `cutsMs` inside it. */
function stretchRanges(startMs: number, endMs: number, cutsMs: readonly number[]): [number, number][] {
  const inside = [...cutsMs].filter((cut) => cut > startMs && cut < endMs).sort((a, b) => a - b);
  const edges = [startMs, ...inside, endMs];
  return edges.slice(1).map((end, i) => [edges[i] as number, end]);
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

/**
 * Lip-sync over a whole recording (pure): per stretch of one person (cut at `cutsMs`, the changes
 * of person the face checks found: two real speakers joined are each in sync, together they are
 * not), windows within each stretch, and their merged findings with the silent-face ones.
 */
export function analyzeLipSyncTrack(
  mouth: MouthSeries,
  speech: SpeechSeries,
  startMs: number,
  endMs: number,
  options: LipSyncOptions = {},
  cutsMs: readonly number[] = [],
): LipSyncTrack {
  const ranges = stretchRanges(startMs, endMs, cutsMs);
  const stretches = ranges.map(([from, to]) => estimateLipSync(mouth, speech, from, to, options));
  const perStretch = ranges.map(([from, to], i) => {
    const windows = windowRanges(from, to).map(([a, b]) => estimateLipSync(mouth, speech, a, b, options));
    const findings = mergeWindows(windows.map(lipSyncFindings));
    const whole = stretches[i] as LipSyncEstimate;
    const sync = findings.length > 0 || windows.length === 1 ? findings : lipSyncFindings(whole);
    return { windows, findings: [...sync, ...silentFaceFindings(mouth, speech, from, to)] };
  });
  const overall = stretches.reduce((best, stretch) => (stretch.speechS > best.speechS ? stretch : best));
  const [firstFrom, firstTo] = ranges[0] as [number, number];
  return {
    overall,
    stretches,
    windows: perStretch.flatMap((stretch) => stretch.windows),
    verdictAfterSpeechS: speechBeforeFirstVerdict(mouth, speech, firstFrom, firstTo, options),
    findings: mergeWindows(perStretch.map((stretch) => stretch.findings)),
  };
}
