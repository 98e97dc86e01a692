import { describe, expect, it } from 'vitest';
import { StreamClock } from '@/utils/tracking/stream-clock';

describe('StreamClock', () => {
  it('should map a foreign clock onto the page clock by the least-delayed arrival', () => {
    const clock = new StreamClock();
    // Track clock = page clock + 380 000 ms; transport delay 20..60 ms, least 20 ms.
    const delays = [60, 35, 20, 45, 50];
    const mapped = delays.map((delay, i) => clock.toLocal(380_000 + i * 33 + 0, i * 33 + delay));
    expect(mapped[4]).toBeCloseTo(4 * 33 + 20, 6);
    expect(clock.toLocal(380_000 + 1000, 1000 + 80)).toBeCloseTo(1020, 6);
  });

  it('should keep two tracks with different delays apart by their least delays', () => {
    const video = new StreamClock();
    const audio = new StreamClock();
    for (let i = 0; i < 10; i++) {
      video.toLocal(5_000_000 + i * 40, i * 40 + 70 + (i % 3) * 10);
      audio.toLocal(i * 10, i * 10 + 20 + (i % 2) * 5);
    }
    expect(video.toLocal(5_000_000 + 1000, 2000) - audio.toLocal(1000, 2000)).toBeCloseTo(50, 6);
  });
});
