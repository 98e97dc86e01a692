import { describe, expect, it } from 'vitest';
import { estimateLipSync, lipSyncCurve } from '@/utils/analyzers/lip-sync';
import { lipSyncFindings } from '@/utils/analyzers/lip-sync-findings';
import { LIP_SYNC } from '@/utils/common/thresholds';
import { articulation, mouthSeries, speechSeries } from '../../support/generators';

const talk = (seed: number, durationMs: number) => articulation(seed, durationMs);

describe('estimateLipSync', () => {
  it.each([-500, -300, -150, -100, 0, 60, 150, 400, 600])('should recover an audio offset of %d ms', (offsetMs) => {
    const curve = talk(11, 12_000);
    const mouth = mouthSeries(curve, 12_000, 25);
    const speech = speechSeries(curve, 12_000, offsetMs);
    const estimate = estimateLipSync(mouth, speech, 0, 12_000);
    expect(estimate.offsetMs).toBeGreaterThan(offsetMs - 15);
    expect(estimate.offsetMs).toBeLessThan(offsetMs + 15);
    const inSync = offsetMs <= LIP_SYNC.maxInSyncLagMs && offsetMs >= -LIP_SYNC.maxInSyncLeadMs;
    expect(estimate.verdict).toBe(inSync ? 'in-sync' : 'offset');
    expect(estimate.confidence).toBeGreaterThan(0.5);
  });

  it('should resolve offsets finer than one video frame', () => {
    const curve = talk(5, 15_000);
    const mouth = mouthSeries(curve, 15_000, 25);
    const estimate = estimateLipSync(mouth, speechSeries(curve, 15_000, 220), 0, 15_000);
    // 220 ms is 5.5 frames at 25 fps.
    expect(Math.abs(estimate.offsetMs - 220)).toBeLessThan(12);
  });

  it('should call a long stretch of someone else speaking a mismatch', () => {
    const mouth = mouthSeries(talk(1, 40_000), 40_000, 25);
    const speech = speechSeries(talk(2, 40_000), 40_000, 0);
    const estimate = estimateLipSync(mouth, speech, 0, 40_000);
    expect(estimate.verdict).toBe('mismatch');
    expect(Number.isNaN(estimate.offsetMs)).toBe(true);
  });

  it('should not call a mismatch when the mouth was seen in only part of the window', () => {
    // Seen 3 s of every 4: enough for a verdict (LIP_SYNC.minFaceShare), not for a mismatch.
    const mouth = mouthSeries(talk(1, 40_000), 40_000, 25, (timeMs) => timeMs % 4000 < 3000);
    const estimate = estimateLipSync(mouth, speechSeries(talk(2, 40_000), 40_000, 0), 0, 40_000);
    expect(estimate.faceShare).toBeGreaterThan(LIP_SYNC.minFaceShare);
    expect(estimate.faceShare).toBeLessThan(LIP_SYNC.minMismatchFaceShare);
    expect(estimate.verdict).toBe('insufficient');
  });

  it('should stay insufficient on a short stretch of someone else speaking', () => {
    const mouth = mouthSeries(talk(1, 8_000), 8_000, 25);
    const speech = speechSeries(talk(2, 8_000), 8_000, 0);
    expect(estimateLipSync(mouth, speech, 0, 8_000).verdict).toBe('insufficient');
  });

  it('should be insufficient without speech or without a face', () => {
    const curve = talk(3, 10_000);
    const silent = speechSeries(() => 0, 10_000, 0);
    expect(estimateLipSync(mouthSeries(curve, 10_000, 25), silent, 0, 10_000).verdict).toBe('insufficient');
    const noFace = mouthSeries(curve, 10_000, 25, () => false);
    expect(estimateLipSync(noFace, speechSeries(curve, 10_000, 0), 0, 10_000).verdict).toBe('insufficient');
  });

  it('should not bridge a long gap in the face track', () => {
    const curve = talk(4, 12_000);
    const mostlyHidden = mouthSeries(curve, 12_000, 25, (t) => t < 3_000);
    const estimate = estimateLipSync(mostlyHidden, speechSeries(curve, 12_000, 0), 0, 12_000);
    expect(estimate.faceShare).toBeCloseTo(0.25, 1);
    expect(estimate.verdict).toBe('insufficient');
  });
});

describe('lipSyncCurve', () => {
  it('should peak at the true lag', () => {
    const curve = talk(9, 10_000);
    const result = lipSyncCurve(mouthSeries(curve, 10_000, 30), speechSeries(curve, 10_000, 300), 0, 10_000);
    const best = result.correlation.indexOf(Math.max(...result.correlation.filter(Number.isFinite)));
    // The curve is in raw lag (before the natural lead is taken off).
    expect(result.lagsMs[best]).toBeGreaterThanOrEqual(370);
    expect(result.lagsMs[best]).toBeLessThanOrEqual(390);
  });
});

describe('lipSyncFindings', () => {
  const estimate = {
    method: 'learned' as const,
    offsetMs: 0,
    confidence: 0.9,
    peakCorrelation: 0.4,
    peakZ: 6,
    chanceStd: 0.05,
    speechS: 12,
    faceShare: 1,
    startMs: 0,
    endMs: 12_000,
  };

  it('should give a mismatch without an offset null, never NaN (a stored session must stay readable)', () => {
    const [mismatch] = lipSyncFindings({ ...estimate, verdict: 'mismatch', offsetMs: Number.NaN });
    expect(mismatch?.evidence.offsetMs).toBeNull();
    expect(Object.values(mismatch?.evidence ?? {}).every((value) => value === null || Number.isFinite(value))).toBe(
      true,
    );
  });

  it('should say nothing when in sync or unsure', () => {
    expect(lipSyncFindings({ ...estimate, verdict: 'in-sync' })).toEqual([]);
    expect(lipSyncFindings({ ...estimate, verdict: 'insufficient' })).toEqual([]);
  });

  it.each([
    [150, 'info'],
    [-200, 'info'],
    [350, 'warn'],
  ])('should report an offset of %d ms as %s, never high', (offsetMs, severity) => {
    const [finding] = lipSyncFindings({ ...estimate, verdict: 'offset', offsetMs });
    expect(finding).toMatchObject({ kind: 'av-offset', severity, startS: 0, endS: 12 });
    expect(finding?.message).toContain(`${Math.abs(offsetMs)} ms`);
  });

  it.each([
    [0.061, 2.8, 'warn'],
    [0.04, 2.5, 'high'],
    [0.04, 3.5, 'warn'],
  ])('should grade a mismatch at chance level %d and z %d as %s', (chanceStd, peakZ, severity) => {
    const [finding] = lipSyncFindings({ ...estimate, verdict: 'mismatch', offsetMs: Number.NaN, chanceStd, peakZ });
    expect(finding).toMatchObject({ kind: 'av-mismatch', severity });
    expect(finding?.message).toMatch(/read an unpredictable phrase/);
  });
});
