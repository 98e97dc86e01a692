import { describe, expect, it } from 'vitest';
import { CHIP_SIZE, chipTemplatePoint, chipTransform, toChipPoint } from '@/utils/features/face-align';
import { LANDMARK_COUNT } from '@/utils/features/landmarks';

/** The mesh indices the chip is fitted on, with their template places (chip pixels). */
const TEMPLATE = Array.from(
  { length: LANDMARK_COUNT },
  (_, index) => [index, chipTemplatePoint(index)] as const,
).filter((entry): entry is readonly [number, [number, number]] => entry[1] !== null);

interface Similarity {
  angleDeg: number;
  scale: number;
  shiftX: number;
  shiftY: number;
}

/** Where a chip point lies in the frame (pixels) when the face is the chip turned, scaled and shifted. */
function chipToFrame({ angleDeg, scale, shiftX, shiftY }: Similarity, [x, y]: [number, number]): [number, number] {
  const angle = (angleDeg * Math.PI) / 180;
  return [
    scale * (Math.cos(angle) * x - Math.sin(angle) * y) + shiftX,
    scale * (Math.sin(angle) * x + Math.cos(angle) * y) + shiftY,
  ];
}

/**
 * MediaPipe-style landmarks (x, y in 0..1 of the frame, z 0) with every template point placed by
 * `similarity`; the other points sit at the frame's centre, where the fit must not look.
 */
function landmarksFor(similarity: Similarity, frame: { width: number; height: number }): Float32Array {
  const landmarks = new Float32Array(LANDMARK_COUNT * 3);
  for (let i = 0; i < LANDMARK_COUNT; i++) {
    landmarks[i * 3] = 0.5;
    landmarks[i * 3 + 1] = 0.5;
  }
  for (const [index, point] of TEMPLATE) {
    const [x, y] = chipToFrame(similarity, point);
    landmarks[index * 3] = x / frame.width;
    landmarks[index * 3 + 1] = y / frame.height;
  }
  return landmarks;
}

/** Largest distance (chip pixels) between where the transform sends the template points and the template. */
function worstMiss(landmarks: Float32Array, frame: { width: number; height: number }): number {
  const transform = chipTransform(landmarks, frame);
  if (!transform) throw new Error('no transform');
  return Math.max(
    ...TEMPLATE.map(([index, [tx, ty]]) => {
      const [x, y] = toChipPoint(
        transform,
        (landmarks[index * 3] as number) * frame.width,
        (landmarks[index * 3 + 1] as number) * frame.height,
      );
      return Math.hypot(x - tx, y - ty);
    }),
  );
}

describe('chipTemplatePoint', () => {
  it("should place dlib's 33 alignment points in the 150 px chip with 0.25 padding", () => {
    expect(CHIP_SIZE).toBe(150);
    expect(TEMPLATE).toHaveLength(33);
    // Mesh 168 (between the eyes) is dlib's mean-face (0.490127, 0.203352): (0.25 + v) / 1.5 * 150.
    const [x, y] = chipTemplatePoint(168) ?? [Number.NaN, Number.NaN];
    expect(x).toBeCloseTo(74.0127, 6);
    expect(y).toBeCloseTo(45.3352, 6);
    for (const [, [px, py]] of TEMPLATE) {
      expect(px).toBeGreaterThan(0);
      expect(px).toBeLessThan(CHIP_SIZE);
      expect(py).toBeGreaterThan(0);
      expect(py).toBeLessThan(CHIP_SIZE);
    }
  });

  it('should give nothing for a mesh index the fit does not use', () => {
    expect(chipTemplatePoint(1)).toBeNull();
    expect(chipTemplatePoint(LANDMARK_COUNT)).toBeNull();
  });
});

describe('toChipPoint', () => {
  it("should apply the transform as a canvas's setTransform(a, b, c, d, e, f) does", () => {
    const transform = { a: 2, b: 3, c: 5, d: 7, e: 11, f: 13, scale: 1 };
    expect(toChipPoint(transform, 1, 10)).toEqual([2 * 1 + 5 * 10 + 11, 3 * 1 + 7 * 10 + 13]);
  });
});

describe('chipTransform', () => {
  it('should be the identity for a face already in chip place in a 150 px frame', () => {
    const frame = { width: CHIP_SIZE, height: CHIP_SIZE };
    const transform = chipTransform(landmarksFor({ angleDeg: 0, scale: 1, shiftX: 0, shiftY: 0 }, frame), frame);
    expect(transform?.a).toBeCloseTo(1, 6);
    expect(transform?.b).toBeCloseTo(0, 6);
    expect(transform?.e).toBeCloseTo(0, 3);
    expect(transform?.f).toBeCloseTo(0, 3);
    expect(transform?.scale).toBeCloseTo(1, 6);
  });

  it.each([
    ['square', { width: 1000, height: 1000 }],
    ['wide (x by width, y by height)', { width: 1280, height: 720 }],
    ['tall', { width: 480, height: 854 }],
  ])('should undo a turned, scaled and shifted face in a %s frame', (_, frame) => {
    const similarity = { angleDeg: 20, scale: 2.3, shiftX: 160, shiftY: 90 };
    const landmarks = landmarksFor(similarity, frame);
    const transform = chipTransform(landmarks, frame);
    if (!transform) throw new Error('no transform');
    // The inverse: turned back by 20 degrees and scaled by 1 / 2.3.
    const back = (-20 * Math.PI) / 180;
    expect(transform.scale).toBeCloseTo(1 / 2.3, 6);
    expect(transform.a).toBeCloseTo(Math.cos(back) / 2.3, 6);
    expect(transform.b).toBeCloseTo(Math.sin(back) / 2.3, 6);
    expect(transform.c).toBe(-transform.b);
    expect(transform.d).toBe(transform.a);
    expect(worstMiss(landmarks, frame)).toBeLessThan(1e-3);
    // Where the shift sends chip (0, 0) comes back to (0, 0).
    const [x, y] = toChipPoint(transform, similarity.shiftX, similarity.shiftY);
    expect(Math.hypot(x, y)).toBeLessThan(1e-3);
  });

  it('should undo any turn of the face, upside down included', () => {
    const frame = { width: 1280, height: 720 };
    for (const angleDeg of [-170, -45, 0, 90, 135]) {
      const landmarks = landmarksFor({ angleDeg, scale: 0.8, shiftX: 640, shiftY: 360 }, frame);
      expect(chipTransform(landmarks, frame)?.scale).toBeCloseTo(1 / 0.8, 6);
      expect(worstMiss(landmarks, frame)).toBeLessThan(1e-3);
    }
  });

  it('should misfit a wide frame read as a square one: x and y are scaled apart', () => {
    const wide = { width: 1280, height: 720 };
    const landmarks = landmarksFor({ angleDeg: 20, scale: 2.3, shiftX: 160, shiftY: 90 }, wide);
    expect(worstMiss(landmarks, wide)).toBeLessThan(1e-3);
    expect(worstMiss(landmarks, { width: 720, height: 720 })).toBeGreaterThan(1);
  });

  it('should report the chip pixels per frame pixel a small face is blown up by', () => {
    const frame = { width: 1280, height: 720 };
    const small = landmarksFor({ angleDeg: 0, scale: 0.25, shiftX: 600, shiftY: 300 }, frame);
    expect(chipTransform(small, frame)?.scale).toBeCloseTo(4, 5);
  });

  it('should give no transform when every point is in one place', () => {
    const frame = { width: 640, height: 480 };
    expect(chipTransform(new Float32Array(LANDMARK_COUNT * 3).fill(0.5), frame)).toBeNull();
    expect(chipTransform(new Float32Array(LANDMARK_COUNT * 3), frame)).toBeNull();
  });

  it('should give no transform for a frame of no size', () => {
    const landmarks = landmarksFor({ angleDeg: 0, scale: 1, shiftX: 0, shiftY: 0 }, { width: 640, height: 480 });
    expect(chipTransform(landmarks, { width: 0, height: 0 })).toBeNull();
  });
});
