import { describe, expect, it } from 'vitest';
import { analyzePresence } from '@/utils/analyzers/face/presence';
import { frames, speech } from '../../../support/face-samples';

describe('analyzePresence', () => {
  it('should report a face gone for 3 s while someone speaks as a warning, with its times', () => {
    const samples = frames({ durationMs: 10_000, face: (t) => (t >= 4000 && t < 7000 ? null : {}) });
    const { findings, summary } = analyzePresence(samples, speech(10_000));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'no-face', severity: 'warn' });
    expect(findings[0]?.startS).toBeCloseTo(4, 1);
    expect(findings[0]?.endS).toBeCloseTo(7, 1);
    expect(summary.longestNoFaceS).toBeCloseTo(3, 1);
  });

  it('should only note a silent absence, and ignore a short one', () => {
    const silent = analyzePresence(
      frames({ durationMs: 10_000, face: (t) => (t >= 4000 && t < 7000 ? null : {}) }),
      speech(10_000, () => false),
    );
    expect(silent.findings.map((f) => f.severity)).toEqual(['info']);
    const short = analyzePresence(
      frames({ durationMs: 10_000, face: (t) => (t >= 4000 && t < 5000 ? null : {}) }),
      speech(10_000),
    );
    expect(short.findings).toEqual([]);
  });

  it('should report a second face that stays for 2 s, with the most faces seen', () => {
    const samples = frames({ durationMs: 10_000, faceCount: (t) => (t >= 3000 && t < 5000 ? (t < 4000 ? 2 : 3) : 1) });
    const { findings, summary } = analyzePresence(samples, speech(10_000));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'multiple-faces', severity: 'warn', evidence: { maxFaces: 3 } });
    expect(summary.maxFaces).toBe(3);
  });

  it('should not report a second face seen for a single frame', () => {
    const samples = frames({ durationMs: 10_000, faceCount: (t) => (Math.abs(t - 3000) < 10 ? 2 : 1) });
    expect(analyzePresence(samples, speech(10_000)).findings).toEqual([]);
  });
});
