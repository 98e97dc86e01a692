import { describe, expect, it } from 'vitest';
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { CHECKLIST } from '@/utils/common/thresholds';
import type { Finding } from '@/utils/findings/finding';
import {
  verifyAnswer,
  verifyBlinkOnRequest,
  verifyHandPass,
  verifyHeadTurn,
  verifyReadPhrase,
} from '@/utils/checklist/verify';
import { frames, lipSyncEstimate } from '../../support/face-samples';

const window = { fromMs: 0, toMs: 6000, offsetMs: 0 };
const pose = (yawDeg: number) => ({ pose: { yawDeg, pitchDeg: 0, rollDeg: 0 } });
/** A head that turns to `peakDeg` one way (0..3 s) and the other way (3..6 s). */
const turning = (peakDeg: number) => (t: number) => pose(peakDeg * Math.sin((2 * Math.PI * t) / 6000));
const jitter: Finding = { kind: 'landmark-jitter', severity: 'warn', startS: 2, endS: 5, message: 'm', evidence: {} };

describe('verifyHeadTurn', () => {
  it('should pass a turn that reaches 50° each way with the face tracked throughout', () => {
    const result = verifyHeadTurn(frames({ durationMs: 6000, face: turning(50) }), window, []);
    expect(result.outcome).toBe('passed');
    expect(result.evidence.maxYawDeg).toBeGreaterThanOrEqual(CHECKLIST.turnYawDeg);
  });

  it('should not verify a turn that stops at 30°', () => {
    expect(verifyHeadTurn(frames({ durationMs: 6000, face: turning(30) }), window, []).outcome).toBe('not-verified');
  });

  it('should not verify a turn when the face is lost mid-turn', () => {
    const samples = frames({ durationMs: 6000, face: (t) => (t > 1000 && t < 2200 ? null : turning(50)(t)) });
    const result = verifyHeadTurn(samples, window, []);
    expect(result.outcome).toBe('not-verified');
    expect(result.summary).toMatch(/lost/);
  });

  it('should raise a concern when the face checks flagged something during the turn', () => {
    const result = verifyHeadTurn(frames({ durationMs: 6000, face: turning(50) }), window, [jitter]);
    expect(result.outcome).toBe('concern');
    expect(result.summary).toMatch(/landmark-jitter/);
  });

  it('should ignore findings outside the response window', () => {
    const later = { ...jitter, startS: 20, endS: 25 };
    expect(verifyHeadTurn(frames({ durationMs: 6000, face: turning(50) }), window, [later]).outcome).toBe('passed');
  });
});

describe('verifyHandPass', () => {
  it('should pass a hand that hides the mouth for a moment, with the face tracked after', () => {
    const samples = frames({ durationMs: 6000, face: (t) => ({ mouthVisible: !(t > 2000 && t < 2500) }) });
    const result = verifyHandPass(samples, window, []);
    expect(result.outcome).toBe('passed');
    expect(result.evidence.hiddenMs).toBeCloseTo(533, -2);
  });

  it('should not verify when no hand was seen, or the face never came back', () => {
    expect(verifyHandPass(frames({ durationMs: 6000 }), window, []).outcome).toBe('not-verified');
    const lost = frames({ durationMs: 6000, face: (t) => (t > 2000 ? null : {}) });
    expect(verifyHandPass(lost, window, []).outcome).toBe('not-verified');
  });

  it('should raise a concern when the face checks flagged something around the pass', () => {
    const samples = frames({ durationMs: 6000, face: (t) => ({ mouthVisible: !(t > 2000 && t < 2500) }) });
    expect(verifyHandPass(samples, window, [{ ...jitter, kind: 'boundary-artifact' }]).outcome).toBe('concern');
  });
});

describe('verifyReadPhrase', () => {
  const estimate = (verdict: LipSyncEstimate['verdict'], offsetMs: number) => lipSyncEstimate(verdict, offsetMs);

  it('should pass in-sync reading, raise a concern on an offset or mismatch, and not verify too little speech', () => {
    expect(verifyReadPhrase(estimate('in-sync', 40)).outcome).toBe('passed');
    expect(verifyReadPhrase(estimate('offset', 400)).outcome).toBe('concern');
    expect(verifyReadPhrase(estimate('offset', -320)).summary).toMatch(/-320 ms off/);
    expect(verifyReadPhrase(estimate('offset', 170))).toMatchObject({
      outcome: 'passed',
      summary: expect.stringMatching(/170 ms apart, within what call delays do/),
    });
    expect(verifyReadPhrase(estimate('mismatch', Number.NaN)).summary).toMatch(/did not follow/);
    expect(verifyReadPhrase(estimate('insufficient', Number.NaN)).outcome).toBe('not-verified');
    expect(verifyReadPhrase(null).outcome).toBe('not-verified');
  });
});

describe('verifyBlinkOnRequest', () => {
  it('should pass blinks, not verify eyes never closed or not tracked, and raise a concern on findings', () => {
    const blinking = frames({ durationMs: 6000, face: (t) => ({ blink: t % 2000 < 200 && t > 500 ? 0.9 : 0.05 }) });
    expect(verifyBlinkOnRequest(blinking, window)).toMatchObject({ outcome: 'passed', evidence: { blinks: 2 } });
    expect(verifyBlinkOnRequest(frames({ durationMs: 6000 }), window)).toMatchObject({
      outcome: 'not-verified',
      summary: expect.stringMatching(/No blink was seen/),
    });
    expect(verifyBlinkOnRequest(frames({ durationMs: 6000, face: () => null }), window).outcome).toBe('not-verified');
    expect(verifyBlinkOnRequest(blinking, window, [jitter]).outcome).toBe('concern');
  });
});

describe('verifyAnswer', () => {
  it('should run the verifier the prompt names', () => {
    const signals = { samples: frames({ durationMs: 6000, face: turning(50) }), window, findings: [], lipSync: null };
    expect(verifyAnswer('head-turn', signals).outcome).toBe('passed');
    expect(verifyAnswer('hand-pass', signals).summary).toMatch(/No hand/);
    expect(verifyAnswer('read-phrase', signals).outcome).toBe('not-verified');
    expect(verifyAnswer('blink', signals).outcome).toBe('not-verified');
  });
});
