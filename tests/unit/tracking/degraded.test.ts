import { describe, expect, it } from 'vitest';
import {
  DEGRADED_AFTER_FRAMES,
  DEGRADED_HIDE_AFTER_MS,
  DEGRADED_SHOW_AFTER_MS,
  degradation,
  watchDegradation,
  type DegradedWatch,
} from '@/utils/tracking/degraded';
import { degradedText } from '@/utils/wording/live-session';

describe('degradation', () => {
  it('should find nothing at the live demo call’s usual rates', () => {
    expect(degradation(12, 500)).toBeNull();
    expect(degradation(7, 500)).toBeNull();
  });

  it('should name the checks whose frame gap the analysed rate exceeds, most demanding first', () => {
    // 5 fps: frames 200 ms apart, over face flicker's 150 ms limit only.
    expect(degradation(5, 500)?.affected).toEqual([{ check: 'face flicker', needsFps: 6.7 }]);
    // 3 fps: 333 ms apart, over every 250 ms limit too, not the 500 ms of challenge answers.
    expect(degradation(3, 500)?.affected.map((item) => item.check)).toEqual([
      'face flicker',
      'lip sync',
      'blinks',
      'pulse',
    ]);
    expect(degradation(1.5, 500)?.affected.at(-1)).toEqual({ check: 'challenge answers', needsFps: 2 });
  });

  it('should wait for the first frames and ignore a rate of zero', () => {
    expect(degradation(1, DEGRADED_AFTER_FRAMES - 1)).toBeNull();
    expect(degradation(0, 500)).toBeNull();
    expect(degradation(Number.NaN, 500)).toBeNull();
  });

  it('should say the rate and what each affected check needs', () => {
    const found = degradation(3, 500);
    expect(degradedText(3, found?.affected ?? [])).toMatch(
      /only 3\.0 frames a second .* face flicker \(needs 6\.7 fps\), lip sync \(needs 4 fps\)/,
    );
  });
});

describe('watchDegradation', () => {
  const slow = degradation(3, 500);
  const start: DegradedWatch = { shown: null, changedAtMs: null };

  it('should show a degradation only once it held DEGRADED_SHOW_AFTER_MS, and not for a dip', () => {
    let watch = watchDegradation(start, slow, 0);
    expect(watch.shown).toBeNull();
    watch = watchDegradation(watch, null, 1000);
    watch = watchDegradation(watch, slow, 1500);
    expect(watch.shown).toBeNull();
    watch = watchDegradation(watch, slow, 1500 + DEGRADED_SHOW_AFTER_MS);
    expect(watch.shown).toEqual(slow);
  });

  it('should keep it through short recoveries and hide it DEGRADED_HIDE_AFTER_MS after the rate came back', () => {
    let watch: DegradedWatch = { shown: slow, changedAtMs: null };
    for (let t = 0; t < 30_000; t += 1000) watch = watchDegradation(watch, t % 2000 === 0 ? null : slow, t);
    expect(watch.shown).not.toBeNull();
    watch = watchDegradation(watch, null, 40_000);
    watch = watchDegradation(watch, null, 40_000 + DEGRADED_HIDE_AFTER_MS - 1);
    expect(watch.shown).not.toBeNull();
    watch = watchDegradation(watch, null, 40_000 + DEGRADED_HIDE_AFTER_MS);
    expect(watch.shown).toBeNull();
  });

  it('should follow the newest figures while it stays shown', () => {
    const slower = degradation(1.5, 500);
    expect(watchDegradation({ shown: slow, changedAtMs: null }, slower, 0).shown).toEqual(slower);
  });
});
