/**
 * A long recording's analysis end stays linear: each window finds its own frames and hops
 * instead of scanning the series from its start (a two-hour file blocked the page for 141 s).
 * The windows read exactly what the scans did, checked against them on small series.
 */
import { describe, expect, it } from 'vitest';
import { mapInputs } from '@/utils/analyzers/lip-map-inputs';
import { analyzeLipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import {
  bandPass,
  firstAtOrAfter,
  framesAround,
  GRID_MS,
  hopsOnGrid,
  measureColumns,
  mouthOnGrid,
  standardised,
} from '@/utils/analyzers/lip-sync-grid';
import { silentFaceWindows, type WindowReading } from '@/utils/analyzers/silent-face';
import { LIP_SYNC, SILENT_FACE } from '@/utils/common/thresholds';
import { AUDIO_HOP_MS } from '@/utils/features/audio-features';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';
import { MOUTH_MEASURE_COUNT } from '@/utils/features/mouth-measures';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { quantile } from '@/utils/common/stats';
import { seededRandom } from '../../support/generators';

const TWO_HOURS_MS = 2 * 3600_000;

/** The grid as it was made before: the frame found by scanning from the first one. */
function mouthOnGridByScan(
  timesMs: Float64Array,
  channelValues: readonly Float32Array[],
  startMs: number,
  length: number,
): { channels: Float64Array[]; valid: Uint8Array } {
  const channels = channelValues.map(() => new Float64Array(length));
  const valid = new Uint8Array(length);
  let frame = 0;
  for (let i = 0; i < length; i++) {
    const t = startMs + i * GRID_MS;
    while (frame + 1 < timesMs.length && (timesMs[frame + 1] as number) <= t) frame++;
    const t0 = timesMs[frame] as number;
    const t1 = timesMs[frame + 1];
    if (t1 === undefined || t0 > t || t1 - t0 > LIP_SYNC.maxFrameGapMs) continue;
    if (!channelValues.every((v) => Number.isFinite(v[frame] as number) && Number.isFinite(v[frame + 1] as number)))
      continue;
    channelValues.forEach((v, c) => {
      const v0 = v[frame] as number;
      (channels[c] as Float64Array)[i] = v0 + ((v[frame + 1] as number) - v0) * ((t - t0) / (t1 - t0));
    });
    valid[i] = 1;
  }
  return { channels, valid };
}

/** The hops as they were found before: by scanning from the first one. */
function hopsOnGridByScan(speech: SpeechSeries, startMs: number, length: number): Int32Array {
  const hops = new Int32Array(length).fill(-1);
  let hop = 0;
  for (let i = 0; i < length; i++) {
    const t = startMs + i * GRID_MS;
    while (
      hop + 1 < speech.timesMs.length &&
      Math.abs((speech.timesMs[hop + 1] as number) - t) <= Math.abs((speech.timesMs[hop] as number) - t)
    )
      hop++;
    const hopTime = speech.timesMs[hop];
    if (hopTime !== undefined && Math.abs(hopTime - t) <= GRID_MS) hops[i] = hop;
  }
  return hops;
}

/** A silent-face window as it was read before: every frame and hop filtered by time. */
function readWindowByFilter(mouth: MouthSeries, speech: SpeechSeries, fromMs: number, toMs: number): WindowReading {
  const open: number[] = [];
  let frames = 0;
  mouth.timesMs.forEach((t, i) => {
    if (t < fromMs || t >= toMs) return;
    frames++;
    if (Number.isFinite(mouth.open[i] as number)) open.push(mouth.open[i] as number);
  });
  let hops = 0;
  let voiced = 0;
  speech.timesMs.forEach((t, i) => {
    if (t < fromMs || t >= toMs) return;
    hops++;
    voiced += speech.voiced[i] as number;
  });
  return {
    fromMs,
    toMs,
    voicedS: (voiced * AUDIO_HOP_MS) / 1000,
    heardShare: Math.min(1, (hops * AUDIO_HOP_MS) / (toMs - fromMs)),
    seenShare: frames > 0 ? open.length / frames : 0,
    spread: quantile(open, 0.9) - quantile(open, 0.1),
  };
}

/**
 * Irregular frames (jittered, dropped, a gap, faces lost) with mouth measures, and 10 ms hops
 * with gaps and mel bands, over `durationMs`.
 */
function irregularSignals(seed: number, durationMs: number): { mouth: MouthSeries; speech: SpeechSeries } {
  const random = seededRandom(seed);
  const times: number[] = [];
  for (let t = random() * 50; t < durationMs; t += 40 + random() * 60) if (random() > 0.05) times.push(t);
  const timesMs = Float64Array.from(times);
  const open = Float32Array.from(timesMs, () => (random() < 0.05 ? Number.NaN : random() * 0.3));
  const measures = Float32Array.from({ length: times.length * MOUTH_MEASURE_COUNT }, (_, k) =>
    Number.isNaN(open[Math.floor(k / MOUTH_MEASURE_COUNT)] as number) ? Number.NaN : random(),
  );
  const hopTimes: number[] = [];
  for (let t = 5; t < durationMs; t += AUDIO_HOP_MS)
    if (!(t > durationMs / 3 && t < durationMs / 3 + 800)) hopTimes.push(t);
  const hopsMs = Float64Array.from(hopTimes);
  const speech: SpeechSeries = {
    timesMs: hopsMs,
    db: Float32Array.from(hopsMs, () => -60 + random() * 50),
    voiced: Uint8Array.from(hopsMs, () => (random() < 0.6 ? 1 : 0)),
    bands: Float32Array.from({ length: hopTimes.length * MEL_BAND_COUNT }, () => -80 + random() * 60),
  };
  return { mouth: { timesMs, open, jawOpen: Float32Array.from(open, (v) => v * 2), measures }, speech };
}

/** A faceless, silent recording of `durationMs`: frames at 5 fps without a face, hops every 10 ms. */
function blankSignals(durationMs: number): { mouth: MouthSeries; speech: SpeechSeries } {
  const frames = durationMs / 200;
  const hops = durationMs / AUDIO_HOP_MS;
  const timesMs = Float64Array.from({ length: frames }, (_, i) => i * 200);
  return {
    mouth: {
      timesMs,
      open: new Float32Array(frames).fill(Number.NaN),
      jawOpen: new Float32Array(frames).fill(Number.NaN),
    },
    speech: {
      timesMs: Float64Array.from({ length: hops }, (_, i) => i * AUDIO_HOP_MS + 5),
      db: new Float32Array(hops).fill(-100),
      voiced: new Uint8Array(hops),
    },
  };
}

/** `values` behind a proxy that counts the entries read: by index, or all of them by a method (forEach, map...). */
function counted<T extends Float64Array | Float32Array>(values: T): { values: T; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(values, {
    get(target, key) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (key !== 'subarray') reads += target.length;
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { values: proxy, reads: () => reads };
}

describe('firstAtOrAfter', () => {
  it.each([
    [[], 5, 0],
    [[10, 20, 30], 5, 0],
    [[10, 20, 30], 10, 0],
    [[10, 20, 30], 11, 1],
    [[10, 20, 20, 30], 20, 1],
    [[10, 20, 30], 30, 2],
    [[10, 20, 30], 31, 3],
  ])('should find in %j the first time at or after %d: index %d', (times, t, index) => {
    expect(firstAtOrAfter(Float64Array.from(times), t)).toBe(index);
  });
});

describe('framesAround', () => {
  it.each([
    [0, 100, [0, 6]],
    [25, 45, [2, 6]],
    [20, 40, [2, 5]],
    [55, 200, [5, 6]],
    [-50, 5, [0, 2]],
  ])('should give for [%d, %d) the frames %j of 0, 10, 20, 30, 40, 50', (startMs, endMs, range) => {
    expect(framesAround(Float64Array.of(0, 10, 20, 30, 40, 50), startMs, endMs)).toEqual(range);
  });
});

describe('windows of a long recording: the same as scanning from the start', () => {
  const seeds = [1, 2, 3, 4];

  it.each(seeds)('should put the mouth and hops of any window on the grid as a scan does (seed %i)', (seed) => {
    const { mouth, speech } = irregularSignals(seed, 60_000);
    const random = seededRandom(seed + 100);
    for (let k = 0; k < 40; k++) {
      const startMs = -500 + random() * 61_000;
      const length = Math.floor(random() * 3000);
      const channels = [mouth.open, mouth.jawOpen];
      expect(mouthOnGrid(mouth.timesMs, channels, startMs, length)).toEqual(
        mouthOnGridByScan(mouth.timesMs, channels, startMs, length),
      );
      expect(hopsOnGrid(speech, startMs, length)).toEqual(hopsOnGridByScan(speech, startMs, length));
    }
  });

  it.each(seeds)('should give the lip map the inputs it had from the whole series (seed %i)', (seed) => {
    const { mouth, speech } = irregularSignals(seed, 90_000);
    for (const [startMs, endMs] of [
      [0, 30_000],
      [30_000, 60_000],
      [61_234, 90_000],
      [88_000, 95_000],
    ] as const) {
      const inputs = mapInputs(mouth, speech, startMs, endMs);
      const length = Math.floor((endMs - startMs) / GRID_MS);
      const seen = mouthOnGridByScan(
        mouth.timesMs,
        measureColumns(mouth, MOUTH_MEASURE_COUNT) as Float32Array[],
        startMs,
        length,
      );
      expect(inputs?.mouthValid).toEqual(seen.valid);
      expect(inputs?.mouth).toEqual(seen.channels.map((c) => standardised(bandPass(c, seen.valid), seen.valid)));
    }
  });

  it.each(seeds)('should read every silent-face window as filtering the whole series does (seed %i)', (seed) => {
    const { mouth, speech } = irregularSignals(seed, 30_000);
    const readings = silentFaceWindows(mouth, speech, 1234, 30_000);
    expect(readings.length).toBeGreaterThan(50);
    for (const reading of readings)
      expect(reading).toEqual(readWindowByFilter(mouth, speech, reading.fromMs, reading.toMs));
  });
});

describe('windows of a long recording: the work per window', () => {
  it('should read few frame and hop times to grid the last window of two hours', () => {
    const { mouth, speech } = blankSignals(TWO_HOURS_MS);
    const frames = counted(mouth.timesMs);
    const hops = counted(speech.timesMs);
    const startMs = TWO_HOURS_MS - 30_000;
    const length = 30_000 / GRID_MS;
    mouthOnGrid(frames.values, [mouth.open], startMs, length);
    hopsOnGrid({ ...speech, timesMs: hops.values }, startMs, length);
    // A few reads per grid point; a scan from the start read all 36 000 frame times and 720 000 hop times.
    expect(frames.reads()).toBeLessThan(4 * length);
    expect(hops.reads()).toBeLessThan(6 * length);
  });

  it('should copy only the window’s own mouth measures for the lip map', () => {
    const { mouth, speech } = irregularSignals(5, 600_000);
    const measures = counted(mouth.measures as Float32Array);
    mapInputs({ ...mouth, measures: measures.values }, speech, 570_000, 600_000);
    // About 450 frames in 30 s; the whole series has ten minutes of them.
    expect(measures.reads()).toBeLessThan(500 * MOUTH_MEASURE_COUNT);
  });

  it('should find each silent-face window’s frames and hops in a few reads of their times', () => {
    const { mouth, speech } = blankSignals(TWO_HOURS_MS / 8);
    const frames = counted(mouth.timesMs);
    const hops = counted(speech.timesMs);
    const windows = silentFaceWindows(
      { ...mouth, timesMs: frames.values },
      { ...speech, timesMs: hops.values },
      0,
      TWO_HOURS_MS / 8,
    );
    expect(windows).toHaveLength((TWO_HOURS_MS / 8 - SILENT_FACE.windowMs) / SILENT_FACE.stepMs + 1);
    // Two binary searches per window in each series.
    expect(frames.reads() / windows.length).toBeLessThan(2 * 20);
    expect(hops.reads() / windows.length).toBeLessThan(2 * 25);
  });

  it('should analyse the lip sync of two hours without a face or a voice in seconds', () => {
    const { mouth, speech } = blankSignals(TWO_HOURS_MS);
    const started = performance.now();
    const track = analyzeLipSyncTrack(mouth, speech, 0, TWO_HOURS_MS);
    const seconds = (performance.now() - started) / 1000;
    expect(track.overall.verdict).toBe('insufficient');
    expect(track.windows).toHaveLength(718);
    // 2.4 s on the 2-core VM under load; scanning from the start took minutes (about 200 s) there.
    expect(seconds).toBeLessThan(30);
  }, 60_000);
});
