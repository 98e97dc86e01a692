import { describe, expect, it } from 'vitest';
import type { FrameLandmarks } from '@/utils/features/landmarks';
import { ScannedTracking, type FaceFinder } from '@/utils/engine/scanned-tracking';

/** A finder that reports `faces(timestampMs)` faces, costs `ms` and logs the frames it saw. */
function finder(faces: (timestampMs: number) => number, ms: number) {
  const seen: number[] = [];
  const face = { landmarks: new Float32Array(0), blendshapes: new Float32Array(0), transform: new Float32Array(0) };
  const found: FaceFinder & { seen: number[]; closed: boolean } = {
    seen,
    closed: false,
    detect: (_frame, timestampMs): FrameLandmarks => {
      seen.push(timestampMs);
      return { timestampMs, faces: Array.from({ length: faces(timestampMs) }, () => face), detectMs: ms };
    },
    close: () => void (found.closed = true),
  };
  return found;
}

const frame = {} as TexImageSource;

describe('ScannedTracking', () => {
  it('should scan every interval, track one face while a scan finds one, and four once it finds more', () => {
    // A second person is in the picture from 1000 ms to 2000 ms.
    const people = (timestampMs: number) => (timestampMs >= 1000 && timestampMs < 2000 ? 2 : 1);
    const scan = finder(people, 30);
    const one = finder(() => 1, 10);
    const several = finder(people, 25);
    const tracking = new ScannedTracking({ scan, one, several }, 500);
    const times = Array.from({ length: 40 }, (_, i) => i * 66);
    const results = times.map((timestampMs) => tracking.detect(frame, timestampMs));

    expect(scan.seen).toEqual([0, 528, 1056, 1584, 2112]);
    // Frames from the scan that saw two faces until the scan that saw one go to the four-face landmarker.
    expect(several.seen).toEqual(times.filter((t) => t >= 1056 && t < 2112));
    expect(one.seen).toEqual(times.filter((t) => t < 1056 || t >= 2112));
    expect(results.find((result) => result.timestampMs === 1056)?.faces).toHaveLength(2);
    expect(results.find((result) => result.timestampMs === 1056)?.detectMs).toBe(55);
    expect(results.find((result) => result.timestampMs === 66)?.detectMs).toBe(10);
  });

  it('should scan afresh when the frames go back in time (another stretch), and close every landmarker', () => {
    const scan = finder(() => 1, 30);
    const tracking = new ScannedTracking({ scan, one: finder(() => 1, 10), several: finder(() => 1, 25) }, 500);
    tracking.detect(frame, 5000);
    tracking.detect(frame, 5100);
    tracking.detect(frame, 0);
    expect(scan.seen).toEqual([5000, 0]);
    tracking.close();
    expect(scan.closed).toBe(true);
  });
});
