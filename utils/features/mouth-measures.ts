/**
 * The mouth's shape in one frame, as the learned audio-to-mouth map reads it
 * (utils/analyzers/lip-map.ts): two landmark distances and the model's articulation blendshapes
 * (jaw, lips apart, rounded, rolled in, pressed, stretched). Only movement of the mouth: no smile,
 * frown or other expression blendshape, nothing about the person.
 */
import type { PrimaryFaceFeatures } from './face-features';

export const MOUTH_MEASURES = [
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
] as const;
export type MouthMeasure = (typeof MOUTH_MEASURES)[number];
export const MOUTH_MEASURE_COUNT = MOUTH_MEASURES.length;

/** The measures in MOUTH_MEASURES order; left and right blendshapes are averaged (mirroring does not matter). */
export function mouthMeasuresOf(
  face: Pick<PrimaryFaceFeatures, 'mouthOpen' | 'mouthWidth' | 'blendshapes'>,
): Float32Array {
  const b = face.blendshapes;
  return Float32Array.of(
    face.mouthOpen,
    face.mouthWidth,
    b.jawOpen,
    b.mouthClose,
    b.mouthFunnel,
    b.mouthPucker,
    (b.mouthLowerDownLeft + b.mouthLowerDownRight) / 2,
    (b.mouthUpperUpLeft + b.mouthUpperUpRight) / 2,
    b.mouthRollLower,
    b.mouthRollUpper,
    (b.mouthPressLeft + b.mouthPressRight) / 2,
    (b.mouthStretchLeft + b.mouthStretchRight) / 2,
    b.mouthShrugLower,
    b.mouthShrugUpper,
  );
}
