import { describe, expect, it } from 'vitest';
import { LIP_SYNC } from '@/utils/common/thresholds';
import { LiveLipSync } from '@/utils/analyzers/live-lip-sync';
import { articulation, seededRandom } from '../../support/generators';

const SAMPLE_RATE = 16_000;
const CHUNK = 160;

/**
 * Feeds a call into the live analyzer as the pipeline does: 25 fps mouth readings and 10 ms PCM
 * chunks of a 2 kHz voice whose loudness follows the lips, heard `offsetMs` late (on top of the
 * natural lead of the lips). Times start at `startMs` on the pipeline's clock.
 */
function feedCall(live: LiveLipSync, startMs: number, durationMs: number, offsetMs: number, seed = 3) {
  const curve = articulation(seed, durationMs);
  const noise = seededRandom(seed + 100);
  const updates = [];
  let nextFrameMs = 0;
  for (let chunkStart = 0; chunkStart < durationMs; chunkStart += (CHUNK / SAMPLE_RATE) * 1000) {
    while (nextFrameMs <= chunkStart) {
      const open = curve(nextFrameMs);
      live.pushFrame({ timeMs: startMs + nextFrameMs, mouthOpen: 0.02 + 0.25 * open, jawOpen: 0.05 + 0.5 * open });
      nextFrameMs += 40;
    }
    const samples = new Float32Array(CHUNK);
    for (let i = 0; i < CHUNK; i++) {
      const t = chunkStart + (i / SAMPLE_RATE) * 1000;
      const level = curve(t - offsetMs - LIP_SYNC.naturalLeadMs);
      samples[i] = 0.3 * level * Math.sin((2 * Math.PI * 2000 * t) / 1000) + (noise() - 0.5) * 0.002;
    }
    live.pushAudio(samples, startMs + chunkStart, SAMPLE_RATE);
    if (Math.round(chunkStart) % 1000 === 0 && chunkStart > 0) updates.push(live.update(startMs + chunkStart));
  }
  return updates;
}

describe('LiveLipSync', () => {
  it('should find a known audio delay in a call fed chunk by chunk', () => {
    const live = new LiveLipSync(50_000);
    const updates = feedCall(live, 50_000, 40_000, 300);
    const last = updates.at(-1);
    expect(last?.estimate.verdict).toBe('offset');
    expect(last?.estimate.offsetMs).toBeGreaterThan(260);
    expect(last?.estimate.offsetMs).toBeLessThan(340);
    const finding = last?.findings.find((f) => f.kind === 'av-offset');
    expect(finding?.startS).toBeGreaterThanOrEqual(0);
    // Findings are on the session's clock (seconds since start), merged across windows.
    expect(finding?.endS).toBeLessThanOrEqual(40);
    expect(last?.findings.filter((f) => f.kind === 'av-offset')).toHaveLength(1);
  });

  it('should say in sync and raise no finding when audio and lips match', () => {
    const live = new LiveLipSync(0);
    const updates = feedCall(live, 0, 30_000, 0, 11);
    expect(updates.at(-1)?.estimate.verdict).toBe('in-sync');
    expect(updates.at(-1)?.findings).toEqual([]);
  });

  it('should stay insufficient with no face', () => {
    const live = new LiveLipSync(0);
    for (let t = 0; t < 10_000; t += 40) live.pushFrame({ timeMs: t, mouthOpen: Number.NaN, jawOpen: Number.NaN });
    live.pushAudio(new Float32Array(SAMPLE_RATE * 10), 0, SAMPLE_RATE);
    const update = live.update(10_000);
    expect(update.estimate.verdict).toBe('insufficient');
    expect(update.findings).toEqual([]);
  });

  it('should only look at the newest window in a long call', () => {
    const live = new LiveLipSync(0);
    const updates = feedCall(live, 0, 100_000, -200, 5);
    const last = updates.at(-1);
    expect(last?.estimate.startMs).toBeCloseTo(100_000 - 1000 - 30_000, -2);
    expect(last?.estimate.verdict).toBe('offset');
  });
});

describe('LiveLipSync.forgetFace', () => {
  it('should drop the previous face so the next estimate waits for the new one', () => {
    const live = new LiveLipSync(0);
    feedCall(live, 0, 20_000, 300);
    live.forgetFace();
    const update = live.update(20_000);
    expect(update.estimate.verdict).toBe('insufficient');
    expect(update.estimate.faceShare).toBe(0);
  });

  it('should estimate over an answer window inside the newest one', () => {
    const live = new LiveLipSync(0);
    feedCall(live, 0, 30_000, 400, 5);
    const answer = live.estimate(12_000, 27_000);
    expect(answer).toMatchObject({ startMs: 12_000, endMs: 27_000 });
    expect(answer.speechS).toBeGreaterThan(2);
    expect(answer.speechS).toBeLessThan(16);
    expect(answer.verdict).toBe('offset');
    expect(answer.offsetMs).toBeGreaterThan(340);
  });
});
