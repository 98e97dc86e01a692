import { describe, expect, it } from 'vitest';
import { analyzeLipSyncTrack } from '@/utils/analyzers/lip-sync-track';
import { silentFaceFindings } from '@/utils/analyzers/silent-face';
import { SILENT_FACE } from '@/utils/common/thresholds';
import type { Finding } from '@/utils/findings/finding';
import type { MouthSeries, SpeechSeries } from '@/utils/features/signals';
import { mouthWithoutVoiceMessage, voiceWithoutMouthMessage } from '@/utils/wording/findings';
import { articulation, mouthSeries, seededRandom, speechSeries } from '../../support/generators';

const FPS = 15;
const HOP_MS = 10;
/** Landmark jitter of a still mouth's opening: uniform in ±0.003. */
const JITTER = 0.003;

/** A mouth sampled at `fps`: `openAt(timeMs, frame)` is its opening (NaN: not seen). */
function mouthOf(durationMs: number, openAt: (timeMs: number, frame: number) => number, fps = FPS): MouthSeries {
  const count = Math.floor((durationMs / 1000) * fps);
  const timesMs = Float64Array.from({ length: count }, (_, i) => (i * 1000) / fps);
  const open = Float32Array.from(timesMs, (t, i) => openAt(t, i));
  return { timesMs, open, jawOpen: Float32Array.from(open, (value) => 2 * value) };
}

/** A still mouth: opening 0.05 with landmark jitter, NaN on the frames where `seen` is false. */
function stillMouth(durationMs: number, seed = 1, seen: (frame: number) => boolean = () => true): MouthSeries {
  const random = seededRandom(seed);
  return mouthOf(durationMs, (_, frame) => {
    const open = 0.05 + (random() - 0.5) * 2 * JITTER;
    return seen(frame) ? open : Number.NaN;
  });
}

/** Hops every 10 ms (centres at 5, 15, ...), voiced where `voicedAt` says so: loud speech or quiet room. */
function speechOf(durationMs: number, voicedAt: (timeMs: number) => boolean): SpeechSeries {
  const count = Math.floor(durationMs / HOP_MS);
  const timesMs = Float64Array.from({ length: count }, (_, i) => i * HOP_MS + HOP_MS / 2);
  const voiced = Uint8Array.from(timesMs, (t) => (voicedAt(t) ? 1 : 0));
  return { timesMs, db: Float32Array.from(voiced, (v) => (v ? -20 : -70)), voiced };
}

/** A recording without sound: no hops at all. */
const NO_SOUND: SpeechSeries = { timesMs: new Float64Array(0), db: new Float32Array(0), voiced: new Uint8Array(0) };

const always = () => true;
const never = () => false;

/** Every evidence number is a finite number (never NaN, never null). */
function expectFiniteEvidence(finding: Finding | undefined) {
  for (const key of ['voicedS', 'mouthSpread', 'mouthSeenShare']) {
    const value = finding?.evidence[key];
    expect(typeof value, key).toBe('number');
    expect(Number.isFinite(value), key).toBe(true);
  }
}

describe('silentFaceFindings: voice without mouth', () => {
  it('should note a still mouth under 3 s of continuous speech, decided within 3 s of the voice', () => {
    const mouth = stillMouth(6000);
    const speech = speechOf(6000, (t) => t >= 1000 && t < 4000);
    const findings = silentFaceFindings(mouth, speech, 0, 6000);
    expect(findings).toHaveLength(1);
    const finding = findings[0];
    // Windows [0.5, 3), [1, 3.5), [1.5, 4) and [2, 4.5) each hear 2..2.5 s of the voice: the
    // finding spans them, so it may start up to windowMs - minVoicedS before the voice does.
    expect(finding).toMatchObject({ kind: 'voice-without-mouth', severity: 'info', startS: 0.5, endS: 4.5 });
    expect(finding?.startS).toBeGreaterThanOrEqual(1 - (SILENT_FACE.windowMs / 1000 - SILENT_FACE.minVoicedS));
    expect(finding?.endS).toBeGreaterThanOrEqual(4);
    expect(finding?.message).toBe(voiceWithoutMouthMessage(2));
    expectFiniteEvidence(finding);
    expect(finding?.evidence).toMatchObject({ voicedS: 2, mouthSeenShare: 1 });
    expect(finding?.evidence.mouthSpread).toBeLessThanOrEqual(SILENT_FACE.maxStillSpread);
    expect(finding?.evidence.mouthSpread).toBeGreaterThan(0);
  });

  it('should have decided within 3 s of the voice starting', () => {
    const mouth = stillMouth(6000);
    const speech = speechOf(6000, (t) => t >= 1000 && t < 4000);
    // The analysis as it would stand at each moment after the voice started.
    const firstEndMs = [1500, 2000, 2500, 3000, 3500, 4000].find(
      (endMs) => silentFaceFindings(mouth, speech, 0, endMs).length > 0,
    );
    expect(firstEndMs).toBe(3000);
    expect(firstEndMs).toBeLessThanOrEqual(1000 + 3000);
  });

  it('should warn when the voice starts with the recording, starting at the voice', () => {
    const findings = silentFaceFindings(stillMouth(3000, 2), speechOf(3000, always), 0, 3000);
    expect(findings).toEqual([expect.objectContaining({ kind: 'voice-without-mouth', startS: 0, endS: 3 })]);
    expectFiniteEvidence(findings[0]);
    expect(findings[0]?.evidence.voicedS).toBe(2.5);
  });

  it('should time findings from the offset given (a live session start)', () => {
    const mouth = mouthOf(3000, () => 0.05);
    const shifted: MouthSeries = { ...mouth, timesMs: mouth.timesMs.map((t) => t + 40_000) };
    const speech = speechOf(3000, always);
    const later: SpeechSeries = { ...speech, timesMs: speech.timesMs.map((t) => t + 40_000) };
    const findings = silentFaceFindings(shifted, later, 40_000, 43_000, 38_000);
    expect(findings).toEqual([expect.objectContaining({ kind: 'voice-without-mouth', startS: 2, endS: 5 })]);
  });

  it('should not warn of a talking mouth under speech', () => {
    const curve = articulation(31, 20_000);
    const mouth = mouthSeries(curve, 20_000, FPS);
    const speech = speechSeries(curve, 20_000, 0);
    expect(silentFaceFindings(mouth, speech, 0, 20_000)).toEqual([]);
  });

  it('should say nothing of a still mouth with no speech', () => {
    expect(silentFaceFindings(stillMouth(10_000, 3), speechOf(10_000, never), 0, 10_000)).toEqual([]);
  });

  it('should not warn with only 1.5 s of speech in every window', () => {
    // Voiced 1.5 s of every 2.5 s: any 2.5 s window holds exactly 150 voiced hops.
    const speech = speechOf(12_000, (t) => t % 2500 < 1500);
    expect(silentFaceFindings(stillMouth(12_000, 4), speech, 0, 12_000)).toEqual([]);
  });

  it('should not warn when the mouth was seen in under 90 % of the frames', () => {
    // Seen 4 frames of every 5 (80 %).
    const mouth = stillMouth(8000, 5, (frame) => frame % 5 !== 0);
    expect(silentFaceFindings(mouth, speechOf(8000, always), 0, 8000)).toEqual([]);
  });

  it('should warn with the mouth seen in exactly 90 % of the frames, not in 88 %', () => {
    // 20 fps: 50 frames a window; any 50 consecutive frames miss 5 (90 %) or 6 (88 %).
    const jitter = seededRandom(6);
    const still = () => 0.05 + (jitter() - 0.5) * 2 * JITTER;
    const ninety = mouthOf(5000, (_, frame) => (frame % 10 === 0 ? Number.NaN : still()), 20);
    const findings = silentFaceFindings(ninety, speechOf(5000, always), 0, 5000);
    expect(findings).toEqual([expect.objectContaining({ kind: 'voice-without-mouth', startS: 0, endS: 5 })]);
    expect(findings[0]?.evidence.mouthSeenShare).toBe(0.9);
    const missing = new Set([0, 5, 10, 15, 20, 25]);
    const under = mouthOf(5000, (_, frame) => (missing.has(frame % 50) ? Number.NaN : still()), 20);
    expect(silentFaceFindings(under, speechOf(5000, always), 0, 5000)).toEqual([]);
  });

  it('should not warn when the face is not seen at all', () => {
    const mouth = stillMouth(6000, 7, never);
    expect(silentFaceFindings(mouth, speechOf(6000, always), 0, 6000)).toEqual([]);
  });

  it('should say nothing of a recording without sound', () => {
    expect(silentFaceFindings(stillMouth(8000, 8), NO_SOUND, 0, 8000)).toEqual([]);
    // Nor call a talking mouth muted: there was no sound to hear.
    const talking = mouthSeries(articulation(32, 8000), 8000, FPS);
    expect(silentFaceFindings(talking, NO_SOUND, 0, 8000)).toEqual([]);
  });

  it('should not take a gap in the sound for sound heard', () => {
    // Sound for the first 2 s, none for the next 0.49 s, then one hop at 2.495 s: 2.01 s of the
    // 2.5 s window heard (80 %), under SILENT_FACE.minHeardShare, so no finding.
    const full = speechOf(3000, always);
    const keep = Array.from(full.timesMs, (t) => t < 2000 || t > 2490);
    const pick = <T extends Float64Array | Float32Array | Uint8Array>(values: T) =>
      values.filter((_, i) => keep[i]) as T;
    const gapped: SpeechSeries = { timesMs: pick(full.timesMs), db: pick(full.db), voiced: pick(full.voiced) };
    expect(silentFaceFindings(stillMouth(2500, 9), gapped, 0, 2500)).toEqual([]);
  });

  it('should not look at frames or hops outside [startMs, endMs)', () => {
    // Speech only before the range; a still face inside it.
    const speech = speechOf(10_000, (t) => t < 5000);
    expect(silentFaceFindings(stillMouth(10_000, 10), speech, 5000, 10_000)).toEqual([]);
    // A range shorter than one window gives none.
    expect(silentFaceFindings(stillMouth(10_000, 10), speechOf(10_000, always), 0, 2499)).toEqual([]);
  });
});

describe('silentFaceFindings: the still-mouth limit', () => {
  /** A mouth alternating between `low` and `high`: every window's 10th percentile is `low`, its 90th `high`. */
  const alternating = (low: number, high: number) => mouthOf(4000, (_, frame) => (frame % 2 === 0 ? low : high));

  it('should note a spread of 0.01', () => {
    // The openings are Float32: 0.05 and 0.06 are a float32 pair just under a 0.01 spread.
    expect(Math.abs(Math.fround(0.06) - Math.fround(0.05) - 0.01)).toBeLessThan(1e-8);
    const findings = silentFaceFindings(alternating(0.05, 0.06), speechOf(4000, always), 0, 4000);
    expect(findings).toEqual([expect.objectContaining({ kind: 'voice-without-mouth', startS: 0, endS: 4 })]);
    expect(findings[0]?.evidence.mouthSpread).toBe(0.01);
  });

  it('should not note a spread of 0.0101', () => {
    expect(silentFaceFindings(alternating(0.05, 0.0601), speechOf(4000, always), 0, 4000)).toEqual([]);
  });
});

describe('silentFaceFindings: mouth without voice', () => {
  it('should note a talking mouth with 3 s of silence', () => {
    const mouth = mouthSeries(articulation(33, 3000), 3000, FPS);
    const findings = silentFaceFindings(mouth, speechOf(3000, never), 0, 3000);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'mouth-without-voice', severity: 'info', startS: 0, endS: 3 });
    expect(findings[0]?.message).toBe(mouthWithoutVoiceMessage(SILENT_FACE.windowMs));
    expectFiniteEvidence(findings[0]);
    expect(findings[0]?.evidence.voicedS).toBe(0);
    expect(findings[0]?.evidence.mouthSpread).toBeGreaterThanOrEqual(SILENT_FACE.minTalkingSpread);
  });

  it('should note a talking mouth at a spread of 0.06, not 0.0599', () => {
    // Float32: 0.25 and 0.31 are 0.06 apart or a hair more (0.05 and 0.11 would be a hair less).
    expect(Math.fround(0.31) - Math.fround(0.25)).toBeGreaterThanOrEqual(0.06);
    const at = mouthOf(3000, (_, frame) => (frame % 2 === 0 ? 0.25 : 0.31));
    expect(silentFaceFindings(at, speechOf(3000, never), 0, 3000)).toEqual([
      expect.objectContaining({ kind: 'mouth-without-voice', startS: 0, endS: 3 }),
    ]);
    const under = mouthOf(3000, (_, frame) => (frame % 2 === 0 ? 0.25 : 0.3099));
    expect(silentFaceFindings(under, speechOf(3000, never), 0, 3000)).toEqual([]);
  });

  it('should allow 0.2 s of voice in a muted window, not 0.21 s', () => {
    const mouth = mouthSeries(articulation(34, 3000), 3000, FPS);
    // 20 (21) voiced hops, inside both windows [0, 2.5) and [0.5, 3).
    const twenty = silentFaceFindings(
      mouth,
      speechOf(3000, (t) => t >= 1000 && t < 1200),
      0,
      3000,
    );
    expect(twenty).toEqual([expect.objectContaining({ kind: 'mouth-without-voice', startS: 0, endS: 3 })]);
    expect(twenty[0]?.evidence.voicedS).toBe(0.2);
    expect(
      silentFaceFindings(
        mouth,
        speechOf(3000, (t) => t >= 1000 && t < 1210),
        0,
        3000,
      ),
    ).toEqual([]);
  });

  it('should not note a still mouth in silence, nor a talking one under speech', () => {
    expect(silentFaceFindings(stillMouth(5000, 11), speechOf(5000, never), 0, 5000)).toEqual([]);
    const curve = articulation(35, 5000);
    expect(silentFaceFindings(mouthSeries(curve, 5000, FPS), speechSeries(curve, 5000, 0), 0, 5000)).toEqual([]);
  });
});

describe('analyzeLipSyncTrack: the silent face per stretch', () => {
  const silent = (findings: readonly Finding[]) =>
    findings.filter((f) => f.kind === 'voice-without-mouth' || f.kind === 'mouth-without-voice');

  it('should find a still face under speech after a change of person', () => {
    // Until 6 s a person talks with their own voice; from 6 s a still face with a voice over it.
    const curve = articulation(36, 12_000);
    const talking = mouthSeries(curve, 12_000, FPS);
    const still = stillMouth(12_000, 12);
    const open = talking.open.map((value, i) =>
      (talking.timesMs[i] as number) < 6000 ? value : (still.open[i] as number),
    );
    const mouth: MouthSeries = { ...talking, open };
    const own = speechSeries(curve, 12_000, 0);
    const voiced = own.voiced.map((value, i) => ((own.timesMs[i] as number) < 6000 ? value : 1));
    const db = own.db.map((value, i) => ((own.timesMs[i] as number) < 6000 ? value : -20));
    const track = analyzeLipSyncTrack(mouth, { ...own, voiced, db }, 0, 12_000, {}, [6000]);
    expect(track.stretches).toHaveLength(2);
    const findings = silent(track.findings);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'voice-without-mouth', severity: 'info', startS: 6, endS: 12 });
    expectFiniteEvidence(findings[0]);
  });

  it('should never let a window span the cut', () => {
    // A still face throughout; the voice starts 1.5 s before the cut at 6 s.
    const mouth = stillMouth(12_000, 13);
    const speech = speechOf(12_000, (t) => t >= 4500);
    // Without the cut, the window [4, 6.5) hears 2 s of the voice.
    const uncut = silent(analyzeLipSyncTrack(mouth, speech, 0, 12_000).findings);
    expect(uncut).toEqual([expect.objectContaining({ kind: 'voice-without-mouth', startS: 4, endS: 12 })]);
    // With it, the first stretch's last window [3.5, 6) hears 1.5 s: the finding starts at the cut.
    const cut = silent(analyzeLipSyncTrack(mouth, speech, 0, 12_000, {}, [6000]).findings);
    expect(cut).toEqual([expect.objectContaining({ kind: 'voice-without-mouth', startS: 6, endS: 12 })]);
  });

  it('should give no silent face for a stretch shorter than one window', () => {
    const mouth = stillMouth(12_000, 14);
    const speech = speechOf(12_000, (t) => t >= 10_000);
    // The voice falls on the last 2 s, a stretch of its own after a cut at 10 s.
    expect(silent(analyzeLipSyncTrack(mouth, speech, 0, 12_000, {}, [10_000]).findings)).toEqual([]);
  });
});
