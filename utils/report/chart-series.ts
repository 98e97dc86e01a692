import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';

export interface ChartSeries {
  /** Seconds. */
  times: number[];
  mouth: (number | null)[];
  speechDb: (number | null)[];
}

/**
 * Mouth opening and speech level on one time axis for a chart, at most `maxPoints` points:
 * the 10 ms speech grid is thinned, and the mouth takes its nearest earlier frame (null in gaps).
 * A recording without sound has no speech grid: the mouth's own frames are the axis then.
 */
export function chartSeries(mouth: MouthSeries, speech: SpeechSeries, maxPoints = 4000): ChartSeries {
  if (speech.timesMs.length === 0) return silentChartSeries(mouth, maxPoints);
  const stride = Math.max(1, Math.ceil(speech.timesMs.length / maxPoints));
  const times: number[] = [];
  const mouthValues: (number | null)[] = [];
  const speechDb: (number | null)[] = [];
  let frame = 0;
  for (let i = 0; i < speech.timesMs.length; i += stride) {
    const t = speech.timesMs[i] as number;
    while (frame + 1 < mouth.timesMs.length && (mouth.timesMs[frame + 1] as number) <= t) frame++;
    const open = mouth.open[frame];
    const frameTime = mouth.timesMs[frame];
    const near = frameTime !== undefined && frameTime <= t && t - frameTime < 100;
    times.push(t / 1000);
    mouthValues.push(near && open !== undefined && Number.isFinite(open) ? open : null);
    speechDb.push(Math.max(speech.db[i] as number, -70));
  }
  return { times, mouth: mouthValues, speechDb };
}

function silentChartSeries(mouth: MouthSeries, maxPoints: number): ChartSeries {
  const stride = Math.max(1, Math.ceil(mouth.timesMs.length / maxPoints));
  const series: ChartSeries = { times: [], mouth: [], speechDb: [] };
  for (let i = 0; i < mouth.timesMs.length; i += stride) {
    const open = mouth.open[i] as number;
    series.times.push((mouth.timesMs[i] as number) / 1000);
    series.mouth.push(Number.isFinite(open) ? open : null);
    series.speechDb.push(null);
  }
  return series;
}
