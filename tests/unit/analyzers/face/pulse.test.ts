import { describe, expect, it } from 'vitest';
import { analyzePulse, pulseSpectrumPeak, posPulse, resampleSkin } from '@/utils/analyzers/face/pulse';
import { PULSE } from '@/utils/common/thresholds';
import { seededRandom } from '../../../support/generators';
import { frames } from '../../../support/face-samples';

/** Skin colour with a pulse of `bpm` (the blood-volume colour direction) plus seeded noise. */
function skin(bpm: number, amplitude: number, noise: number, seed = 5) {
  const random = seededRandom(seed);
  return (t: number) => {
    const wave = amplitude * Math.sin((2 * Math.PI * bpm * t) / 60_000);
    const jitter = () => (random() - 0.5) * 2 * noise;
    return {
      skinRgb: [
        180 * (1 + 0.33 * wave) + jitter(),
        130 * (1 + 0.77 * wave) + jitter(),
        110 * (1 + 0.53 * wave) + jitter(),
      ] as [number, number, number],
    };
  };
}

describe('pulse', () => {
  it('should find the heart rate of a clear pulse', () => {
    const samples = frames({ durationMs: 20_000, fps: 15, face: skin(72, 0.004, 0.2) });
    const rgb = resampleSkin(samples, 0, 20_000);
    expect(rgb).not.toBeNull();
    const { bpm, snrDb } = pulseSpectrumPeak(posPulse(rgb as Float64Array[], PULSE.sampleHz), PULSE.sampleHz);
    expect(bpm).toBeCloseTo(72, -1);
    expect(snrDb).toBeGreaterThan(PULSE.minSnrDb + 3);
  });

  it('should give no estimate where the face is missing for too long', () => {
    const samples = frames({
      durationMs: 20_000,
      face: (t) => (t > 5000 && t < 6000 ? null : skin(72, 0.004, 0.2)(t)),
    });
    expect(resampleSkin(samples, 0, 20_000)).toBeNull();
  });

  it('should note a steady, lit face whose colour never varies, and summarise a clear pulse without a finding', () => {
    const none = analyzePulse(frames({ durationMs: 40_000, face: skin(72, 0, 0) }));
    expect(none.findings.map((f) => f.kind)).toEqual(['pulse-absent']);
    expect(none.findings[0]?.severity).toBe('info');
    expect(none.summary.snrDb).toBe(-Infinity);
    const clear = analyzePulse(frames({ durationMs: 40_000, face: skin(90, 0.004, 0.2) }));
    expect(clear.findings).toEqual([]);
    expect(clear.summary.bpm).toBeCloseTo(90, -1);
  });

  it('should not call plain sensor noise an absent pulse (it reads like the weak pulse of compressed video)', () => {
    expect(analyzePulse(frames({ durationMs: 40_000, face: skin(72, 0, 1.5) })).findings).toEqual([]);
  });
});
