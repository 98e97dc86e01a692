import { describe, expect, it } from 'vitest';
import { SpeechEnvelopeTracker, VoiceActivityTracker, type EnvelopePoint } from '@/utils/features/audio-features';
import { VAD_SETTINGS } from '@/utils/analyzers/thresholds';
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
