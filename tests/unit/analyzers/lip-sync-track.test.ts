import { describe, expect, it } from 'vitest';
import { analyzeLipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import type { SpeechSeries } from '@/utils/features/signals';
import { articulation, mouthSeries, speechSeries } from '../../support/generators';
import { LIP_SYNC_TRACK } from '@/utils/analyzers/windows';

/** Joins two speech series end to end (the second already on the later times). */
function joinSpeech(a: SpeechSeries, b: SpeechSeries, atMs: number): SpeechSeries {
  const keepA = Array.from(a.timesMs, (t) => t < atMs);
  const keepB = Array.from(b.timesMs, (t) => t >= atMs);
  const pick = <T extends Float64Array | Float32Array | Uint8Array>(x: T, y: T, make: (n: number[]) => T) =>
    make([...Array.from(x).filter((_, i) => keepA[i]), ...Array.from(y).filter((_, i) => keepB[i])]);
  return {
    timesMs: pick(a.timesMs, b.timesMs, (n) => Float64Array.from(n)),
    db: pick(a.db, b.db, (n) => Float32Array.from(n)),
    voiced: pick(a.voiced, b.voiced, (n) => Uint8Array.from(n)),
  };
}

describe('analyzeLipSyncTrack', () => {
  it('should give one in-sync verdict and no findings for a clean short recording', () => {
    const curve = articulation(21, 10_000);
    const track = analyzeLipSyncTrack(mouthSeries(curve, 10_000, 25), speechSeries(curve, 10_000, 0), 0, 10_000);
    expect(track.windows).toHaveLength(1);
    expect(track.overall.verdict).toBe('in-sync');
    expect(track.findings).toEqual([]);
    expect(track.verdictAfterSpeechS).toBeLessThanOrEqual(5);
  });

  it('should report a constant offset once, spanning the whole recording', () => {
    const curve = articulation(22, 70_000);
    const track = analyzeLipSyncTrack(mouthSeries(curve, 70_000, 25), speechSeries(curve, 70_000, 400), 0, 70_000);
    expect(track.windows.length).toBeGreaterThan(3);
    expect(track.findings).toHaveLength(1);
    expect(track.findings[0]).toMatchObject({ kind: 'av-offset', severity: 'warn', startS: 0, endS: 70 });
  });

  it('should place a proxy who takes over half way in the second half', () => {
    const own = articulation(23, 90_000);
    const proxy = articulation(24, 90_000);
    const speech = joinSpeech(speechSeries(own, 90_000, 0), speechSeries(proxy, 90_000, 0), 45_000);
    const track = analyzeLipSyncTrack(mouthSeries(own, 90_000, 25), speech, 0, 90_000);
    const mismatch = track.findings.filter((f) => f.kind === 'av-mismatch');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]?.startS).toBeGreaterThanOrEqual(45 - LIP_SYNC_TRACK.windowMs / 1000);
    expect(mismatch[0]?.endS).toBe(90);
    expect(track.windows[0]?.verdict).toBe('in-sync');
  });
});
