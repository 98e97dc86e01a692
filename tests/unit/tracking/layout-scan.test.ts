import { describe, expect, it } from 'vitest';
import { scanRegions } from '@/utils/tracking/candidate';
import { LayoutScan } from '@/utils/tracking/layout-scan';

const frame = { width: 1280, height: 720 };
const pacing = { everyMs: 10_000, searchingEveryMs: 1000 };
const face = { x: 100, y: 100, width: 120, height: 120 };

/** Runs one whole scan at `atMs`, the scanner finding `faces` in region `foundIn` only. */
function runScan(scan: LayoutScan, atMs: number, searching: boolean, foundIn = -1): number {
  let regions = 0;
  for (;;) {
    const region = scan.next(frame, atMs, searching);
    if (!region) return regions;
    const { done } = scan.result(regions === foundIn ? [face] : [], atMs);
    regions++;
    if (done) return regions;
  }
}

describe('LayoutScan', () => {
  it('should give the whole frame first and nothing more while the scanner is busy', () => {
    const scan = new LayoutScan(pacing);
    expect(scan.next(frame, 0, true)).toEqual(scanRegions(frame)[0]);
    expect(scan.next(frame, 0, true)).toBeNull();
    scan.result([], 0);
    expect(scan.next(frame, 0, true)).toEqual(scanRegions(frame)[1]);
  });

  it('should scan all 14 regions while searching and nothing is found', () => {
    expect(runScan(new LayoutScan(pacing), 0, true)).toBe(14);
  });

  it('should skip the 3x3 parts when the coarse regions found a face', () => {
    expect(runScan(new LayoutScan(pacing), 0, true, 2)).toBe(5);
  });

  it('should scan only the whole frame and 2x2 while following', () => {
    expect(runScan(new LayoutScan(pacing), 0, false)).toBe(5);
  });

  it('should return every face of the scan so far', () => {
    const scan = new LayoutScan(pacing);
    scan.next(frame, 0, false);
    scan.result([face], 0);
    scan.next(frame, 0, false);
    expect(scan.result([{ ...face, x: 600 }], 0).foundSoFar).toHaveLength(2);
  });

  it('should wait its pacing between scans unless asked to scan again', () => {
    const scan = new LayoutScan(pacing);
    runScan(scan, 0, false);
    expect(scan.next(frame, 9_999, false)).toBeNull();
    expect(scan.next(frame, 999, true)).toBeNull();
    expect(scan.next(frame, 1000, true)).not.toBeNull();
    scan.failed();
    runScan(scan, 1000, true);
    scan.rescan();
    expect(scan.next(frame, 1001, false)).not.toBeNull();
  });

  it('should go on with the next region after the scanner failed', () => {
    const scan = new LayoutScan(pacing);
    scan.next(frame, 0, true);
    scan.failed();
    expect(scan.next(frame, 0, true)).toEqual(scanRegions(frame)[1]);
  });
});
