import { describe, expect, it } from 'vitest';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import {
  cropAround,
  faceAt,
  faceLike,
  iou,
  mergeFaces,
  needsRecrop,
  nextFace,
  pickCandidate,
  sameBox,
  scanRegions,
  toFrameBox,
  type ScannedFace,
} from '@/utils/tracking/candidate';
import { CANDIDATE } from '@/utils/tracking/settings';
import { descriptorAway, faceDescriptor } from '../../support/face-samples';

const frame = { width: 1280, height: 720 };
const box = (x: number, y: number, width: number, height = width) => ({ x, y, width, height });

describe('iou', () => {
  it.each([
    [box(0, 0, 10), box(0, 0, 10), 1],
    [box(0, 0, 10), box(20, 20, 10), 0],
    [box(0, 0, 10), box(5, 0, 10), 50 / 150],
  ])('should give %o vs %o = %f', (a, b, expected) => {
    expect(iou(a, b)).toBeCloseTo(expected, 6);
  });
});

describe('scanRegions', () => {
  it('should cover the whole frame, then 2x2 and 3x3 overlapping parts inside it', () => {
    const regions = scanRegions(frame);
    expect(regions).toHaveLength(1 + 4 + 9);
    expect(regions[0]).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
    for (const region of regions) {
      expect(region.x).toBeGreaterThanOrEqual(0);
      expect(region.y).toBeGreaterThanOrEqual(0);
      expect(region.x + region.width).toBeLessThanOrEqual(frame.width);
      expect(region.y + region.height).toBeLessThanOrEqual(frame.height);
    }
    const lastOfGrid2 = regions[4] as (typeof regions)[number];
    expect(lastOfGrid2.x + lastOfGrid2.width).toBe(frame.width);
  });

  it('should put a face on the border between two tiles whole into some region', () => {
    const face = box(600, 300, 80);
    const whole = scanRegions(frame)
      .slice(1)
      .some(
        (r) =>
          face.x >= r.x &&
          face.y >= r.y &&
          face.x + face.width <= r.x + r.width &&
          face.y + face.height <= r.y + r.height,
      );
    expect(whole).toBe(true);
  });
});

describe('toFrameBox', () => {
  it('should undo the crop offset and the downscale', () => {
    expect(toFrameBox(box(10, 20, 30), box(100, 200, 600), 0.5)).toEqual(box(120, 240, 60));
  });
});

describe('mergeFaces', () => {
  it('should keep one box per face, largest first, and drop tiny ones', () => {
    const merged = mergeFaces([
      box(100, 100, 80),
      box(104, 102, 76),
      box(700, 100, 120),
      box(10, 10, CANDIDATE.minFacePx - 1),
    ]);
    expect(merged).toEqual([box(700, 100, 120), box(100, 100, 80)]);
  });
});

describe('mergeFaces with descriptors', () => {
  const alice = faceDescriptor(1);
  const bob = faceDescriptor(2);

  it('should keep the kept box with its own descriptor', () => {
    const large: ScannedFace = { ...box(100, 100, 80), descriptor: alice };
    const cut: ScannedFace = { ...box(104, 102, 76), descriptor: bob };
    const other: ScannedFace = { ...box(700, 100, 120), descriptor: null };
    const merged = mergeFaces([cut, other, large]);
    expect(merged).toEqual([other, large]);
    expect(merged[1]?.descriptor).toBe(alice);
    expect(merged[0]?.descriptor).toBeNull();
  });

  it("should take the smaller box's descriptor when the larger box of the same face has none", () => {
    const coarse: ScannedFace = { ...box(100, 100, 121), descriptor: null };
    const fine: ScannedFace = { ...box(101, 100, 120), descriptor: alice };
    const [merged] = mergeFaces([coarse, fine]);
    expect(merged).toEqual({ ...coarse, descriptor: alice });
    expect(coarse.descriptor).toBeNull();
  });

  it('should leave plain boxes plain', () => {
    expect(mergeFaces([box(100, 100, 80)])).toEqual([box(100, 100, 80)]);
    expect(mergeFaces([box(100, 100, 80)])[0]).not.toHaveProperty('descriptor');
  });
});

describe('faceLike', () => {
  const profile = faceDescriptor(1);
  const at = (x: number, descriptor: Float32Array | null | undefined): ScannedFace => ({
    ...box(x, 100, 100),
    ...(descriptor === undefined ? {} : { descriptor }),
  });

  it('should give the face nearest the profile within DESCRIPTOR.samePersonMax, with its distance', () => {
    const faces = [
      at(0, descriptorAway(profile, 0.4, 2)),
      at(200, descriptorAway(profile, 0.15, 3)),
      at(400, descriptorAway(profile, 1, 4)),
    ];
    const found = faceLike(faces, profile);
    expect(found?.face).toBe(faces[1]);
    expect(found?.distance).toBeCloseTo(0.15, 5);
  });

  it.each([
    [DESCRIPTOR.samePersonMax - 0.01, true],
    [DESCRIPTOR.samePersonMax + 0.01, false],
  ])('should take a face %f away: %s', (distance, found) => {
    const face = at(0, descriptorAway(profile, distance, 5));
    expect(faceLike([face], profile)?.face ?? null).toBe(found ? face : null);
  });

  it('should pass over faces without a descriptor and give null without faces', () => {
    expect(faceLike([at(0, null), at(200, undefined)], profile)).toBeNull();
    expect(faceLike([], profile)).toBeNull();
    const described = at(400, descriptorAway(profile, 0.3, 6));
    expect(faceLike([at(0, null), described], profile)?.face).toBe(described);
  });
});

describe('pickCandidate', () => {
  const faces = [box(700, 100, 120), box(100, 100, 80), box(100, 400, 100)];
  it('should propose the largest face when there is no candidate yet', () => {
    expect(pickCandidate(faces)).toEqual(box(700, 100, 120));
  });
  it('should keep following the face near the previous candidate', () => {
    expect(pickCandidate(faces, box(110, 95, 85))).toEqual(box(100, 100, 80));
  });
  it('should not jump to a face far away or of another size', () => {
    expect(pickCandidate(faces, box(400, 600, 80))).toBeNull();
    expect(pickCandidate([box(100, 100, 300)], box(120, 120, 80))).toBeNull();
  });
  it('should return null without faces', () => {
    expect(pickCandidate([])).toBeNull();
  });
});

describe('faceAt', () => {
  const faces = [box(100, 100, 80), box(700, 100, 120)];
  it('should pick the face under the click, or the nearest within a face width', () => {
    expect(faceAt(faces, { x: 120, y: 150 })).toEqual(faces[0]);
    expect(faceAt(faces, { x: 850, y: 160 })).toEqual(faces[1]);
    expect(faceAt(faces, { x: 500, y: 600 })).toBeNull();
  });
});

describe('cropAround', () => {
  it('should give a square around the face with margin, on even px', () => {
    const crop = cropAround(box(600, 300, 100), frame);
    expect(crop.width).toBe(220);
    expect(crop.height).toBe(220);
    expect(crop.x % 2).toBe(0);
    expect(crop.x).toBeLessThanOrEqual(600);
    expect(crop.x + crop.width).toBeGreaterThanOrEqual(700);
  });
  it('should enlarge small faces to the smallest crop and stay inside the frame', () => {
    const crop = cropAround(box(1250, 690, 40), frame);
    expect(crop.width).toBe(CANDIDATE.minCropPx);
    expect(crop.x + crop.width).toBeLessThanOrEqual(frame.width);
    expect(crop.y + crop.height).toBeLessThanOrEqual(frame.height);
  });
  it('should never be larger than the frame', () => {
    const crop = cropAround(box(0, 0, 700), frame);
    expect(crop.width).toBeLessThanOrEqual(720);
  });
});

describe('needsRecrop', () => {
  const face = box(600, 300, 100);
  const crop = cropAround(face, frame);
  it('should keep the crop while the face stays in its middle at the same size', () => {
    expect(needsRecrop(box(610, 305, 100), crop, frame)).toBe(false);
  });
  it('should move the crop when the face drifts to its edge or changes size a lot', () => {
    expect(needsRecrop(box(680, 300, 100), crop, frame)).toBe(true);
    expect(needsRecrop(box(560, 260, 180), crop, frame)).toBe(true);
  });
  it('should not ask for a crop larger than the frame again and again', () => {
    const big = box(200, 0, 700);
    expect(needsRecrop(big, cropAround(big, frame), frame)).toBe(false);
  });
});

describe('nextFace', () => {
  const topLeft = box(100, 100, 80);
  const topRight = box(700, 110, 90);
  const bottom = box(300, 450, 100);
  const faces = [bottom, topRight, topLeft];
  it('should step through the faces in reading order and wrap around', () => {
    expect(nextFace(faces, null)).toEqual(topLeft);
    expect(nextFace(faces, topLeft)).toEqual(topRight);
    expect(nextFace(faces, topRight)).toEqual(bottom);
    expect(nextFace(faces, bottom)).toEqual(topLeft);
  });
  it('should start from the first face when the candidate is not among them, and give null without faces', () => {
    expect(nextFace(faces, box(1000, 600, 50))).toEqual(topLeft);
    expect(nextFace([], topLeft)).toBeNull();
  });
});

describe('sameBox', () => {
  it('should compare boxes by value, and none only with none', () => {
    const box = { x: 10, y: 20, width: 300, height: 300 };
    expect(sameBox(box, { ...box })).toBe(true);
    expect(sameBox(box, { ...box, height: 302 })).toBe(false);
    expect(sameBox(null, null)).toBe(true);
    expect(sameBox(box, null)).toBe(false);
  });
});
