import { describe, expect, it } from 'vitest';
import { coveredMouth } from '@/utils/analyzers/face/cover';
import { COVER } from '@/utils/common/thresholds';
import type { FaceSample } from '@/utils/features/face-sample';
import { frames } from '../../../support/face-samples';
import { seededRandom } from '../../../support/generators';

/**
 * A lower face against its forehead (luma, Cb, Cr of lips, above the lip, chin): lips darker and
 * redder, the chin a little darker, as on a real face.
 */
const FACE_TONE = [-30, -2, 12, -8, 0, 3, -15, 1, 2];
const CHIN_LUMA = 6;

/** The face's tone with speaking-like noise (±10 luma, ±3 chroma) and `shift` added per value. */
function speaking(seed: number, shift: (t: number) => readonly number[] = () => new Array(9).fill(0)) {
  const random = seededRandom(seed);
  return (t: number) => {
    const moved = shift(t);
    return {
      lowerFaceTone: FACE_TONE.map(
        (value, k) => value + (moved[k] as number) + (random() - 0.5) * 2 * (k % 3 === 0 ? 10 : 3),
      ),
    };
  };
}

/** The chin's luma raised by `luma` while `when(t)`. */
const chinBreak = (luma: number, when: (t: number) => boolean) => (t: number) =>
  FACE_TONE.map((_, k) => (k === CHIN_LUMA && when(t) ? luma : 0));

const coveredTimes = (samples: readonly FaceSample[]) =>
  coveredMouth(samples).flatMap((covered, i) => (covered ? [samples[i]?.timeMs as number] : []));

describe('coveredMouth', () => {
  it('should see nothing covered on a steady face that speaks', () => {
    const samples = frames({ durationMs: 10_000, fps: 30, face: speaking(1) });
    expect(coveredMouth(samples)).toEqual(samples.map(() => false));
  });

  it('should see a hand that lightens the chin by 150 for 300 ms on those frames and no others', () => {
    const hand = (t: number) => t >= 3000 && t < 3300;
    const samples = frames({ durationMs: 6000, fps: 30, face: speaking(2, chinBreak(150, hand)) });
    expect(coveredTimes(samples)).toEqual(samples.filter((s) => hand(s.timeMs)).map((s) => s.timeMs));
    expect(coveredTimes(samples)).toHaveLength(9);
  });

  it('should see a darkening break too, and one in chroma alone (counted double)', () => {
    const darkening = chinBreak(-150, (t) => t >= 2000 && t < 2300);
    const darker = frames({ durationMs: 4000, fps: 30, face: speaking(3, darkening) });
    expect(coveredTimes(darker)).toHaveLength(9);
    // Cr of the lips down by 60: 2 x 60 = 120 past the break.
    const paler = (t: number) => FACE_TONE.map((_, k) => (k === 2 && t >= 2000 && t < 2300 ? -60 : 0));
    expect(coveredTimes(frames({ durationMs: 4000, fps: 30, face: speaking(4, paler) }))).toHaveLength(9);
  });

  it('should not see a break short of COVER.minBreak', () => {
    const small = chinBreak(COVER.minBreak - 30, (t) => t >= 2000 && t < 2300);
    expect(coveredTimes(frames({ durationMs: 4000, fps: 30, face: speaking(5, small) }))).toEqual([]);
  });

  it('should follow a slow drift of 60 luma over 5 s (light changing) without seeing a hand', () => {
    const drift = (t: number) => FACE_TONE.map((_, k) => (k % 3 === 0 ? (60 * Math.min(t, 5000)) / 5000 : 0));
    const samples = frames({ durationMs: 6000, fps: 30, face: speaking(6, drift) });
    expect(coveredTimes(samples)).toEqual([]);
  });

  it('should keep the covered frames out of the baseline, so a held hand reads covered past the first 300 ms', () => {
    // Were the covered frames in the baseline, its median would turn to the hand's tone about 800 ms in.
    const hand = (t: number) => t >= 2000 && t < 4000;
    const samples = frames({ durationMs: 6000, fps: 30, face: speaking(7, chinBreak(150, hand)) });
    const covered = coveredTimes(samples);
    const heldFor = samples.filter((s) => s.timeMs >= 2000 && s.timeMs < 3000).map((s) => s.timeMs);
    expect(covered.slice(0, heldFor.length)).toEqual(heldFor);
  });

  it('should see a hand held over the mouth for 2 s as covered throughout, and no frame after', () => {
    const hand = (t: number) => t >= 2000 && t < 4000;
    const samples = frames({ durationMs: 6000, fps: 30, face: speaking(7, chinBreak(150, hand)) });
    expect(coveredTimes(samples)).toEqual(samples.filter((s) => hand(s.timeMs)).map((s) => s.timeMs));
  });

  it('should not judge the first frames, before COVER.minBaselineFrames frames are 300 ms old', () => {
    // 30 fps, a hand from 300 ms: the third frame (67 ms) is 300 ms old at 367 ms, so 300 and 333 are not judged.
    const early = chinBreak(150, (t) => t >= 300);
    const samples = frames({ durationMs: 1000, fps: 30, face: speaking(8, early) });
    expect(coveredTimes(samples)).toEqual(samples.filter((s) => s.timeMs > 350).map((s) => s.timeMs));
    // A hand from the very start has nothing to break from.
    const fromStart = frames({
      durationMs: 1000,
      fps: 30,
      face: speaking(
        9,
        chinBreak(150, () => true),
      ),
    });
    expect(coveredTimes(fromStart)).toEqual([]);
  });

  it('should not judge a frame without a face or a tone, nor one with a value not measured (NaN)', () => {
    const hand = (t: number) => t >= 2000 && t < 2300;
    const tone = speaking(10, chinBreak(150, hand));
    const gaps = (t: number) => {
      const { lowerFaceTone } = tone(t);
      if (t >= 2000 && t < 2100) return null;
      if (t >= 2100 && t < 2200) return { lowerFaceTone: null };
      if (t >= 2200 && t < 2300) return { lowerFaceTone: lowerFaceTone.with(CHIN_LUMA, Number.NaN) };
      return { lowerFaceTone };
    };
    expect(coveredTimes(frames({ durationMs: 4000, fps: 30, face: gaps }))).toEqual([]);
  });

  it('should give one answer per sample, none for none', () => {
    expect(coveredMouth([])).toEqual([]);
  });
});
