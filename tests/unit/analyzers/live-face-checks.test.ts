import { describe, expect, it } from 'vitest';
import { LiveFaceChecks } from '@/utils/analyzers/live-face-checks';
import { frames, speech } from '../../support/face-samples';
import { FACE_CHECKS_TRACK } from '@/utils/analyzers/windows';

describe('LiveFaceChecks', () => {
  it('should run every FACE_CHECKS_TRACK.everyMs over the newest window, stamping findings from session start', () => {
    const sessionStartMs = 100_000;
    const checks = new LiveFaceChecks(sessionStartMs);
    // 40 s of call; the face is gone from 20 to 24 s while someone speaks.
    const samples = frames({ durationMs: 40_000, face: (t) => (t >= 20_000 && t < 24_000 ? null : {}) });
    const heard = speech(40_000);
    const voice = () => ({ ...heard, timesMs: heard.timesMs.map((t) => t + sessionStartMs) });
    let runs = 0;
    let last = checks.update(sessionStartMs, voice).checks;
    expect(last).toBeNull();
    for (const sample of samples) {
      checks.push({ ...sample, timeMs: sessionStartMs + sample.timeMs });
      const { checks: latest } = checks.update(sessionStartMs + sample.timeMs, voice);
      if (latest !== last) runs++;
      last = latest;
    }
    // The first run comes a full step after the start, then one every step: at 10, 20 and 30 s.
    expect(runs).toBe(Math.floor((40_000 - 1) / FACE_CHECKS_TRACK.everyMs));
    const { findings } = checks.update(sessionStartMs + 40_000, voice);
    const noFace = findings.filter((f) => f.kind === 'no-face');
    expect(noFace).toHaveLength(1);
    expect(noFace[0]?.startS).toBeCloseTo(20, 0);
    expect(noFace[0]?.severity).toBe('warn');
  });

  it('should not pass old samples off as the newest window when no frames came', () => {
    const checks = new LiveFaceChecks(0);
    for (const sample of frames({ durationMs: 5000 })) checks.push(sample);
    expect(checks.update(10_000, () => speech(10_000)).checks?.samples).toBe(75);
    // Paused for a minute: the next run has nothing new to judge and keeps the last measures.
    expect(checks.update(70_000, () => speech(10_000)).checks?.samples).toBe(75);
    checks.push({ ...(frames({ durationMs: 100 })[0] as ReturnType<typeof frames>[number]), timeMs: 75_000 });
    expect(checks.update(80_000, () => speech(10_000)).checks?.samples).toBe(1);
  });

  it('should forget the face history and its measures when the candidate changes', () => {
    const checks = new LiveFaceChecks(0);
    for (const sample of frames({ durationMs: 5000 })) checks.push(sample);
    expect(checks.update(10_000, () => speech(1000)).checks).not.toBeNull();
    checks.forgetFace();
    expect(checks.update(20_000, () => speech(1000)).checks).toBeNull();
  });

  it('should run at once when asked, and give the samples of an answer window', () => {
    const checks = new LiveFaceChecks(0);
    for (const sample of frames({ durationMs: 6000 })) checks.push(sample);
    expect(checks.update(6000, () => speech(6000)).checks).toBeNull();
    expect(checks.update(6000, () => speech(6000), { now: true }).checks?.samples).toBe(90);
    const answer = checks.samplesBetween(2000, 4000);
    expect(answer[0]?.timeMs).toBeGreaterThanOrEqual(2000);
    expect(answer.at(-1)?.timeMs).toBeLessThanOrEqual(4000);
    expect(answer.length).toBeGreaterThanOrEqual(29);
  });
});
