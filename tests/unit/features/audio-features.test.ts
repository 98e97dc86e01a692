import { describe, expect, it } from 'vitest';
import {
  mixToMono,
  SpeechEnvelopeTracker,
  SpeechFeatures,
  toSpeechSeries,
  VoiceActivityTracker,
  type EnvelopePoint,
} from '@/utils/features/audio-features';
import { VAD_SETTINGS } from '@/utils/common/thresholds';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';
import { seededRandom } from '../../support/generators';

const RATE = 16_000;

/** Quiet noise with 1.7 kHz (mid-band) bursts of 0.3 amplitude between the given times (ms). */
function burstSignal(durationMs: number, bursts: [number, number][]): Float32Array {
  const random = seededRandom(3);
  return Float32Array.from({ length: (durationMs / 1000) * RATE }, (_, i) => {
    const t = (i / RATE) * 1000;
    const on = bursts.some(([start, end]) => t >= start && t < end);
    return (random() - 0.5) * 0.0005 + (on ? 0.3 * Math.sin((2 * Math.PI * 1700 * i) / RATE) : 0);
  });
}

const nearest = (points: EnvelopePoint[], timeMs: number) =>
  points.reduce((best, p) => (Math.abs(p.timeMs - timeMs) < Math.abs(best.timeMs - timeMs) ? p : best));

/** The mel band the bursts' 1.7 kHz tone falls in (centre 1705 Hz). */
const TONE_BAND = 9;

function bandsAt(points: EnvelopePoint[], timeMs: number): Float32Array {
  return nearest(points, timeMs).bands;
}

function levelAt(points: EnvelopePoint[], timeMs: number): number {
  return nearest(points, timeMs).db;
}

describe('SpeechEnvelopeTracker', () => {
  it('should give one point per 10 ms hop with the burst level in dBFS', () => {
    const points = new SpeechEnvelopeTracker(RATE).push(burstSignal(1000, [[400, 600]]), 0);
    expect(points).toHaveLength(99);
    // A 0.3 sine has RMS 0.212, about -13.5 dBFS, and sits in the pass band.
    expect(levelAt(points, 500)).toBeGreaterThan(-15);
    expect(levelAt(points, 500)).toBeLessThan(-12);
    expect(levelAt(points, 200)).toBeLessThan(-60);
  });

  it('should place the burst onset within one hop of its true time', () => {
    const points = new SpeechEnvelopeTracker(RATE).push(burstSignal(1000, [[400, 600]]), 0);
    const onset = points.find((p) => p.db > -30);
    expect(onset?.timeMs).toBeGreaterThanOrEqual(390);
    expect(onset?.timeMs).toBeLessThanOrEqual(410);
  });

  it('should follow the caller clock, including a start before zero', () => {
    const points = new SpeechEnvelopeTracker(RATE).push(burstSignal(500, []), -54);
    expect(points[0]?.timeMs).toBeCloseTo(-54 + 10, 6);
  });

  it('should give the same points whatever the chunk size', () => {
    const signal = burstSignal(800, [[100, 300]]);
    const whole = new SpeechEnvelopeTracker(RATE).push(signal, 0);
    const tracker = new SpeechEnvelopeTracker(RATE);
    const chunked: EnvelopePoint[] = [];
    for (let start = 0; start < signal.length; start += 137) {
      chunked.push(...tracker.push(signal.subarray(start, start + 137), (start / RATE) * 1000));
    }
    expect(chunked.map((p) => p.timeMs)).toEqual(whole.map((p) => expect.closeTo(p.timeMs, 6)));
    expect(chunked.map((p) => p.db)).toEqual(whole.map((p) => expect.closeTo(p.db, 6)));
  });

  it('should give every point the mel bands of its window: the burst tone in its band, not in silence', () => {
    const points = new SpeechEnvelopeTracker(RATE).push(burstSignal(1000, [[400, 600]]), 0);
    expect(points.every((p) => p.bands.length === MEL_BAND_COUNT)).toBe(true);
    // 1.7 kHz is the centre of band 9 (1449..1992 Hz).
    const burst = bandsAt(points, 500);
    expect(burst.indexOf(Math.max(...burst))).toBe(TONE_BAND);
    // The sine's mean square is -13.5 dBFS; the Hann window keeps 3/8 of it (-4.3 dB) and the band's
    // triangle weighs 1.7 kHz at about 0.5 (-3 dB): about -21 dB.
    expect(burst[TONE_BAND]).toBeGreaterThan(-23);
    expect(burst[TONE_BAND]).toBeLessThan(-19);
    const quiet = bandsAt(points, 200);
    expect(quiet[TONE_BAND]).toBeLessThan(-70);
    expect(Math.max(...quiet)).toBeLessThan(-60);
    // The bands' window is the envelope's (two hops ending one hop after the point's time): the
    // tone shows within a hop of its true start and end, first in the same point as the envelope.
    const toned = points.filter((p) => (p.bands[TONE_BAND] as number) > -40).map((p) => p.timeMs);
    expect(toned[0]).toBeGreaterThanOrEqual(390);
    expect(toned[0]).toBeLessThanOrEqual(410);
    expect(toned.at(-1)).toBeGreaterThanOrEqual(590);
    expect(toned.at(-1)).toBeLessThanOrEqual(610);
    expect(toned[0]).toBe(points.find((p) => p.db > -40)?.timeMs);
  });

  it('should stop low rumble and hiss outside the speech band', () => {
    const rumble = Float32Array.from({ length: RATE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 50 * i) / RATE));
    const points = new SpeechEnvelopeTracker(RATE).push(rumble, 0);
    expect(levelAt(points, 800)).toBeLessThan(-40);
  });
});

describe('VoiceActivityTracker', () => {
  it('should mark bursts as speech, bridge short gaps and end after the hangover', () => {
    const points = new SpeechEnvelopeTracker(RATE).push(
      burstSignal(3000, [
        [500, 900],
        [1000, 1400],
      ]),
      0,
    );
    const vad = new VoiceActivityTracker(VAD_SETTINGS);
    const voiced = points.map((p) => ({ timeMs: p.timeMs, speech: vad.push(p) }));
    const at = (t: number) => voiced.find((v) => Math.abs(v.timeMs - t) < 6)?.speech;
    expect(at(300)).toBe(false);
    expect(at(700)).toBe(true);
    expect(at(950)).toBe(true);
    expect(at(1300)).toBe(true);
    expect(at(1400 + VAD_SETTINGS.hangoverMs + 100)).toBe(false);
  });

  it('should never call near-silence speech', () => {
    const vad = new VoiceActivityTracker(VAD_SETTINGS);
    const points = Array.from({ length: 300 }, (_, i) => ({ timeMs: i * 10, db: i % 50 === 0 ? -65 : -90 }));
    expect(points.some((p) => vad.push(p))).toBe(false);
  });
});

describe('mixToMono', () => {
  it('should average the channels sample by sample', () => {
    const mono = mixToMono([Float32Array.from([1, 0.5, 0]), Float32Array.from([0, 0.5, -1])], 3);
    expect(Array.from(mono)).toEqual([0.5, 0.5, -0.5]);
  });

  it('should pass one channel through', () => {
    expect(Array.from(mixToMono([Float32Array.from([0.25, -0.25])], 2))).toEqual([0.25, -0.25]);
  });
});

describe('SpeechFeatures', () => {
  it('should give the same points in small chunks as in one buffer, with voice activity on the bursts', () => {
    const signal = burstSignal(2000, [[500, 1500]]);
    const whole = new SpeechFeatures(VAD_SETTINGS).push(signal, 0, RATE);
    const chunked = new SpeechFeatures(VAD_SETTINGS);
    const points = [];
    for (let start = 0; start < signal.length; start += 480) {
      points.push(...chunked.push(signal.subarray(start, start + 480), (start / RATE) * 1000, RATE));
    }
    expect(points.map((p) => [p.timeMs, p.voiced])).toEqual(whole.map((p) => [p.timeMs, p.voiced]));
    const voicedAt = (timeMs: number) => whole.find((p) => Math.abs(p.timeMs - timeMs) < 5)?.voiced;
    expect(voicedAt(1000)).toBe(true);
    expect(voicedAt(200)).toBe(false);
  });

  it('should give the same mel bands in odd-sized chunks as in one buffer, one row per point in the series', () => {
    const signal = burstSignal(1500, [
      [300, 700],
      [900, 1200],
    ]);
    const whole = new SpeechFeatures(VAD_SETTINGS).push(signal, 0, RATE);
    const chunked = new SpeechFeatures(VAD_SETTINGS);
    const points = [];
    // Chunks that end anywhere in a hop and in the ring of recent samples, one of a single sample.
    const sizes = [1, 7, 159, 320, 333, 1001, 41];
    for (let start = 0, k = 0; start < signal.length; k++) {
      const size = sizes[k % sizes.length] as number;
      points.push(...chunked.push(signal.subarray(start, start + size), (start / RATE) * 1000, RATE));
      start += size;
    }
    expect(points).toHaveLength(whole.length);
    expect(points.map((p) => p.bands)).toEqual(whole.map((p) => p.bands));

    const series = toSpeechSeries(whole);
    expect(series.bands).toHaveLength(whole.length * MEL_BAND_COUNT);
    whole.forEach((point, i) =>
      expect(series.bands?.subarray(i * MEL_BAND_COUNT, (i + 1) * MEL_BAND_COUNT)).toEqual(point.bands),
    );
    const at = (timeMs: number) => whole.findIndex((p) => Math.abs(p.timeMs - timeMs) < 5);
    const band = (i: number) => series.bands?.[i * MEL_BAND_COUNT + TONE_BAND] as number;
    expect(band(at(500)) - band(at(800))).toBeGreaterThan(40);
  });

  it('should start a new envelope when the sample rate changes', () => {
    const features = new SpeechFeatures(VAD_SETTINGS);
    features.push(burstSignal(500, []), 0, RATE);
    const at48k = Float32Array.from({ length: 48_000 / 2 }, () => 0);
    const points = features.push(at48k, 500, 48_000);
    // A fresh envelope needs two hops before its first point, then one point per 10 ms.
    expect(points).toHaveLength(49);
    expect(points[0]?.timeMs).toBeCloseTo(510, 5);
  });

  it('should turn points into the typed series the analyzers read', () => {
    const bands = (level: number) => new Float32Array(MEL_BAND_COUNT).fill(level);
    const series = toSpeechSeries([
      { timeMs: 10, db: -20, voiced: true, bands: bands(-30) },
      { timeMs: 20, db: -80, voiced: false, bands: bands(-90) },
    ]);
    expect(Array.from(series.bands ?? [])).toEqual([...bands(-30), ...bands(-90)]);
    expect(Array.from(series.timesMs)).toEqual([10, 20]);
    expect(Array.from(series.db)).toEqual([-20, -80]);
    expect(Array.from(series.voiced)).toEqual([1, 0]);
  });
});
