import { describe, expect, it } from 'vitest';
import { BLENDSHAPE_COUNT, BLENDSHAPE_NAMES, LANDMARK_COUNT, type FaceObservation } from '@/utils/features/landmarks';
import { HEAD_POSE, LIP_SYNC } from '@/utils/common/thresholds';
import { mouthSeriesOf, toFrameRecord } from '@/utils/features/frame-record';
import {
  extractFaceFeatures,
  flatRowShare,
  calibratedYawDeg,
  headPoseFromMatrix,
  LM,
  lumaStd,
  mouthRegion,
  poseNormalisedShape,
} from '@/utils/features/face-features';

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Column-major 4x4 from a row-major 3x3 rotation. */
function columnMajor(r: number[][]): Float32Array {
  const m = new Float32Array(16);
  r.forEach((values, row) => values.forEach((value, col) => (m[col * 4 + row] = value)));
  m[15] = 1;
  return m;
}
const yaw = (d: number) =>
  columnMajor([
    [Math.cos(rad(d)), 0, Math.sin(rad(d))],
    [0, 1, 0],
    [-Math.sin(rad(d)), 0, Math.cos(rad(d))],
  ]);
const pitch = (d: number) =>
  columnMajor([
    [1, 0, 0],
    [0, Math.cos(rad(d)), -Math.sin(rad(d))],
    [0, Math.sin(rad(d)), Math.cos(rad(d))],
  ]);
const roll = (d: number) =>
  columnMajor([
    [Math.cos(rad(d)), -Math.sin(rad(d)), 0],
    [Math.sin(rad(d)), Math.cos(rad(d)), 0],
    [0, 0, 1],
  ]);

type Points = { key: Record<number, [number, number]>; rest: [number, number] };

/** A face whose key points sit where given (0..1 of the frame); the rest at `rest`. */
function face(
  { key, rest }: Points,
  transform = columnMajor([
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]),
): FaceObservation {
  const landmarks = new Float32Array(LANDMARK_COUNT * 3);
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    const [x, y] = key[i] ?? rest;
    landmarks[i * 3] = x;
    landmarks[i * 3 + 1] = y;
  }
  const blendshapes = new Float32Array(BLENDSHAPE_COUNT);
  blendshapes[BLENDSHAPE_NAMES.indexOf('jawOpen')] = 0.7;
  return { landmarks, blendshapes, transform };
}

/** Key points of a face centred at (cx, 0.5) scaled by `scale`, with the lips `gap` apart. */
const openMouth = (gap: number, cx = 0.5, scale = 1): Points => {
  const at = (dx: number, dy: number): [number, number] => [cx + dx * scale, 0.5 + dy * scale];
  return {
    key: {
      [LM.eyeOuterRight]: at(-0.1, 0),
      [LM.eyeOuterLeft]: at(0.1, 0),
      [LM.mouthCornerRight]: at(-0.05, 0.12),
      [LM.mouthCornerLeft]: at(0.05, 0.12),
      [LM.upperLipTop]: at(0, 0.08),
      [LM.lowerLipBottom]: at(0, 0.14 + gap),
      [LM.chin]: at(0, 0.22 + gap),
      ...Object.fromEntries(LM.upperInnerLip.map((i) => [i, at(0, 0.1)])),
      ...Object.fromEntries(LM.lowerInnerLip.map((i) => [i, at(0, 0.1 + gap)])),
    },
    rest: at(0, 0.05),
  };
};

describe('headPoseFromMatrix', () => {
  it.each([-60, -20, 0, 35, 75])('should read a pure yaw of %d degrees', (degrees) => {
    const pose = headPoseFromMatrix(yaw(degrees));
    expect(pose.yawDeg).toBeCloseTo(degrees, 4);
    expect(pose.pitchDeg).toBeCloseTo(0, 4);
    expect(pose.rollDeg).toBeCloseTo(0, 4);
  });

  it.each([-30, 15])('should read a pure pitch of %d and a pure roll of %d degrees', (degrees) => {
    expect(headPoseFromMatrix(pitch(degrees)).pitchDeg).toBeCloseTo(degrees, 4);
    expect(headPoseFromMatrix(roll(degrees)).rollDeg).toBeCloseTo(degrees, 4);
  });
});

describe('calibratedYawDeg', () => {
  it('should scale the matrix yaw by the measured gain, keeping its sign, and stop at a full profile', () => {
    const at = (yawDeg: number) => calibratedYawDeg({ yawDeg, pitchDeg: 0, rollDeg: 0 });
    expect(at(30)).toBeCloseTo(30 * HEAD_POSE.yawGain, 6);
    expect(at(-30)).toBeCloseTo(-30 * HEAD_POSE.yawGain, 6);
    expect(at(0)).toBe(0);
    expect(at(80)).toBe(90);
    expect(at(-80)).toBe(-90);
  });
});

describe('extractFaceFeatures', () => {
  const size = { width: 1000, height: 1000 };

  it('should normalise the lip gap by the eye-corner distance', () => {
    const features = extractFaceFeatures({ timestampMs: 40, faces: [face(openMouth(0.04))], detectMs: 5 }, size);
    expect(features.faceCount).toBe(1);
    expect(features.primary?.eyeDistancePx).toBeCloseTo(200, 3);
    expect(features.primary?.mouthOpen).toBeCloseTo(0.2, 5);
    expect(features.primary?.mouthWidth).toBeCloseTo(0.5, 5);
    expect(features.primary?.blendshapes.jawOpen).toBeCloseTo(0.7, 5);
  });

  it('should give the same mouth opening for the same face at another size', () => {
    const near = extractFaceFeatures({ timestampMs: 0, faces: [face(openMouth(0.03, 0.5, 1))], detectMs: 1 }, size);
    const far = extractFaceFeatures({ timestampMs: 0, faces: [face(openMouth(0.03, 0.5, 0.5))], detectMs: 1 }, size);
    expect(far.primary?.mouthOpen).toBeCloseTo(near.primary?.mouthOpen ?? Number.NaN, 5);
  });

  it('should pick the largest face as the primary one and list every box', () => {
    const small = face(openMouth(0.01, 0.2, 0.3));
    const large = face(openMouth(0.05, 0.6, 1.5));
    const features = extractFaceFeatures({ timestampMs: 0, faces: [small, large], detectMs: 1 }, size);
    expect(features.faceCount).toBe(2);
    const [first, second] = features.boxes;
    expect(first?.width).toBeGreaterThan(second?.width ?? Infinity);
    expect(features.primary?.mouthOpen).toBeCloseTo(0.25, 4);
  });

  it('should report no primary face when none was found', () => {
    expect(extractFaceFeatures({ timestampMs: 0, faces: [], detectMs: 1 }, size)).toEqual({
      timestampMs: 0,
      faceCount: 0,
      boxes: [],
      primary: null,
      descriptors: [],
    });
  });

  it("should carry the primary face's descriptor and every face's descriptor in box order, largest first", () => {
    const descriptor = (value: number) => new Float32Array(128).fill(value);
    const small = { ...face(openMouth(0.01, 0.2, 0.3)), descriptor: descriptor(1) };
    const middle = { ...face(openMouth(0.01, 0.8, 0.6)), descriptor: descriptor(2) };
    const undescribed = face(openMouth(0.01, 0.5, 0.4));
    const large = { ...face(openMouth(0.05, 0.6, 1.5)), descriptor: descriptor(3) };
    const features = extractFaceFeatures(
      { timestampMs: 0, faces: [small, undescribed, large, middle], detectMs: 1 },
      size,
    );
    expect(features.primary?.descriptor).toBe(large.descriptor);
    expect(features.descriptors).toEqual([large.descriptor, middle.descriptor, null, small.descriptor]);
  });

  it('should give a face without a descriptor none (null)', () => {
    const features = extractFaceFeatures({ timestampMs: 0, faces: [face(openMouth(0.02))], detectMs: 1 }, size);
    expect(features.primary?.descriptor).toBeNull();
    expect(features.descriptors).toEqual([null]);
  });
});

describe('poseNormalisedShape', () => {
  it('should not change with where the face is or how big it is', () => {
    const a = poseNormalisedShape(face(openMouth(0.03, 0.4, 1)), { width: 640, height: 640 });
    const b = poseNormalisedShape(face(openMouth(0.03, 0.6, 0.5)), { width: 640, height: 640 });
    expect(Array.from(a)).toEqual(Array.from(b, (value) => expect.closeTo(value, 4)));
  });
});

describe('mouth visibility', () => {
  const size = { width: 1000, height: 1000 };

  it('should box the mouth from corner to corner, lip top to halfway down to the chin', () => {
    const region = mouthRegion(face(openMouth(0.02)), size);
    expect(region?.x).toBeCloseTo(450, 3);
    expect(region?.width).toBeCloseTo(100, 3);
    expect(region?.y).toBeCloseTo(580, 3);
    expect(region?.height).toBeCloseTo(120, 3);
  });

  it('should give no box when the mouth lies outside the image', () => {
    expect(mouthRegion(face(openMouth(0.02, 0.5, 4.5)), size)).toBeNull();
  });

  it('should count the flat rows a tile border leaves in a mouth box', () => {
    const width = 24;
    const rows = Array.from({ length: 12 }, (_, row) =>
      Array.from({ length: width }, (_, x) => (row < 8 ? [x % 2 ? 180 : 90, 60, 60, 255] : [32, 33, 36, 255])).flat(),
    );
    expect(flatRowShare(rows.flat(), width, LIP_SYNC.flatRowLumaStd)).toBeCloseTo(4 / 12, 6);
  });

  it('should measure luma spread: zero on a flat patch, large on lips and teeth', () => {
    const flat = new Uint8ClampedArray(24 * 12 * 4).fill(60);
    expect(lumaStd(flat)).toBeCloseTo(0, 6);
    const striped = Uint8ClampedArray.from({ length: 24 * 12 * 4 }, (_, i) => (Math.floor(i / 4) % 2 ? 200 : 40));
    expect(lumaStd(striped)).toBeCloseTo(80, 0);
  });

  it.each([
    [undefined, true],
    [LIP_SYNC.minMouthLumaStd + 10, true],
    [LIP_SYNC.minMouthLumaStd - 1, false],
  ])('should call a mouth with luma spread %s visible: %s', (spread, visible) => {
    const observed = { ...face(openMouth(0.02)), ...(spread === undefined ? {} : { mouthLumaStd: spread }) };
    const features = extractFaceFeatures({ timestampMs: 0, faces: [observed], detectMs: 1 }, size);
    expect(features.primary?.mouthVisible).toBe(visible);
  });
});

describe('toFrameRecord', () => {
  const size = { width: 1000, height: 1000 };
  it('should carry the mouth and the face sample of a frame with a visible mouth', () => {
    const features = extractFaceFeatures({ timestampMs: 120, faces: [face(openMouth(0.04))], detectMs: 1 }, size);
    const record = toFrameRecord(features, null);
    expect(record.timeMs).toBe(120);
    expect(record.mouthOpen).toBeCloseTo(0.2, 5);
    expect(record.jawOpen).toBeCloseTo(0.7, 5);
    expect(record.face.timeMs).toBe(120);
    expect(record.face.faceCount).toBe(1);
    expect(record.face.face?.mouthVisible).toBe(true);
  });

  it('should give NaN for a hidden mouth while keeping the face', () => {
    const hidden = { ...face(openMouth(0.04)), mouthLumaStd: 1 };
    const record = toFrameRecord(extractFaceFeatures({ timestampMs: 0, faces: [hidden], detectMs: 1 }, size), null);
    expect(record.mouthOpen).toBeNaN();
    expect(record.jawOpen).toBeNaN();
    expect(record.face.face).not.toBeNull();
  });

  it("should carry the candidate's descriptor and the other faces' descriptors that were computed", () => {
    const descriptor = (value: number) => new Float32Array(128).fill(value);
    const candidate = { ...face(openMouth(0.05, 0.5, 1.5)), descriptor: descriptor(1) };
    const other = { ...face(openMouth(0.01, 0.2, 0.3)), descriptor: descriptor(2) };
    const features = extractFaceFeatures(
      { timestampMs: 0, faces: [other, face(openMouth(0.01, 0.8, 0.4)), candidate], detectMs: 1 },
      size,
    );
    const record = toFrameRecord(features, null);
    expect(record.face.face?.descriptor).toBe(candidate.descriptor);
    expect(record.face.otherDescriptors).toEqual([other.descriptor]);
  });

  it("should take the live call's faces when given (layout scans, the ID search)", () => {
    const scanned = [new Float32Array(128).fill(4)];
    const idPhoto = [new Float32Array(128).fill(5)];
    const features = extractFaceFeatures({ timestampMs: 0, faces: [face(openMouth(0.01))], detectMs: 1 }, size);
    const live = { faceCount: 2, otherDescriptors: scanned, idPhotoDescriptors: idPhoto };
    expect(toFrameRecord(features, null, live).face).toMatchObject(live);
    expect(toFrameRecord(features, null).face.otherDescriptors).toEqual([]);
    expect(toFrameRecord(features, null).face.idPhotoDescriptors).toBeUndefined();
  });

  it('should take the given face count (live: other faces come from the layout scan)', () => {
    const none = { otherDescriptors: [], idPhotoDescriptors: [] };
    const record = toFrameRecord(extractFaceFeatures({ timestampMs: 0, faces: [], detectMs: 1 }, size), null, {
      faceCount: 0,
      ...none,
    });
    expect(record.face).toEqual({ timeMs: 0, faceCount: 0, face: null, thumb: null, ...none });
    const seen = extractFaceFeatures({ timestampMs: 0, faces: [face(openMouth(0.01))], detectMs: 1 }, size);
    expect(toFrameRecord(seen, null, { faceCount: 3, ...none }).face.faceCount).toBe(3);
  });
});

describe('mouthSeriesOf', () => {
  const size = { width: 1000, height: 1000 };
  it('should put the records in typed arrays in their order', () => {
    const features = extractFaceFeatures({ timestampMs: 40, faces: [face(openMouth(0.04))], detectMs: 1 }, size);
    const series = mouthSeriesOf([
      toFrameRecord(features, null),
      { ...toFrameRecord(features, null), timeMs: 80, mouthOpen: Number.NaN },
    ]);
    expect(Array.from(series.timesMs)).toEqual([40, 80]);
    expect(series.open[0]).toBeCloseTo(0.2, 5);
    expect(series.open[1]).toBeNaN();
  });
});
