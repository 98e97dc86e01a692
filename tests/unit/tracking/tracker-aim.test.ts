import { describe, expect, it } from 'vitest';
import { TrackerAim } from '@/utils/tracking/tracker-aim';

const crop = (x: number) => ({ x, y: 40, width: 200, height: 200 });

describe('TrackerAim', () => {
  it('should tell the tracker only when the crop moves, and take results on the recent crops', () => {
    const aim = new TrackerAim(2);
    expect(aim.to(crop(0))).toBe(true);
    // A copy of the same crop (as it comes back from a worker) is no move.
    expect(aim.to({ ...crop(0) })).toBe(false);
    expect(aim.to(crop(10))).toBe(true);
    expect(aim.ofCandidate({ ...crop(0) })).toBe(true);
    expect(aim.ofCandidate(crop(10))).toBe(true);
    expect(aim.to(crop(20))).toBe(true);
    // Beyond the crops that may be in flight.
    expect(aim.ofCandidate(crop(0))).toBe(false);
    expect(aim.ofCandidate(crop(5))).toBe(false);
  });

  it("should refuse results aimed before the candidate changed, even on the new candidate's crop", () => {
    const aim = new TrackerAim(4);
    aim.to(crop(0));
    aim.candidateChanged();
    expect(aim.ofCandidate(crop(0))).toBe(false);
    // The new candidate's crop is where the old one's was: the tracker is told again.
    expect(aim.to(crop(0))).toBe(true);
    expect(aim.ofCandidate(crop(0))).toBe(true);
  });

  it('should keep the crops across a pause (aimed nowhere) and tell the tracker on resuming', () => {
    const aim = new TrackerAim(4);
    aim.to(crop(0));
    expect(aim.to(null)).toBe(true);
    expect(aim.to(null)).toBe(false);
    expect(aim.to(crop(0))).toBe(true);
    expect(aim.ofCandidate(crop(0))).toBe(true);
  });
});
