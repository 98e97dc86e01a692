import { describe, expect, it } from 'vitest';
import { signalPoint, signalPointsOf, tallyOf } from '@/utils/sessions/signal-points';
import { frames, lipSyncEstimate } from '../../support/face-samples';

describe('signalPoint', () => {
  it('should give the share of analysed frames that found the face and the estimate rounded', () => {
    const estimate = { ...lipSyncEstimate('offset', 512.6), confidence: 0.8349 };
    expect(signalPoint(10, { analysed: 40, withFace: 30 }, estimate)).toEqual({
      atS: 10,
      faceShare: 0.75,
      lipSync: 'offset',
      offsetMs: 513,
      confidence: 0.83,
    });
  });

  it('should leave out the offset where the estimate has none', () => {
    const point = signalPoint(5, { analysed: 10, withFace: 10 }, lipSyncEstimate('insufficient', Number.NaN));
    expect(point?.lipSync).toBe('insufficient');
    expect(point?.offsetMs).toBeNull();
  });

  it('should give no point for a step without analysed frames (paused or no picture)', () => {
    expect(signalPoint(5, { analysed: 0, withFace: 0 }, null)).toBeNull();
  });
});

describe('tallyOf', () => {
  it('should count the samples and those with a face', () => {
    const samples = frames({ durationMs: 1000, face: (timeMs) => (timeMs < 600 ? {} : null) });
    expect(tallyOf(samples)).toEqual({ analysed: samples.length, withFace: samples.filter((s) => s.face).length });
  });
});

describe('signalPointsOf', () => {
  it('should skip steps without frames and take the window covering each point', () => {
    const samples = frames({ durationMs: 5000 });
    const points = signalPointsOf(samples, [lipSyncEstimate('in-sync', 20, 0, 6000)], 12);
    expect(points.map((point) => point.atS)).toEqual([5]);
    expect(points[0]?.lipSync).toBe('in-sync');
  });
});
