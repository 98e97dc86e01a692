/**
 * Lip sync replayed on a recording's exported signals, for `npm run bench -- --lip` (bundled by
 * esbuild and run in Node): the extension's own track (utils/analyzers/lip-sync-track.ts) over the
 * whole recording or a stretch of it, with either method and the recording's changes of person as
 * cuts, so that the envelope method ("before") and the learned map ("after") are compared on the
 * same extracted signals; and the mouth opening's spread per silent-face window, to find still faces.
 */
import { analyzeLipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import { SILENT_FACE } from '@/utils/common/thresholds';
import { roundOrNull } from '@/utils/common/numbers';
import type { Finding } from '@/utils/findings/finding';
import type { LipSyncMethod, LipSyncVerdict } from '@/utils/findings/lip-sync-estimate';
import { AUDIO_HOP_MS } from '@/utils/features/audio-features';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { personChangesMs } from '@/utils/recording/analyze-file';
import { readSignals, signalsToSeries } from '@/utils/report/signals-schema';

export interface ReplaySeries {
  mouth: MouthSeries;
  speech: SpeechSeries;
  /** Where the analysis ends for the whole recording, as analyze-file.ts computes it, ms. */
  endMs: number;
}

/** What the replay gives, in the report's units (s, ms rounded as the report rounds them). */
export interface Replay {
  verdict: LipSyncVerdict;
  offsetMs: number | null;
  confidence: number;
  verdictAfterSpeechS: number | null;
  method: LipSyncMethod;
  stretches: { startS: number; endS: number; verdict: LipSyncVerdict; offsetMs: number | null }[];
  findings: Finding[];
}

/** A signals export (parsed JSON, read and migrated by the extension's own reader) as series. */
export function loadSignals(json: unknown, durationS: number): ReplaySeries {
  const read = readSignals(json);
  if ('problem' in read) throw new Error(read.problem);
  const { mouth, speech } = signalsToSeries(read.signals);
  return { mouth, speech, endMs: Math.max(durationS * 1000, (mouth.timesMs[mouth.timesMs.length - 1] ?? 0) + 1) };
}

/** The changes of person in a report's findings, as the recording analysis cuts lip sync at them, ms. */
export function cutsOf(findings: readonly Finding[]): number[] {
  return personChangesMs(findings);
}

/**
 * The lip-sync track over [fromMs, toMs) (the whole recording by default) with `method`
 * (undefined: the extension's default, the learned map where the signals carry its inputs).
 */
export function replayLipSync(
  series: ReplaySeries,
  {
    method,
    fromMs = 0,
    toMs = series.endMs,
    cutsMs = [],
  }: {
    method?: LipSyncMethod;
    fromMs?: number;
    toMs?: number;
    cutsMs?: readonly number[];
  },
): Replay {
  const track = analyzeLipSyncTrack(series.mouth, series.speech, fromMs, toMs, method ? { method } : {}, cutsMs);
  return {
    verdict: track.overall.verdict,
    offsetMs: roundOrNull(track.overall.offsetMs, 1),
    confidence: Number(track.overall.confidence.toFixed(3)),
    verdictAfterSpeechS: roundOrNull(track.verdictAfterSpeechS, 1),
    method: track.overall.method,
    stretches: track.stretches.map((stretch) => ({
      startS: stretch.startMs / 1000,
      endS: stretch.endMs / 1000,
      verdict: stretch.verdict,
      offsetMs: roundOrNull(stretch.offsetMs, 1),
    })),
    findings: track.findings,
  };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
}

/** The silent-face settings (window, still spread, least voice, seen and heard shares), for the bench's tables. */
export { SILENT_FACE };

export interface SpreadWindow {
  fromMs: number;
  /** 90th minus 10th percentile of the mouth opening in the window; null where it was never seen. */
  spread: number | null;
  /** Share of the window's frames with the mouth seen. */
  seenShare: number;
  /** Speech heard in the window, s. */
  voicedS: number;
  /** Share of the window the sound covers. */
  heardShare: number;
}

/**
 * The mouth opening's spread over the silent-face windows (SILENT_FACE.windowMs every stepMs) of
 * [fromMs, toMs), as utils/analyzers/silent-face.ts reads it.
 */
export function mouthSpreads(series: ReplaySeries, fromMs = 0, toMs = series.endMs): SpreadWindow[] {
  const { mouth, speech } = series;
  const out: SpreadWindow[] = [];
  for (let from = fromMs; from + SILENT_FACE.windowMs <= toMs; from += SILENT_FACE.stepMs) {
    const to = from + SILENT_FACE.windowMs;
    const open: number[] = [];
    let frames = 0;
    mouth.timesMs.forEach((t, i) => {
      if (t < from || t >= to) return;
      frames++;
      const value = mouth.open[i] as number;
      if (Number.isFinite(value)) open.push(value);
    });
    // Hops count at their nominal length, as silent-face.ts counts them.
    let hops = 0;
    let voiced = 0;
    speech.timesMs.forEach((t, i) => {
      if (t < from || t >= to) return;
      hops++;
      voiced += speech.voiced[i] as number;
    });
    open.sort((a, b) => a - b);
    out.push({
      fromMs: from,
      spread: open.length > 0 ? quantile(open, 0.9) - quantile(open, 0.1) : null,
      seenShare: frames > 0 ? open.length / frames : 0,
      voicedS: (voiced * AUDIO_HOP_MS) / 1000,
      heardShare: Math.min(1, (hops * AUDIO_HOP_MS) / SILENT_FACE.windowMs),
    });
  }
  return out;
}
