import { describe, expect, it } from 'vitest';
import {
  CHALLENGE_SPEC_HELP,
  ChallengeResultSchema,
  parseChallengeSpec,
  stretchLabel,
  stretchOutsideRecording,
  verifyRecordingChallenges,
  withReportDescriptors,
  type ChallengeStretch,
  type RecordingChallengeSignals,
} from '@/utils/checklist/recording-challenges';
import { CHECKLIST, HEAD_POSE } from '@/utils/common/thresholds';
import type { Finding } from '@/utils/findings/finding';
import { HEAD_TURN_TEXT, READ_PHRASE_TEXT } from '@/utils/wording/checklist-verify';
import { frames } from '../../support/face-samples';
import { articulation, mouthSeries, speechSeries } from '../../support/generators';

/** The stretch a spec stands for (the spec must be good). */
function stretch(spec: string): ChallengeStretch {
  const parsed = parseChallengeSpec(spec);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.stretch;
}

describe('parseChallengeSpec', () => {
  it.each([
    ['head-turn:image-right@2-6.5', { kind: 'head-turn', sides: 'image-right', startS: 2, endS: 6.5 }],
    ['head-turn:image-left@0.25-3', { kind: 'head-turn', sides: 'image-left', startS: 0.25, endS: 3 }],
    ['head-turn@0-4', { kind: 'head-turn', sides: 'both', startS: 0, endS: 4 }],
    ['hand-pass@3-5', { kind: 'hand-pass', sides: null, startS: 3, endS: 5 }],
    ['read-phrase@10-18.5', { kind: 'read-phrase', sides: null, startS: 10, endS: 18.5 }],
    ['blink@0-3', { kind: 'blink', sides: null, startS: 0, endS: 3 }],
  ])('should read %s, and write it back the same', (spec, expected) => {
    expect(parseChallengeSpec(spec)).toEqual({ stretch: expected });
    expect(stretchLabel(stretch(spec))).toBe(spec);
  });

  it('should read a spec with spaces around it', () => {
    expect(parseChallengeSpec('  blink@1-2 ')).toEqual({ stretch: { kind: 'blink', sides: null, startS: 1, endS: 2 } });
  });

  it.each(['head-turn', 'blink@3', 'blink@-1-2', 'blink@a-b', 'blink @1-2', 'blink@1-2s', 'Blink@1-2', ''])(
    'should say that %j is not a challenge, and how to write one',
    (spec) => {
      expect(parseChallengeSpec(spec)).toEqual({
        problem: `"${spec}" is not a challenge: write ${CHALLENGE_SPEC_HELP}.`,
      });
    },
  );

  it.each([
    ['nod@1-2', '"nod" is not a challenge kind: use head-turn, hand-pass, read-phrase, blink.'],
    ['photo-id@1-2', '"photo-id" is not a challenge kind: use head-turn, hand-pass, read-phrase, blink.'],
    ['blink:image-left@1-2', '"blink:image-left": only head-turn takes a side.'],
    ['head-turn:up@1-2', '"head-turn:up": the side is image-left or image-right.'],
    ['blink@3-2', '"blink@3-2": the stretch must end after it starts.'],
    ['hand-pass@2-2', '"hand-pass@2-2": the stretch must end after it starts.'],
  ])('should refuse %s: %s', (spec, problem) => {
    expect(parseChallengeSpec(spec)).toEqual({ problem });
  });
});

describe('stretchOutsideRecording', () => {
  it('should refuse a stretch that starts at or after the end, and take one that only ends after it', () => {
    expect(stretchOutsideRecording(stretch('blink@10-12'), 6.36)).toBe(
      'blink@10-12 starts after the recording ends (6.4 s).',
    );
    expect(stretchOutsideRecording(stretch('head-turn:image-left@6.36-8'), 6.36)).toBe(
      'head-turn:image-left@6.36-8 starts after the recording ends (6.4 s).',
    );
    expect(stretchOutsideRecording(stretch('blink@6-8'), 6.36)).toBeNull();
    expect(stretchOutsideRecording(stretch('blink@0-3'), 6.36)).toBeNull();
  });
});

/** The matrix yaw that calibrates to `trueDeg` (verify.ts judges calibratedYawDeg). */
const matrixYaw = (trueDeg: number) => trueDeg / HEAD_POSE.yawGain;

/**
 * 20 s at 15 fps of one talking face, voice and lips together: frontal until 2 s, turned toward
 * image-right to 60° true yaw by 4 s and held to 6 s, frontal again from 7 s; two blinks at
 * 10.5 and 11.5 s; the mouth hidden by a hand 15..15.5 s.
 */
function recording(findings: Finding[] = []): RecordingChallengeSignals {
  const yaw = (t: number) => (t < 2000 ? 0 : t < 4000 ? (60 * (t - 2000)) / 2000 : t < 6000 ? 60 : t < 7000 ? 30 : 0);
  const faces = frames({
    durationMs: 20_000,
    face: (t) => ({
      pose: { yawDeg: matrixYaw(yaw(t)), pitchDeg: 0, rollDeg: 0 },
      blink: (t >= 10_500 && t < 10_650) || (t >= 11_500 && t < 11_650) ? 0.9 : 0.05,
      mouthVisible: !(t > 15_000 && t < 15_500),
    }),
  });
  const curve = articulation(5, 20_000);
  return { faces, mouth: mouthSeries(curve, 20_000, 15), speech: speechSeries(curve, 20_000, 0), findings };
}

const voiceWithoutMouth = (startS: number, endS: number): Finding => ({
  kind: 'voice-without-mouth',
  severity: 'warn',
  startS,
  endS,
  message: 'A voice was heard…',
  evidence: { voicedS: 2.2, mouthSpread: 0.003, mouthSeenShare: 1 },
});

describe('verifyRecordingChallenges', () => {
  it('should pass a turn to 60° toward image-right asked one way, and not verify it asked both ways', () => {
    const specs = ['head-turn:image-right@1-6.5', 'head-turn@1-6.5', 'head-turn:image-left@1-6.5'];
    const results = verifyRecordingChallenges(specs.map(stretch), recording());
    expect(results.map((r) => r.outcome)).toEqual(['passed', 'not-verified', 'not-verified']);
    for (const result of results) {
      expect(ChallengeResultSchema.parse(result)).toEqual(result);
      expect(result.evidence).toMatchObject({ maxYawDeg: 60, minYawDeg: 0, targetYawDeg: CHECKLIST.turnYawDeg });
    }
    expect(results[0]).toEqual({
      ...stretch('head-turn:image-right@1-6.5'),
      outcome: 'passed',
      summary: HEAD_TURN_TEXT.passed(0, 60, 'image-right'),
      evidence: {
        maxYawDeg: 60,
        minYawDeg: 0,
        longestGapMs: 67,
        targetYawDeg: 45,
        sides: 'image-right',
        identityDistance: null,
      },
    });
    expect(results[1]?.summary).toBe(HEAD_TURN_TEXT.short(0, 60, CHECKLIST.turnYawDeg, 'both'));
    expect(results[2]?.summary).toBe(HEAD_TURN_TEXT.short(0, 60, CHECKLIST.turnYawDeg, 'image-left'));
  });

  it('should judge only the stretch asked for', () => {
    // Before the head passes 45° (at 3.5 s; the last frame before 3.4 s reads 40°), then while it is at 60°.
    const [early, turned] = verifyRecordingChallenges(
      [stretch('head-turn:image-right@0-3.4'), stretch('head-turn:image-right@4-5')],
      recording(),
    );
    expect(early).toMatchObject({ outcome: 'not-verified', evidence: { maxYawDeg: 40 } });
    expect(turned).toMatchObject({ outcome: 'passed', evidence: { minYawDeg: 60, maxYawDeg: 60 } });
  });

  it('should raise a concern on a face-check finding during the stretch, not on one outside it', () => {
    const jitter: Finding = {
      kind: 'landmark-jitter',
      severity: 'warn',
      startS: 5,
      endS: 8,
      message: 'm',
      evidence: {},
    };
    const signals = recording([jitter]);
    const [during, after] = verifyRecordingChallenges(
      [stretch('head-turn:image-right@1-6.5'), stretch('blink@10-13')],
      signals,
    );
    expect(during).toMatchObject({ outcome: 'concern', summary: HEAD_TURN_TEXT.flagged(['landmark-jitter']) });
    expect(after).toMatchObject({ outcome: 'passed', evidence: { blinks: 2 } });
  });

  it('should see the blinks and the hand inside their stretches and nothing outside them', () => {
    const results = verifyRecordingChallenges(
      ['blink@10-13', 'blink@16-19', 'hand-pass@14-17', 'hand-pass@8-11'].map(stretch),
      recording(),
    );
    expect(results.map((r) => [stretchLabel(r), r.outcome, r.evidence])).toEqual([
      ['blink@10-13', 'passed', { blinks: 2, watchedMs: expect.any(Number) }],
      ['blink@16-19', 'not-verified', { blinks: 0, watchedMs: expect.any(Number) }],
      ['hand-pass@14-17', 'passed', { hiddenMs: 533, coveredMs: 0, faceAtEnd: 'yes' }],
      ['hand-pass@8-11', 'not-verified', { hiddenMs: 0, coveredMs: 0, faceAtEnd: 'yes' }],
    ]);
  });

  it('should pass reading in sync, and raise a concern on a voice without mouth during the reading only', () => {
    const reading = stretch('read-phrase@2-10');
    const [clean] = verifyRecordingChallenges([reading], recording());
    expect(clean).toMatchObject({ outcome: 'passed', evidence: { verdict: 'in-sync' } });
    const [outside] = verifyRecordingChallenges([reading], recording([voiceWithoutMouth(12, 14.5)]));
    expect(outside).toEqual(clean);
    const [during] = verifyRecordingChallenges([reading], recording([voiceWithoutMouth(9, 11.5)]));
    expect(during).toEqual({
      ...reading,
      outcome: 'concern',
      summary: READ_PHRASE_TEXT.silentFace,
      evidence: { voicedS: 2.2, mouthSpread: 0.003 },
    });
  });

  it('should give one result per stretch in the order given, the same stretch twice included', () => {
    const specs = ['blink@10-13', 'head-turn:image-right@1-6.5', 'blink@10-13'];
    const results = verifyRecordingChallenges(specs.map(stretch), recording());
    expect(results.map(stretchLabel)).toEqual(specs);
    expect(results[2]).toEqual(results[0]);
    expect(verifyRecordingChallenges([], recording())).toEqual([]);
  });
});

describe('withReportDescriptors', () => {
  it("should put each of the report's descriptors on the frame at its time (kept to 10 ms), and no other", () => {
    const faces = frames({ durationMs: 1000, fps: 15 }); // frames every 66.7 ms
    const values = Array.from({ length: 128 }, (_, i) => i / 128);
    const placed = withReportDescriptors(faces, [
      { timeS: 0.13, values }, // the frame at 133.3 ms
      { timeS: 0.1, values }, // between frames: nobody's
    ]);
    expect(placed.flatMap((s, i) => (s.face?.descriptor ? [i] : []))).toEqual([2]);
    expect(Array.from(placed[2]?.face?.descriptor ?? [])).toEqual(Array.from(Float32Array.from(values)));
    expect(faces[2]?.face?.descriptor).toBeNull();
  });
});
