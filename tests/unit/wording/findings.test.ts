import { describe, expect, it } from 'vitest';
import { BLINK, JITTER, LIP_SYNC, PULSE, SEAM } from '@/utils/common/thresholds';
import { FINDING_KINDS, SEVERITIES } from '@/utils/findings/finding';
import {
  avMismatchMessage,
  avOffsetMessage,
  blinkAnomalyMessage,
  boundaryArtifactMessage,
  FINDING_TITLES,
  freezeMessage,
  landmarkJitterMessage,
  multipleFacesMessage,
  noFaceMessage,
  personChangeMessage,
  pulseAbsentMessage,
  SEVERITY_TITLES,
  type SeamMeasures,
} from '@/utils/wording/findings';

describe('titles', () => {
  it('should give every kind and every severity its own title', () => {
    const kinds = FINDING_KINDS.map((kind) => FINDING_TITLES[kind]);
    const severities = SEVERITIES.map((severity) => SEVERITY_TITLES[severity]);
    expect(new Set(kinds.filter(Boolean)).size).toBe(FINDING_KINDS.length);
    expect(severities).toEqual(['Note', 'Check', 'Strong signal']);
  });
});

describe('finding messages', () => {
  const seam = (change: Partial<SeamMeasures>) =>
    boundaryArtifactMessage({
      frames: 60,
      gradientRatio: 1.2,
      blurry: false,
      chromaDelta: 5,
      colourDiffers: false,
      ...change,
    });
  // Each message with the numbers (as the interviewer reads them) and limits it must show.
  it.each([
    ['av-offset, sound late', avOffsetMessage(512.4), ['the sound comes 512 ms after the lips move', 'random phrase']],
    ['av-offset, sound early', avOffsetMessage(-260), ['the sound comes 260 ms before the lips move']],
    ['av-mismatch', avMismatchMessage(24.04), ['Over 24 s of speech', `±${LIP_SYNC.maxLagMs / 1000} s`]],
    ['no-face while speaking', noFaceMessage(3456, true), ['for 3.46 s while someone was speaking']],
    ['no-face in silence', noFaceMessage(2500, false), ['for 2.5 s. Ask the candidate to stay in view.']],
    ['multiple-faces', multipleFacesMessage(3, 1250), ['3 faces were in the candidate', 'for 1.25 s']],
    [
      'person-change at a moment',
      personChangeMessage({ pattern: 'moment', atMs: 8123, geometryZ: 5.26, colourZ: 9.04 }),
      ['changed at 8.12 s', 'proportions moved 5.3x', 'skin tone 9.0x'],
    ],
    [
      'person-change from start to end',
      personChangeMessage({ pattern: 'drift', geometryZ: 2.44, colourZ: 3.06 }),
      ['proportions 2.4x, skin tone 3.1x', 'without one clear moment'],
    ],
    [
      'freeze while speaking',
      freezeMessage({ pattern: 'frozen', durationMs: 2900, speaking: true }),
      ['stood still for 2.9 s while the voice went on'],
    ],
    [
      'freeze in silence',
      freezeMessage({ pattern: 'frozen', durationMs: 1800, speaking: false }),
      ['stood still for 1.8 s (no speech meanwhile'],
    ],
    [
      'freeze as a loop',
      freezeMessage({ pattern: 'loop', durationMs: 2600, lagMs: 5040 }),
      ['2.6 s of the picture repeated frames from 5.04 s earlier'],
    ],
    ['landmark-jitter', landmarkJitterMessage(0.02456), ['median 0.0246', `under ${JITTER.warnMedian}`]],
    [
      'boundary-artifact, blurry',
      seam({ frames: 240, gradientRatio: 0.523, blurry: true }),
      ['Across 240 frames the middle', 'texture ratio 0.52', `real faces ${SEAM.minGradientRatio} or more`],
    ],
    [
      'boundary-artifact, coloured',
      seam({ frames: 90, chromaDelta: 13.46, colourDiffers: true }),
      ['Across 90 frames its colour', '(13.5, real faces', `${SEAM.maxChromaDelta} or less`],
    ],
    [
      'blink-anomaly, rate',
      blinkAnomalyMessage({ pattern: 'rate', blinks: 1, watchedMs: 45_678, perMinute: 1.31 }),
      ['1 blinks in 45.68 s', '1.3 a minute', `${BLINK.minPerMinute}..${BLINK.maxPerMinute} times a minute`],
    ],
    [
      'blink-anomaly, duration',
      blinkAnomalyMessage({ pattern: 'duration', medianDurationMs: 712.4 }),
      ['Blinks last 712 ms on median'],
    ],
    ['pulse-absent, weak', pulseAbsentMessage(-15.37), ['best SNR -15.4 dB', `over ${PULSE.minSnrDb} dB`]],
  ])('should put the numbers of %s in its message', (_, message, parts) => {
    for (const part of parts) expect(message).toContain(part);
  });

  it('should say both seam measures when both are off', () => {
    const both = seam({ gradientRatio: 0.4, blurry: true, chromaDelta: 14, colourDiffers: true });
    expect(both).toMatch(/smoother than its edge \(texture ratio 0\.40, .*\) and its colour differs .*\(14\.0, /);
  });

  it('should say a colour that never varies, not an SNR, when there was no variation at all', () => {
    const flat = pulseAbsentMessage(-Infinity);
    expect(flat).toContain('did not vary at all');
    expect(flat).not.toContain('SNR');
  });
});
