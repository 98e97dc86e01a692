import { describe, expect, it } from 'vitest';
import type { PrimaryFaceFeatures } from '@/utils/features/face-features';
import { mouthSeriesOf, toFrameRecord, type FrameRecord } from '@/utils/features/frame-record';
import { MOUTH_MEASURE_COUNT, MOUTH_MEASURES, mouthMeasuresOf } from '@/utils/features/mouth-measures';

/** Blendshapes with a distinct value each, so that any value out of place shows. */
const BLENDSHAPES: PrimaryFaceFeatures['blendshapes'] = {
  jawOpen: 0.5,
  mouthClose: 0.03,
  mouthFunnel: 0.12,
  mouthPucker: 0.25,
  mouthLowerDownLeft: 0.3,
  mouthLowerDownRight: 0.1,
  mouthUpperUpLeft: 0.05,
  mouthUpperUpRight: 0.45,
  mouthRollLower: 0.07,
  mouthRollUpper: 0.09,
  mouthPressLeft: 0.2,
  mouthPressRight: 0.4,
  mouthStretchLeft: 0.16,
  mouthStretchRight: 0.02,
  mouthShrugLower: 0.33,
  mouthShrugUpper: 0.11,
  eyeBlinkLeft: 0.9,
  eyeBlinkRight: 0.8,
};

const mouth = { mouthOpen: 0.18, mouthWidth: 0.62, blendshapes: BLENDSHAPES };

/** A frame's features with one face whose mouth is seen or not. */
function features(timestampMs: number, mouthVisible: boolean, blendshapes = BLENDSHAPES) {
  const primary: PrimaryFaceFeatures = {
    box: { x: 100, y: 100, width: 200, height: 200 },
    pose: { yawDeg: 0, pitchDeg: 0, rollDeg: 0 },
    mouthOpen: 0.18,
    mouthWidth: 0.62,
    eyeDistancePx: 80,
    mouthVisible,
    mouthLumaStd: 30,
    mouthFlatRowShare: 0,
    blendshapes,
    rigidShape: new Float32Array(48),
    skinRgb: null,
    lowerFaceTone: null,
    seam: null,
    descriptor: null,
  };
  return { timestampMs, faceCount: 1, boxes: [primary.box], primary, descriptors: [null] };
}

describe('mouthMeasuresOf', () => {
  it('should give the measures in MOUTH_MEASURES order, left and right blendshapes averaged', () => {
    expect(MOUTH_MEASURES).toEqual([
      'open',
      'width',
      'jawOpen',
      'mouthClose',
      'mouthFunnel',
      'mouthPucker',
      'lowerDown',
      'upperUp',
      'rollLower',
      'rollUpper',
      'press',
      'stretch',
      'shrugLower',
      'shrugUpper',
    ]);
    expect(MOUTH_MEASURE_COUNT).toBe(14);
    const measures = mouthMeasuresOf(mouth);
    expect(measures).toBeInstanceOf(Float32Array);
    const expected = {
      open: 0.18,
      width: 0.62,
      jawOpen: 0.5,
      mouthClose: 0.03,
      mouthFunnel: 0.12,
      mouthPucker: 0.25,
      lowerDown: (0.3 + 0.1) / 2,
      upperUp: (0.05 + 0.45) / 2,
      rollLower: 0.07,
      rollUpper: 0.09,
      press: (0.2 + 0.4) / 2,
      stretch: (0.16 + 0.02) / 2,
      shrugLower: 0.33,
      shrugUpper: 0.11,
    };
    MOUTH_MEASURES.forEach((name, k) => expect(measures[k], name).toBeCloseTo(expected[name], 6));
  });

  it('should read a mouth and its mirror image the same (left and right swapped)', () => {
    const mirrored = {
      ...BLENDSHAPES,
      mouthLowerDownLeft: BLENDSHAPES.mouthLowerDownRight,
      mouthLowerDownRight: BLENDSHAPES.mouthLowerDownLeft,
      mouthUpperUpLeft: BLENDSHAPES.mouthUpperUpRight,
      mouthUpperUpRight: BLENDSHAPES.mouthUpperUpLeft,
      mouthPressLeft: BLENDSHAPES.mouthPressRight,
      mouthPressRight: BLENDSHAPES.mouthPressLeft,
      mouthStretchLeft: BLENDSHAPES.mouthStretchRight,
      mouthStretchRight: BLENDSHAPES.mouthStretchLeft,
    };
    expect(mouthMeasuresOf({ ...mouth, blendshapes: mirrored })).toEqual(mouthMeasuresOf(mouth));
  });

  it('should not read the eyes', () => {
    const shut = { ...BLENDSHAPES, eyeBlinkLeft: 0, eyeBlinkRight: 0 };
    expect(mouthMeasuresOf({ ...mouth, blendshapes: shut })).toEqual(mouthMeasuresOf(mouth));
  });
});

describe('mouth measures of frame records', () => {
  it('should record the measures where the mouth was seen and null where it was hidden', () => {
    expect(toFrameRecord(features(40, true), null).mouthMeasures).toEqual(mouthMeasuresOf(mouth));
    expect(toFrameRecord(features(80, false), null).mouthMeasures).toBeNull();
    expect(
      toFrameRecord({ timestampMs: 120, faceCount: 0, boxes: [], primary: null, descriptors: [] }, null),
    ).toMatchObject({ mouthMeasures: null });
  });

  it('should lay the measures out flat, frame after frame, with NaN rows where the mouth was not seen', () => {
    const wide = { ...BLENDSHAPES, jawOpen: 0.9 };
    const records: FrameRecord[] = [
      toFrameRecord(features(0, true), null),
      toFrameRecord(features(40, false), null),
      toFrameRecord(features(80, true, wide), null),
      { ...toFrameRecord(features(120, true), null), mouthMeasures: null },
    ];
    const series = mouthSeriesOf(records);
    expect(series.measures).toBeInstanceOf(Float32Array);
    expect(series.measures).toHaveLength(records.length * MOUTH_MEASURE_COUNT);
    const row = (i: number) =>
      Array.from(series.measures?.subarray(i * MOUTH_MEASURE_COUNT, (i + 1) * MOUTH_MEASURE_COUNT) ?? []);
    expect(row(0)).toEqual(Array.from(mouthMeasuresOf(mouth)));
    expect(row(1)).toEqual(new Array(MOUTH_MEASURE_COUNT).fill(Number.NaN));
    expect(row(2)).toEqual(Array.from(mouthMeasuresOf({ ...mouth, blendshapes: wide })));
    expect(row(2)[MOUTH_MEASURES.indexOf('jawOpen')]).toBeCloseTo(0.9, 6);
    expect(row(3)).toEqual(new Array(MOUTH_MEASURE_COUNT).fill(Number.NaN));
    // The rows line up with the other mouth series.
    expect(Array.from(series.timesMs)).toEqual([0, 40, 80, 120]);
    expect(series.open[1]).toBeNaN();
    expect(series.open[2]).toBeCloseTo(row(2)[0] as number, 6);
  });

  it('should give empty series for no records', () => {
    const series = mouthSeriesOf([]);
    expect(series.measures).toHaveLength(0);
    expect(series.timesMs).toHaveLength(0);
  });
});
