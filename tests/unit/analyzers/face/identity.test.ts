import { describe, expect, it } from 'vitest';
import { analyzeIdentity, identitySignature } from '@/utils/analyzers/face/identity';
import { IDENTITY } from '@/utils/common/thresholds';
import { frames, person } from '../../../support/face-samples';

describe('identitySignature', () => {
  it('should not change when the layout is moved (distances only)', () => {
    const layout = person(3);
    const moved = Float32Array.from(layout, (v, i) => v + (i % 3 === 0 ? 0.5 : -0.2));
    const [a, b] = [identitySignature(layout), identitySignature(moved)];
    expect(a).toHaveLength(120);
    a.forEach((distance, k) => expect(distance).toBeCloseTo(b[k] as number, 5));
  });
});

describe('analyzeIdentity', () => {
  it('should report a person change at the moment one person replaces another', () => {
    const samples = frames({
      durationMs: 16_000,
      layout: (t) => (t < 8000 ? person(1) : person(2)),
      face: (t) => ({ skinRgb: t < 8000 ? [180, 130, 110] : [150, 100, 70] }),
      noise: 0.01,
    });
    const { findings, summary } = analyzeIdentity(samples);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.kind).toBe('person-change');
    expect(Math.abs(Number(findings[0]?.evidence.atS) - 8)).toBeLessThanOrEqual(0.1);
    expect(findings[0]?.severity).toBe('high');
    expect(summary.maxScore).toBeGreaterThan(IDENTITY.warnScore);
  });

  it('should stay quiet for one person with landmark noise', () => {
    const { findings, summary } = analyzeIdentity(frames({ durationMs: 16_000, noise: 0.01 }));
    expect(findings).toEqual([]);
    expect(summary.maxScore).toBeLessThan(IDENTITY.warnScore);
  });

  it('should skip turned heads and frames with two faces', () => {
    const samples = frames({
      durationMs: 16_000,
      layout: (t) => (t < 8000 ? person(1) : person(2)),
      face: (t) => (t >= 6000 && t < 10_000 ? { pose: { yawDeg: 50, pitchDeg: 0, rollDeg: 0 } } : {}),
      faceCount: (t) => (t >= 10_000 ? 2 : 1),
    });
    // 16 s at 15 fps, less the first second (settling), the 4 s turned away and the 6 s with two faces.
    expect(analyzeIdentity(samples).summary.frames).toBe(75);
  });
});
