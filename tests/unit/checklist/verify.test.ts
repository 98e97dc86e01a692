import { READ_PHRASE_TEXT } from '@/utils/wording/checklist-verify';
import { describe, expect, it } from 'vitest';
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import { CHECKLIST, DESCRIPTOR, HEAD_POSE } from '@/utils/common/thresholds';
import type { IdentityProfile } from '@/utils/features/descriptor';
import type { FaceSample } from '@/utils/features/face-sample';
import type { Finding } from '@/utils/findings/finding';
import {
  mouthHiddenMs,
  verifyAnswer,
  verifyBlinkOnRequest,
  verifyHandPass,
  verifyHeadTurn,
  verifyPhotoId,
  verifyReadPhrase,
} from '@/utils/checklist/verify';
import { PHOTO_ID_TEXT } from '@/utils/wording/checklist-verify';
import { descriptorAway, faceDescriptor, frames, lipSyncEstimate } from '../../support/face-samples';

const window = { fromMs: 0, toMs: 6000, offsetMs: 0 };
/** A head at `trueDeg` of yaw, as the landmarker's matrix reads it (short of it by HEAD_POSE.yawGain). */
const pose = (trueDeg: number) => ({ pose: { yawDeg: trueDeg / HEAD_POSE.yawGain, pitchDeg: 0, rollDeg: 0 } });
/** A head that turns to `peakDeg` (true) one way (0..3 s) and the other way (3..6 s). */
const turning = (peakDeg: number) => (t: number) => pose(peakDeg * Math.sin((2 * Math.PI * t) / 6000));
/** A lower face whose chin reads 150 lighter (a hand over it) while `hand(t)`, its mouth patch never flat. */
const toneBreak = (hand: (t: number) => boolean) => (t: number) => ({
  lowerFaceTone: [-30, -2, 12, -8, 0, 3, hand(t) ? 135 : -15, 1, 2],
});
const jitter: Finding = { kind: 'landmark-jitter', severity: 'warn', startS: 2, endS: 5, message: 'm', evidence: {} };

describe('verifyHeadTurn', () => {
  it('should pass a turn that reaches 50° each way with the face tracked throughout', () => {
    const result = verifyHeadTurn(frames({ durationMs: 6000, face: turning(50) }), window, []);
    expect(result.outcome).toBe('passed');
    expect(result.evidence).toMatchObject({
      maxYawDeg: 50,
      minYawDeg: -50,
      targetYawDeg: CHECKLIST.turnYawDeg,
      sides: 'both',
    });
  });

  it('should judge the calibrated yaw: a matrix yaw of 40° each way is a true 53°, a full turn', () => {
    const matrix = (t: number) => ({
      pose: { yawDeg: 40 * Math.sin((2 * Math.PI * t) / 6000), pitchDeg: 0, rollDeg: 0 },
    });
    const result = verifyHeadTurn(frames({ durationMs: 6000, face: matrix }), window, []);
    expect(result).toMatchObject({ outcome: 'passed', evidence: { maxYawDeg: 53, minYawDeg: -53 } });
  });

  it('should take one side of the picture when asked for one, and both when asked for both', () => {
    // Toward image-right (positive yaw) to 50°, toward image-left only to 30°.
    const lopsided = frames({
      durationMs: 6000,
      face: (t) => pose((t < 3000 ? 50 : 30) * Math.sin((2 * Math.PI * t) / 6000)),
    });
    expect(verifyHeadTurn(lopsided, window, [], 'image-right').outcome).toBe('passed');
    expect(verifyHeadTurn(lopsided, window, [], 'image-left').outcome).toBe('not-verified');
    expect(verifyHeadTurn(lopsided, window, []).outcome).toBe('not-verified');
  });

  it('should not verify a turn that stops at 40°', () => {
    const result = verifyHeadTurn(frames({ durationMs: 6000, face: turning(40) }), window, []);
    expect(result).toMatchObject({ outcome: 'not-verified', evidence: { maxYawDeg: 40, minYawDeg: -40 } });
  });

  it('should not verify a turn when the face is lost mid-turn', () => {
    const samples = frames({ durationMs: 6000, face: (t) => (t > 1000 && t < 2200 ? null : turning(50)(t)) });
    const result = verifyHeadTurn(samples, window, []);
    expect(result.outcome).toBe('not-verified');
    expect(result.summary).toMatch(/lost/);
  });

  it('should pass a turn whose face was lost past the target and found again (the landmarker drops profiles)', () => {
    const lostAtProfile = (t: number) => t > 1400 && t < 2400;
    const samples = frames({ durationMs: 6000, face: (t) => (lostAtProfile(t) ? null : turning(50)(t)) });
    expect(verifyHeadTurn(samples, window, []).outcome).toBe('passed');
    // Lost past the target and never found again: nothing shows the same face came back.
    const neverBack = frames({ durationMs: 6000, face: (t) => (t > 4600 ? null : turning(50)(t)) });
    expect(verifyHeadTurn(neverBack, window, []).summary).toMatch(/lost/);
  });

  it('should compare the face read before the turn with the face read after it', () => {
    const alice = faceDescriptor(1);
    const bob = descriptorAway(alice, 0.6, 2);
    // Described only near the front, as the pipeline does; turning(50) passes 45° at 1.07..1.93 s and 4.07..4.93 s.
    const frontal = (t: number) => Math.abs(50 * Math.sin((2 * Math.PI * t) / 6000)) < 20;
    const turn = (after: Float32Array) =>
      frames({
        durationMs: 6000,
        face: turning(50),
        descriptor: (t) => (frontal(t) ? (t < 1000 ? alice : t > 5000 ? after : null) : null),
      });
    const same = verifyHeadTurn(turn(alice), window, []);
    expect(same.outcome).toBe('passed');
    expect(same.evidence.identityDistance).toBeLessThan(DESCRIPTOR.samePersonMax);
    const swapped = verifyHeadTurn(turn(bob), window, []);
    expect(swapped.outcome).toBe('concern');
    expect(swapped.evidence.identityDistance).toBeGreaterThan(DESCRIPTOR.samePersonMax);
    expect(swapped.summary).toMatch(/does not match the face before it/);
    // Without reads on both sides nothing is claimed about the face.
    const unread = verifyHeadTurn(frames({ durationMs: 6000, face: turning(50) }), window, []);
    expect(unread).toMatchObject({ outcome: 'passed', evidence: { identityDistance: null } });
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

  it('should pass a hand seen only by the break in the lower-face tone, the mouth patch never flat', () => {
    const samples = frames({ durationMs: 6000, face: toneBreak((t) => t > 1990 && t < 2390) });
    const result = verifyHandPass(samples, window, []);
    expect(result.outcome).toBe('passed');
    expect(result.evidence.coveredMs).toBeCloseTo(400, 0);
    expect(result.evidence.hiddenMs).toBeCloseTo(400, 0);
  });

  it('should judge a break from the first frame of the window against the second before it', () => {
    const late = { fromMs: 3000, toMs: 6000, offsetMs: 0 };
    const samples = frames({ durationMs: 6000, face: toneBreak((t) => t > 2990 && t < 3390) });
    expect(verifyHandPass(samples, late, [])).toMatchObject({
      outcome: 'passed',
      evidence: { coveredMs: 400, hiddenMs: 400 },
    });
    // Given the window's frames only, the hand's frames have nothing before them to break from.
    const windowOnly = samples.filter((s) => s.timeMs >= late.fromMs);
    expect(mouthHiddenMs(windowOnly, { ...late, toMs: 3400 }).coveredMs).toBe(0);
  });

  it('should not pass a face kept covered for 10 s', () => {
    const samples = frames({ durationMs: 16_000, face: toneBreak((t) => t > 1990 && t < 11_990) });
    expect(verifyHandPass(samples, { fromMs: 0, toMs: 16_000, offsetMs: 0 }, []).outcome).toBe('not-verified');
  });
});

describe('mouthHiddenMs', () => {
  it('should count only the window, though it reads the second before it', () => {
    const samples = frames({ durationMs: 6000, face: (t) => ({ mouthVisible: !(t > 990 && t < 2490) }) });
    const { hiddenMs, coveredMs } = mouthHiddenMs(samples, { fromMs: 2000, toMs: 6000, offsetMs: 0 });
    expect(hiddenMs).toBeCloseTo(533, 0);
    expect(coveredMs).toBe(0);
  });

  it('should count a frame once whether its face was lost, its mouth patch flat or its lower face covered', () => {
    // 15 fps: lost 2000..2133, flat 2200..2333, covered 2333..2467; the frame at 2333 is flat and covered.
    const tone = toneBreak((t) => t > 2290 && t < 2490);
    const samples = frames({
      durationMs: 6000,
      face: (t) => (t > 1990 && t < 2190 ? null : { mouthVisible: !(t > 2190 && t < 2390), ...tone(t) }),
    });
    const { hiddenMs, coveredMs } = mouthHiddenMs(samples, window);
    expect(coveredMs).toBeCloseTo(200, 0);
    expect(hiddenMs).toBeCloseTo(533, 0);
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

  it('should raise a concern at once when a voice read over a still mouth, whatever lip sync says yet', () => {
    const silent = {
      kind: 'voice-without-mouth' as const,
      severity: 'info' as const,
      startS: 1,
      endS: 3.5,
      message: 'A voice was heard…',
      evidence: { voicedS: 2.3, mouthSpread: 0.004, mouthSeenShare: 1 },
    };
    for (const lipSync of [null, estimate('insufficient', Number.NaN), estimate('in-sync', 0)]) {
      expect(verifyReadPhrase(lipSync, [silent])).toEqual({
        outcome: 'concern',
        summary: READ_PHRASE_TEXT.silentFace,
        evidence: { voicedS: 2.3, mouthSpread: 0.004 },
      });
    }
    expect(verifyReadPhrase(estimate('in-sync', 0), [{ ...silent, kind: 'mouth-without-voice' }]).outcome).toBe(
      'passed',
    );
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

describe('verifyPhotoId', () => {
  const alice = faceDescriptor(1);
  const bob = descriptorAway(alice, 1, 2);
  const profile: IdentityProfile = { descriptor: alice, count: 40, spread: 0.15 };
  /** An ID photo's face `distance` from alice. */
  const idFace = (distance: number, seed = 3) => descriptorAway(alice, distance, seed);

  /**
   * 6 s at 10 fps; the candidate read exactly as `who` once a second (none: not described), and
   * `ids(t)` the other faces described on each frame.
   */
  function answer(ids: (timeMs: number) => Float32Array[], who: Float32Array | null = null): FaceSample[] {
    return frames({
      durationMs: 6000,
      fps: 10,
      descriptorNoise: 0,
      descriptor: (_t, index) => (who && index % 10 === 0 ? who : null),
    }).map((sample) => ({ ...sample, otherDescriptors: ids(sample.timeMs) }));
  }

  it('should not verify without a profile or the face read from the front in the answer', () => {
    const result = verifyPhotoId(
      answer(() => [alice]),
      window,
      null,
    );
    expect(result).toEqual({
      outcome: 'not-verified',
      summary: PHOTO_ID_TEXT.noCandidate,
      evidence: { idPhotoDistance: null, threshold: DESCRIPTOR.idPhotoMax, idFacesRead: 60, candidateFaces: 0 },
    });
  });

  it('should not verify when no other face was read: the ID photo face was not found', () => {
    const result = verifyPhotoId(
      answer(() => []),
      window,
      profile,
    );
    expect(result).toEqual({
      outcome: 'not-verified',
      summary: PHOTO_ID_TEXT.notFound,
      evidence: { idPhotoDistance: null, threshold: DESCRIPTOR.idPhotoMax, idFacesRead: 0, candidateFaces: 40 },
    });
    expect(result.summary).toMatch(/^ID photo face not found/);
  });

  it.each([
    [0.3, 'passed'],
    [DESCRIPTOR.idPhotoMax - 0.01, 'passed'],
    [DESCRIPTOR.idPhotoMax + 0.01, 'concern'],
    [1, 'concern'],
  ] as const)('should judge an ID face %f from the profile: %s', (distance, outcome) => {
    const result = verifyPhotoId(
      answer((t) => (t === 3000 ? [idFace(distance)] : [])),
      window,
      profile,
    );
    expect(result.outcome).toBe(outcome);
    expect(result.evidence).toEqual({
      idPhotoDistance: Number(distance.toFixed(3)),
      threshold: DESCRIPTOR.idPhotoMax,
      idFacesRead: 1,
      candidateFaces: 40,
    });
    const summary = outcome === 'passed' ? PHOTO_ID_TEXT.matches : PHOTO_ID_TEXT.differs;
    expect(result.summary).toBe(summary(distance, DESCRIPTOR.idPhotoMax));
  });

  it('should take the closest of the faces read beside the candidate', () => {
    const result = verifyPhotoId(
      answer((t) => (t === 1000 ? [bob, idFace(0.8)] : t === 2000 ? [idFace(0.45, 4)] : [])),
      window,
      profile,
    );
    expect(result.outcome).toBe('passed');
    expect(result.evidence).toMatchObject({ idPhotoDistance: 0.45, idFacesRead: 3 });
  });

  it('should read, live, only the faces found beside the candidate, not the other tiles of the call', () => {
    // Live samples carry the ID search's faces apart: the other tiles' faces (bob) are not the ID.
    const live = answer(() => [bob]).map((sample) => ({
      ...sample,
      idPhotoDescriptors: sample.timeMs === 3000 ? [idFace(0.5)] : [],
    }));
    expect(verifyPhotoId(live, window, profile).evidence).toMatchObject({ idPhotoDistance: 0.5, idFacesRead: 1 });
    const noId = live.map((sample) => ({ ...sample, idPhotoDescriptors: [] }));
    expect(verifyPhotoId(noId, window, profile).outcome).toBe('not-verified');
  });

  it('should read only the faces inside the response window', () => {
    const later = { fromMs: 0, toMs: 2500, offsetMs: 0 };
    const samples = answer((t) => (t === 1000 ? [idFace(0.9)] : t === 3000 ? [idFace(0.2)] : []));
    expect(verifyPhotoId(samples, later, profile)).toMatchObject({
      outcome: 'concern',
      evidence: { idPhotoDistance: 0.9, idFacesRead: 1 },
    });
  });

  it("should fall back to the candidate's own descriptors in the answer without a profile", () => {
    const samples = answer((t) => (t === 3000 ? [idFace(0.5)] : []), alice);
    expect(verifyPhotoId(samples, window, null)).toMatchObject({
      outcome: 'passed',
      evidence: { idPhotoDistance: 0.5, idFacesRead: 1, candidateFaces: 6 },
    });
    // 2 s..4 s holds three reads (2, 3 and 4 s); 2.5 s..4 s only two, too few for a profile.
    expect(verifyPhotoId(samples, { fromMs: 2000, toMs: 4000, offsetMs: 0 }, null).evidence.candidateFaces).toBe(3);
    expect(verifyPhotoId(samples, { fromMs: 2500, toMs: 4000, offsetMs: 0 }, null).summary).toBe(
      PHOTO_ID_TEXT.noCandidate,
    );
  });

  it("should judge by the session's profile over the faces read in the answer", () => {
    // Bob's face answered, alice's is on the ID and in the profile: the ID matches the profile.
    const samples = answer((t) => (t === 3000 ? [alice] : []), bob);
    expect(verifyPhotoId(samples, window, profile)).toMatchObject({
      outcome: 'passed',
      evidence: { idPhotoDistance: 0, candidateFaces: 40 },
    });
    expect(verifyPhotoId(samples, window, null)).toMatchObject({
      outcome: 'concern',
      evidence: { idPhotoDistance: 1, candidateFaces: 6 },
    });
  });
});

describe('verifyAnswer', () => {
  it('should run the verifier the prompt names', () => {
    const signals = {
      samples: frames({ durationMs: 6000, face: turning(50) }),
      window,
      findings: [],
      lipSync: null,
      candidateProfile: null,
    };
    expect(verifyAnswer('head-turn', signals).outcome).toBe('passed');
    expect(verifyAnswer('hand-pass', signals).summary).toMatch(/No hand/);
    expect(verifyAnswer('read-phrase', signals).outcome).toBe('not-verified');
    expect(verifyAnswer('blink', signals).outcome).toBe('not-verified');
    expect(verifyAnswer('photo-id', signals).summary).toMatch(/not read from the front/);
  });

  it("should check a photo ID against the candidate's profile it is given", () => {
    const alice = faceDescriptor(1);
    const samples = frames({ durationMs: 6000 }).map((sample) => ({
      ...sample,
      otherDescriptors: sample.timeMs === 3000 ? [descriptorAway(alice, 0.4, 3)] : [],
    }));
    const signals = { samples, window, findings: [], lipSync: null, candidateProfile: null };
    expect(verifyAnswer('photo-id', signals).outcome).toBe('not-verified');
    const candidateProfile = { descriptor: alice, count: 12, spread: 0.1 };
    expect(verifyAnswer('photo-id', { ...signals, candidateProfile })).toMatchObject({
      outcome: 'passed',
      evidence: { idPhotoDistance: 0.4, idFacesRead: 1, candidateFaces: 12 },
    });
  });
});
