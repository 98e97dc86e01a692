/**
 * Lip sync replayed on a recording's exported signals, for `npm run bench -- --lip` (bundled by
 * esbuild and run in Node): the extension's own track (utils/analyzers/lip-sync-track.ts) over the
 * whole recording or a stretch of it, with either method and the recording's changes of person as
 * cuts, so that the envelope method ("before") and the learned map ("after") are compared on the
 * same extracted signals; and the mouth opening's spread per silent-face window, to find still faces.
 */
import { analyzeLipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import { SILENT_FACE } from '@/utils/common/thresholds';
import { silentFaceWindows } from '@/utils/analyzers/silent-face';
import { reportLipSync } from '@/utils/report/build-report';
import type { AnalysisReport } from '@/utils/report/analysis-report';
import type { Finding } from '@/utils/findings/finding';
import type { LipSyncMethod } from '@/utils/findings/lip-sync-estimate';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { personChangesMs } from '@/utils/recording/analyze-file';
import { readSignals, signalsToSeries } from '@/utils/report/signals-schema';

export interface ReplaySeries {
  mouth: MouthSeries;
  speech: SpeechSeries;
  /** Where the analysis ends for the whole recording, as analyze-file.ts computes it, ms. */
  endMs: number;
}

/** What the replay gives: the report's lip-sync section (units and rounding as the report's) and the findings. */
export type Replay = AnalysisReport['lipSync'] & { findings: Finding[] };

/** A signals export (parsed JSON, read and migrated by the extension's own reader) as series. */
export function loadSignals(json: unknown, durationS: number): ReplaySeries {
  const read = readSignals(json);
  if ('problem' in read) throw new Error(read.problem);
  const { mouth, speech } = signalsToSeries(read.signals);
  return { mouth, speech, endMs: Math.max(durationS * 1000, (mouth.timesMs[mouth.timesMs.length - 1] ?? 0) + 1) };
}

/** The changes of person in a report's findings, as the recording analysis cuts lip sync at them, ms. */
export { personChangesMs };

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
  return { ...reportLipSync(track), findings: track.findings };
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
 * The mouth opening's spread, and the voice, over the silent-face windows of [fromMs, toMs), as
 * utils/analyzers/silent-face.ts reads them.
 */
export function mouthSpreads(series: ReplaySeries, fromMs = 0, toMs = series.endMs): SpreadWindow[] {
  return silentFaceWindows(series.mouth, series.speech, fromMs, toMs).map((reading) => ({
    fromMs: reading.fromMs,
    spread: Number.isFinite(reading.spread) ? reading.spread : null,
    seenShare: reading.seenShare,
    voicedS: reading.voicedS,
    heardShare: reading.heardShare,
  }));
}
