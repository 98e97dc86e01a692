import { describe, expect, it } from 'vitest';
import { analyzeFreeze, frameDiffs } from '@/utils/analyzers/face/freeze';
import { frames, speech } from '../../../support/face-samples';

describe('analyzeFreeze', () => {
  it('should cover a 3 s frozen picture while the voice goes on with a warning', () => {
    // The picture stops on the frame at 3 s and moves again at 6 s.
    const samples = frames({ durationMs: 10_000, pictureSeed: (t, i) => (t >= 3000 && t < 6000 ? 45 : 1000 + i) });
    const { findings, summary } = analyzeFreeze(samples, speech(10_000));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'freeze', severity: 'warn', evidence: { pattern: 'frozen' } });
    expect(findings[0]?.startS).toBeCloseTo(3, 1);
    expect(findings[0]?.endS).toBeGreaterThanOrEqual(5.9);
    expect(summary.longestFrozenS).toBeCloseTo(2.93, 1);
  });

  it('should only note a freeze in silence (most likely the connection)', () => {
    const samples = frames({ durationMs: 10_000, pictureSeed: (t, i) => (t >= 3000 && t < 6000 ? 45 : 1000 + i) });
    expect(
      analyzeFreeze(
        samples,
        speech(10_000, () => false),
      ).findings.map((f) => f.severity),
    ).toEqual(['info']);
  });

  it('should find a replayed stretch and its lag', () => {
    // Frames 6..9 s repeat the pictures of 2..5 s (4 s = 60 frames earlier at 15 fps).
    const samples = frames({
      durationMs: 12_000,
      pictureSeed: (t, i) => (t >= 6000 && t < 9000 ? 1000 + i - 60 : 1000 + i),
    });
    const { findings, summary } = analyzeFreeze(samples, speech(12_000));
    const loop = findings.find((f) => f.evidence.pattern === 'loop');
    expect(loop?.evidence.lagS).toBeCloseTo(4, 1);
    expect(loop?.startS).toBeCloseTo(6, 0);
    expect(summary.longestLoopS).toBeGreaterThan(2.5);
  });

  it('should find nothing in a moving picture', () => {
    const { findings, summary } = analyzeFreeze(frames({ durationMs: 10_000 }), speech(10_000));
    expect(findings).toEqual([]);
    expect(summary.longestFrozenS).toBe(0);
    expect(summary.longestLoopS).toBe(0);
  });

  it('should give NaN for the first frame and where a thumbnail is missing', () => {
    const samples = frames({ durationMs: 200 });
    samples[2] = { ...(samples[2] as (typeof samples)[number]), thumb: null };
    const diffs = frameDiffs(samples);
    expect(diffs[0]).toBeNaN();
    expect(diffs[1]).toBeGreaterThan(50);
    expect(diffs[2]).toBeNaN();
  });
});
