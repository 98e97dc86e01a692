import { describe, expect, it } from 'vitest';
import { runsWhere, voicedShare } from '@/utils/analyzers/face/runs';
import { speech } from '../../../support/face-samples';

describe('runsWhere', () => {
  const times = [0, 100, 200, 300, 400, 500, 600, 700];

  it('should join consecutive samples however far apart they are', () => {
    expect(runsWhere([0, 1000, 5000], () => true, 0)).toEqual([{ from: 0, to: 2, startMs: 0, endMs: 5000 }]);
  });

  it('should bridge short breaks and split at long ones', () => {
    const holds = [true, true, false, true, false, false, false, true];
    expect(runsWhere(times, (i) => holds[i] as boolean, 200).map((r) => [r.from, r.to])).toEqual([
      [0, 3],
      [7, 7],
    ]);
  });

  it('should find nothing where nothing holds', () => {
    expect(runsWhere(times, () => false, 1000)).toEqual([]);
  });
});

describe('voicedShare', () => {
  it('should give the voiced share of the hops in a stretch, NaN without audio', () => {
    const series = speech(2000, (t) => t < 1000);
    expect(voicedShare(series, 0, 1990)).toBeCloseTo(0.5, 2);
    expect(voicedShare(series, 5000, 6000)).toBeNaN();
  });
});
