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

function levelAt(points: EnvelopePoint[], timeMs: number): number {
  const point = points.reduce((best, p) => (Math.abs(p.timeMs - timeMs) < Math.abs(best.timeMs - timeMs) ? p : best));
  return point.db;
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
    const series = toSpeechSeries([
      { timeMs: 10, db: -20, voiced: true },
      { timeMs: 20, db: -80, voiced: false },
    ]);
    expect(Array.from(series.timesMs)).toEqual([10, 20]);
    expect(Array.from(series.db)).toEqual([-20, -80]);
    expect(Array.from(series.voiced)).toEqual([1, 0]);
  });
});
