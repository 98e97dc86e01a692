import { describe, expect, it } from 'vitest';
import { MEL_BAND_COUNT, MelBands } from '@/utils/features/mel-bands';
import { seededRandom } from '../../support/generators';

/** The level of a band with no energy: 10 * log10 of the power floor (1e-10). */
const FLOOR_DB = -100;
/** The tracker's window: two 10 ms hops. */
const WINDOW_MS = 20;

const windowAt = (rate: number) => Math.round((rate * WINDOW_MS) / 1000);

/** `length` samples of a sine of `hz` and `amplitude` at `rate`. */
const tone = (hz: number, amplitude: number, rate: number, length = windowAt(rate)) =>
  Float32Array.from({ length }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));

/** The band levels of one window of `samples` (laid out straight: the window ends at its end). */
const levelsOf = (samples: Float32Array, rate: number) =>
  new MelBands(samples.length, rate).levels(samples, samples.length);

/**
 * Band centres, Hz, worked out here from the usual mel scale (2595 log10(1 + f / 700)): 20 bands
 * spread evenly in mel between 80 and 7600 Hz, each centred on the upper edge of the one below.
 */
const CENTRES_HZ = (() => {
  const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
  const step = (mel(7600) - mel(80)) / (MEL_BAND_COUNT + 1);
  return Array.from({ length: MEL_BAND_COUNT }, (_, band) => 700 * (10 ** ((mel(80) + step * (band + 1)) / 2595) - 1));
})();

const nearestBand = (hz: number) =>
  CENTRES_HZ.reduce(
    (best, centre, band) => (Math.abs(centre - hz) < Math.abs((CENTRES_HZ[best] as number) - hz) ? band : best),
    0,
  );

const peakOf = (levels: Float32Array) => levels.indexOf(Math.max(...levels));

describe('MelBands', () => {
  it('should put a 1 kHz tone in its nearest band, the neighbours well below, far bands at the floor', () => {
    const levels = levelsOf(tone(1000, 0.1, 16_000), 16_000);
    expect(levels).toHaveLength(MEL_BAND_COUNT);
    // Band 6 spans 833..1220 Hz with its centre at 1016 Hz.
    expect(nearestBand(1000)).toBe(6);
    expect(CENTRES_HZ[6]).toBeCloseTo(1016, 0);
    expect(peakOf(levels)).toBe(6);
    const peak = levels[6] as number;
    // 1 kHz is near the foot of band 5's triangle (833..1016 Hz) and below band 7's (1016..1449 Hz).
    expect(levels[5]).toBeLessThan(peak - 6);
    expect(levels[7]).toBeLessThan(peak - 10);
    // Four bands and more away only the window's side lobes reach: near the floor.
    levels.forEach((level, band) => {
      if (Math.abs(band - 6) >= 4) expect(level, `band ${band}`).toBeLessThan(peak - 50);
    });
  });

  it.each([250, 1700, 3000, 6000])('should peak in the band centred nearest a %i Hz tone', (hz) => {
    const band = nearestBand(hz);
    expect(peakOf(levelsOf(tone(hz, 0.1, 16_000), 16_000))).toBe(band);
    expect(peakOf(levelsOf(tone(hz, 0.1, 48_000), 48_000))).toBe(band);
  });

  it('should raise every band by 20 log10 of the amplitude: twice the amplitude is +6.02 dB', () => {
    const rate = 16_000;
    const once = levelsOf(tone(1000, 0.05, rate), rate);
    const twice = levelsOf(tone(1000, 0.1, rate), rate);
    const expected = 20 * Math.log10(2);
    expect(expected).toBeCloseTo(6.02, 2);
    // Bands well above the floor (the floor adds a constant power, not a gain).
    const measured = Array.from(once, (level, band) => [band, level] as const).filter(([, level]) => level > -60);
    expect(measured.length).toBeGreaterThanOrEqual(3);
    for (const [band] of measured) {
      expect(Math.abs((twice[band] as number) - (once[band] as number) - expected), `band ${band}`).toBeLessThan(0.1);
    }
  });

  it.each([44_100, 48_000])(
    'should give a tone the same peak band and levels at %i Hz as at 16 kHz (the filters are in Hz)',
    (rate) => {
      const moved: string[] = [];
      for (const hz of [300, 1000, 2500, 6000]) {
        const reference = levelsOf(tone(hz, 0.1, 16_000), 16_000);
        const levels = levelsOf(tone(hz, 0.1, rate), rate);
        expect(peakOf(levels), `${hz} Hz`).toBe(peakOf(reference));
        // The bands the tone's main lobe fills (within 10 dB of its peak). Further down, on the
        // skirts of the narrow low bands, the coarser bins of other rates move levels by 1..3 dB.
        const peak = Math.max(...reference);
        reference.forEach((level, band) => {
          const got = levels[band] as number;
          if (level > peak - 10 && Math.abs(got - level) > 1) {
            moved.push(`${hz} Hz, band ${band}: ${got.toFixed(2)} dB, ${level.toFixed(2)} dB at 16 kHz`);
          }
        });
      }
      expect(moved).toEqual([]);
    },
  );

  it.each([16_000, 44_100, 48_000])('should give silence at %i Hz the floor, finite, in every band', (rate) => {
    const levels = levelsOf(new Float32Array(windowAt(rate)), rate);
    expect(levels).toHaveLength(MEL_BAND_COUNT);
    for (const level of levels) {
      expect(Number.isFinite(level)).toBe(true);
      expect(level).toBeCloseTo(FLOOR_DB, 3);
    }
  });

  it('should read a window that wraps around the end of the ring as the same samples laid out straight', () => {
    const rate = 16_000;
    const size = windowAt(rate);
    const random = seededRandom(5);
    // Two tones and some noise, so that any sample out of place changes the bands.
    const straight = Float32Array.from(
      { length: size },
      (_, i) =>
        0.2 * Math.sin((2 * Math.PI * 440 * i) / rate) +
        0.05 * Math.sin((2 * Math.PI * 3100 * i) / rate) +
        0.01 * (random() - 0.5),
    );
    const expected = levelsOf(straight, rate);
    const bands = new MelBands(size, rate);
    for (const ringLength of [size, size + 77, 3 * size]) {
      for (const end of [size + 123, 5 * ringLength + 7, ringLength - 1]) {
        if (end < size) continue;
        // The window's samples where a ring written since sample 0 holds them: ring[i % length].
        const ring = new Float32Array(ringLength).fill(0.9);
        straight.forEach((value, i) => (ring[(end - size + i) % ringLength] = value));
        expect(bands.levels(ring, end), `ring of ${ringLength}, end ${end}`).toEqual(expected);
      }
    }
    // The tracker's own case: a ring the window's size, filled past its end.
    const ring = new Float32Array(size);
    const longer = Float32Array.from({ length: 3 * size + 50 }, (_, i) => Math.sin(i / 7) * 0.3);
    longer.forEach((value, i) => (ring[i % size] = value));
    expect(bands.levels(ring, longer.length)).toEqual(levelsOf(longer.slice(-size), rate));
  });

  it('should start a new result for each window (earlier results stay as they were)', () => {
    const rate = 16_000;
    const bands = new MelBands(windowAt(rate), rate);
    const loud = bands.levels(tone(1000, 0.1, rate), windowAt(rate));
    const kept = Float32Array.from(loud);
    bands.levels(new Float32Array(windowAt(rate)), windowAt(rate));
    expect(loud).toEqual(kept);
  });
});
