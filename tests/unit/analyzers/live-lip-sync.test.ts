import { describe, expect, it } from 'vitest';
import { LIP_SYNC } from '@/utils/common/thresholds';
import { LiveLipSync } from '@/utils/analyzers/live-lip-sync';
import { LIP_SYNC_TRACK } from '@/utils/analyzers/windows';
import { MEL_BAND_COUNT } from '@/utils/features/mel-bands';
import { MOUTH_MEASURE_COUNT, MOUTH_MEASURES, type MouthMeasure } from '@/utils/features/mouth-measures';
import { articulation, seededRandom } from '../../support/generators';

const SAMPLE_RATE = 16_000;
const CHUNK = 160;

/** How the mouth measures follow the opening (0..1): the lips and jaw with it, the others not at all. */
const MEASURE_SLOPES: Partial<Record<MouthMeasure, number>> = {
  open: 0.25,
  width: -0.04,
  jawOpen: 0.5,
  mouthClose: -0.1,
  mouthFunnel: 0.05,
  mouthPucker: -0.03,
  lowerDown: 0.3,
  upperUp: 0.2,
};

/** The mouth measures (MOUTH_MEASURES order) of a mouth opened `open` (0..1). */
const measuresOf = (open: number) =>
  Float32Array.from(MOUTH_MEASURES, (name) => 0.02 + (MEASURE_SLOPES[name] ?? 0) * open);

interface CallOptions {
  /** How late the voice is heard, ms (on top of the natural lead of the lips). */
  offsetMs: number;
  seed?: number;
  /** No face from this time on, ms into the call. */
  faceUntilMs?: number;
  /** Updates this often, ms (the pipeline: every second). */
  updateEveryMs?: number;
}

/**
 * Feeds a call into the live analyzer as the pipeline does: 25 fps mouth readings and 10 ms PCM
 * chunks of a 2 kHz voice whose loudness follows the lips, an update every second. Times start
 * at `startMs` on the pipeline's clock.
 */
function feedCall(live: LiveLipSync, startMs: number, durationMs: number, options: CallOptions) {
  const { offsetMs, seed = 3, faceUntilMs = Infinity, updateEveryMs = 1000 } = options;
  const curve = articulation(seed, durationMs);
  const noise = seededRandom(seed + 100);
  const updates = [];
  let nextFrameMs = 0;
  for (let chunkStart = 0; chunkStart < durationMs; chunkStart += (CHUNK / SAMPLE_RATE) * 1000) {
    while (nextFrameMs <= chunkStart) {
      const open = curve(nextFrameMs);
      const seen = nextFrameMs < faceUntilMs;
      live.pushFrame({
        timeMs: startMs + nextFrameMs,
        mouthOpen: seen ? 0.02 + 0.25 * open : Number.NaN,
        jawOpen: seen ? 0.05 + 0.5 * open : Number.NaN,
        mouthMeasures: seen ? measuresOf(open) : null,
      });
      nextFrameMs += 40;
    }
    const samples = new Float32Array(CHUNK);
    for (let i = 0; i < CHUNK; i++) {
      const t = chunkStart + (i / SAMPLE_RATE) * 1000;
      const level = curve(t - offsetMs - LIP_SYNC.naturalLeadMs);
      samples[i] = 0.3 * level * Math.sin((2 * Math.PI * 2000 * t) / 1000) + (noise() - 0.5) * 0.002;
    }
    live.pushAudio(samples, startMs + chunkStart, SAMPLE_RATE);
    if (Math.round(chunkStart) % updateEveryMs === 0 && chunkStart > 0) updates.push(live.update(startMs + chunkStart));
  }
  return updates;
}

describe('LiveLipSync', () => {
  it('should find a known audio delay in a call fed chunk by chunk, with the learned map', () => {
    const live = new LiveLipSync(50_000);
    const updates = feedCall(live, 50_000, 40_000, { offsetMs: 300, updateEveryMs: 5000 });
    const last = updates.at(-1);
    expect(last?.estimate.method).toBe('learned');
    expect(last?.estimate.verdict).toBe('offset');
    // The synthetic voice is not speech: the map reads it some tens of ms early.
    expect(last?.estimate.offsetMs).toBeGreaterThan(240);
    expect(last?.estimate.offsetMs).toBeLessThan(400);
    const finding = last?.findings.find((f) => f.kind === 'av-offset');
    expect(finding?.startS).toBeGreaterThanOrEqual(0);
    // Findings are on the session's clock (seconds since start), merged across windows.
    expect(finding?.endS).toBeLessThanOrEqual(40);
    expect(last?.findings.filter((f) => f.kind === 'av-offset')).toHaveLength(1);
  });

  it('should decide within seconds of speech, and follow the call every second with one finding per stretch', () => {
    const live = new LiveLipSync(0);
    const updates = feedCall(live, 0, 36_000, { offsetMs: 400, seed: 7 });
    const first = updates.findIndex((update) => update.estimate.verdict !== 'insufficient');
    expect(first + 1).toBeLessThanOrEqual(5);
    expect(updates[first]?.estimate.verdict).toBe('offset');
    const findings = updates.slice(first).map((update) => update.findings);
    // One finding, whose end follows each second's estimate.
    expect(findings.every((list) => list.length === 1)).toBe(true);
    expect(findings.map((list) => list[0]?.endS)).toEqual(updates.slice(first).map((_, i) => first + 1 + i));
    expect(findings.at(-1)?.[0]).toMatchObject({ kind: 'av-offset', startS: 0, endS: updates.length });
  });

  it('should say in sync and raise no finding when audio and lips match', () => {
    const live = new LiveLipSync(0);
    const updates = feedCall(live, 0, 30_000, { offsetMs: 0, seed: 11 });
    expect(updates.at(-1)?.estimate).toMatchObject({ method: 'learned', verdict: 'in-sync' });
    expect(updates.every((update) => update.findings.length === 0)).toBe(true);
  });

  it('should use the envelope method when asked to', () => {
    const live = new LiveLipSync(0, { method: 'envelope' });
    const updates = feedCall(live, 0, 30_000, { offsetMs: 300, updateEveryMs: 10_000 });
    expect(updates.at(-1)?.estimate).toMatchObject({ method: 'envelope', verdict: 'offset' });
    expect(updates.at(-1)?.estimate.offsetMs).toBeGreaterThan(260);
    expect(updates.at(-1)?.estimate.offsetMs).toBeLessThan(340);
  });

  it('should stay insufficient with no face', () => {
    const live = new LiveLipSync(0);
    const updates = feedCall(live, 0, 10_000, { offsetMs: 0, faceUntilMs: 0 });
    expect(updates.at(-1)?.estimate).toMatchObject({ verdict: 'insufficient', faceShare: 0 });
    expect(updates.at(-1)?.findings).toEqual([]);
  });

  it('should only look at the newest window in a long call', () => {
    const live = new LiveLipSync(0);
    const updates = feedCall(live, 0, 100_000, { offsetMs: -200, seed: 5, updateEveryMs: 10_000 });
    const last = updates.at(-1);
    expect(last?.estimate.startMs).toBeCloseTo(100_000 - 10_000 - LIP_SYNC_TRACK.windowMs, -2);
    expect(last?.estimate.verdict).toBe('offset');
    expect(last?.findings).toHaveLength(1);
    // Bounded rings: audio for a window and a second, frames for that at up to 60 fps.
    expect(live.speech(-Infinity, Infinity).timesMs[0]).toBeGreaterThan(100_000 - LIP_SYNC_TRACK.windowMs - 1100);
    expect(live.mouth(-Infinity, Infinity).timesMs.length).toBeLessThanOrEqual(
      ((LIP_SYNC_TRACK.windowMs + 1000) / 1000) * 60,
    );
  });
});

describe('LiveLipSync series', () => {
  it('should give the frames of a range with their mouth measures, NaN rows where the mouth was not seen', () => {
    const live = new LiveLipSync(0);
    feedCall(live, 0, 2000, { offsetMs: 0, faceUntilMs: 1000 });
    const mouth = live.mouth(960, 1080);
    expect(Array.from(mouth.timesMs)).toEqual([960, 1000, 1040]);
    expect(mouth.measures).toHaveLength(3 * MOUTH_MEASURE_COUNT);
    const rows = [0, 1, 2].map((i) =>
      Array.from(mouth.measures?.subarray(i * MOUTH_MEASURE_COUNT, (i + 1) * MOUTH_MEASURE_COUNT) ?? []),
    );
    expect(rows[0]?.every(Number.isFinite)).toBe(true);
    expect(rows[0]?.[0]).toBeCloseTo(mouth.open[0] as number, 6);
    expect(rows[1]?.every(Number.isNaN)).toBe(true);
    expect(rows[2]?.every(Number.isNaN)).toBe(true);
    expect(mouth.open[1]).toBeNaN();
  });

  it('should give the hops of a range with their mel bands', () => {
    const live = new LiveLipSync(0);
    feedCall(live, 0, 2000, { offsetMs: 0 });
    const speech = live.speech(500, 1000);
    expect(speech.timesMs.length).toBeGreaterThanOrEqual(49);
    expect(speech.timesMs.length).toBeLessThanOrEqual(51);
    expect(speech.bands).toHaveLength(speech.timesMs.length * MEL_BAND_COUNT);
    expect(Array.from(speech.bands ?? []).every(Number.isFinite)).toBe(true);
    expect(speech.voiced.some((voiced) => voiced === 1)).toBe(true);
  });
});

describe('LiveLipSync.forgetFace', () => {
  it('should drop the previous face and its measures, so the next estimate waits for the new one', () => {
    const live = new LiveLipSync(0);
    feedCall(live, 0, 20_000, { offsetMs: 300, updateEveryMs: 10_000 });
    live.forgetFace();
    expect(live.mouth(-Infinity, Infinity).timesMs).toHaveLength(0);
    expect(live.mouth(-Infinity, Infinity).measures).toHaveLength(0);
    expect(live.speech(0, 20_000).timesMs.length).toBeGreaterThan(1900);
    const update = live.update(20_000);
    expect(update.estimate.verdict).toBe('insufficient');
    expect(update.estimate.faceShare).toBe(0);
  });

  it('should estimate over an answer window inside the newest one', () => {
    const live = new LiveLipSync(0);
    feedCall(live, 0, 30_000, { offsetMs: 400, seed: 5, updateEveryMs: 10_000 });
    const answer = live.estimate(12_000, 27_000);
    expect(answer).toMatchObject({ startMs: 12_000, endMs: 27_000, method: 'learned' });
    expect(answer.speechS).toBeGreaterThan(2);
    expect(answer.speechS).toBeLessThan(16);
    expect(answer.verdict).toBe('offset');
    expect(answer.offsetMs).toBeGreaterThan(340);
  });
});

/**
 * Feeds a still face under a voice: 15 fps mouth readings (opening 0.05 ± 0.003 of landmark
 * jitter) and 10 ms PCM chunks, quiet until `voiceFromMs`, then 160 ms bursts of a 1.7 kHz tone
 * 40 ms apart (syllables to the voice-activity detector), calling `update` at each time in
 * `updatesAtMs` (ms into the call). Times start at `startMs` on the pipeline's clock.
 */
function feedStillFace(live: LiveLipSync, startMs: number, updatesAtMs: readonly number[], voiceFromMs = 300) {
  const endMs = Math.max(...updatesAtMs);
  const jitter = seededRandom(17);
  const noise = seededRandom(18);
  const updates = new Map<number, ReturnType<LiveLipSync['update']>>();
  let frame = 0;
  for (let chunkStart = 0; chunkStart < endMs; chunkStart += (CHUNK / SAMPLE_RATE) * 1000) {
    for (; (frame * 1000) / 15 <= chunkStart; frame++) {
      const still = (jitter() - 0.5) * 0.006;
      live.pushFrame({
        timeMs: startMs + (frame * 1000) / 15,
        mouthOpen: 0.05 + still,
        jawOpen: 0.05 + still,
        mouthMeasures: measuresOf(still),
      });
    }
    const samples = new Float32Array(CHUNK);
    for (let i = 0; i < CHUNK; i++) {
      const t = chunkStart + (i / SAMPLE_RATE) * 1000;
      const voiced = t >= voiceFromMs && (t - voiceFromMs) % 200 < 160;
      samples[i] = (voiced ? 0.3 * Math.sin((2 * Math.PI * 1700 * t) / 1000) : 0) + (noise() - 0.5) * 0.002;
    }
    live.pushAudio(samples, startMs + chunkStart, SAMPLE_RATE);
    const nowMs = chunkStart + (CHUNK / SAMPLE_RATE) * 1000;
    if (updatesAtMs.includes(nowMs)) updates.set(nowMs, live.update(startMs + nowMs));
  }
  return updates;
}

const silentFace = (update: ReturnType<LiveLipSync['update']> | undefined) =>
  update?.findings.filter((f) => f.kind === 'voice-without-mouth' || f.kind === 'mouth-without-voice');

describe('LiveLipSync: the silent face', () => {
  it('should hear the tone bursts as speech throughout', () => {
    const live = new LiveLipSync(0);
    feedStillFace(live, 0, [4000]);
    const speech = live.speech(500, 4000);
    expect(speech.timesMs).toHaveLength(350);
    expect(speech.voiced.every((voiced) => voiced === 1)).toBe(true);
    expect(live.speech(0, 200).voiced.every((voiced) => voiced === 0)).toBe(true);
  });

  it('should note a still face under a voice, in seconds since the session started', () => {
    const live = new LiveLipSync(50_000);
    // Every second, as the pipeline asks (LIVE.lipSyncEveryMs).
    const updates = feedStillFace(live, 50_000, [1000, 2000, 3000, 4000]);
    // The session is younger than one silent-face window: nothing yet.
    expect(silentFace(updates.get(1000))).toEqual([]);
    expect(silentFace(updates.get(2000))).toEqual([]);
    // [0.5, 3) s hears 2.5 s of voice over a still face.
    expect(silentFace(updates.get(3000))).toEqual([
      expect.objectContaining({ kind: 'voice-without-mouth', severity: 'info', startS: 0.5, endS: 3 }),
    ]);
    // [1.5, 4) joins it: one finding, on the session's clock.
    const last = silentFace(updates.get(4000));
    expect(last).toEqual([expect.objectContaining({ kind: 'voice-without-mouth', startS: 0.5, endS: 4 })]);
    for (const key of ['voicedS', 'mouthSpread', 'mouthSeenShare']) {
      expect(Number.isFinite(last?.[0]?.evidence[key]), key).toBe(true);
    }
    expect(last?.[0]?.evidence).toMatchObject({ voicedS: 2.5, mouthSeenShare: 1 });
  });

  it('should say nothing of a still face in a quiet call', () => {
    const live = new LiveLipSync(0);
    const updates = feedStillFace(live, 0, [3000, 4000, 5000], Infinity);
    expect([...updates.values()].every((update) => silentFace(update)?.length === 0)).toBe(true);
  });

  it('should wait until the session is 2.5 s old', () => {
    const live = new LiveLipSync(20_000);
    const updates = feedStillFace(live, 20_000, [2490, 2500], 0);
    // 2.49 s in: already 2 s and more of voice over a still face, but no full window since the start.
    expect(live.speech(20_000, 22_490).voiced.reduce((sum, voiced) => sum + voiced, 0)).toBeGreaterThan(200);
    expect(silentFace(updates.get(2490))).toEqual([]);
    expect(silentFace(updates.get(2500))).toEqual([
      expect.objectContaining({ kind: 'voice-without-mouth', startS: 0, endS: 2.5 }),
    ]);
  });
});
