/**
 * Finding and following the candidate in a captured call tab (pure geometry, px of the capture).
 *
 * A call tab is a grid of tiles, often small, and the face detector inside the landmarker sees its
 * input at low resolution, so small faces are only found when the input is cropped: the layout
 * is scanned in regions (the whole frame, then overlapping parts), the candidate is proposed as
 * the largest face, and from then on only a crop around the candidate is analysed.
 */
import type { Box, FrameSize } from '@/utils/features/face-features';
import { CANDIDATE } from '@/utils/tracking/settings';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { descriptorDistance } from '@/utils/features/descriptor';

export interface Point {
  x: number;
  y: number;
}

/** A face found by a layout scan, with its identity descriptor where the scan computed one. */
export interface ScannedFace extends Box {
  descriptor?: Float32Array | null;
}

/**
 * The face whose descriptor is nearest to `profile` within DESCRIPTOR.samePersonMax (the
 * candidate, whoever's tile moved where), with its distance; null when none is that close.
 */
export function faceLike(
  faces: readonly ScannedFace[],
  profile: Float32Array,
): { face: ScannedFace; distance: number } | null {
  let best: { face: ScannedFace; distance: number } | null = null;
  for (const face of faces) {
    if (!face.descriptor) continue;
    const distance = descriptorDistance(face.descriptor, profile);
    if (distance <= DESCRIPTOR.samePersonMax && (!best || distance < best.distance)) best = { face, distance };
  }
  return best;
}

const area = (box: Box) => Math.max(0, box.width) * Math.max(0, box.height);
const centre = (box: Box): Point => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Whether two boxes (or none) are the same, by value: crops travel to workers and back as copies. */
export function sameBox(a: Box | null, b: Box | null): boolean {
  if (a === null || b === null) return a === b;
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** Intersection over union of two boxes, 0..1. */
export function iou(a: Box, b: Box): number {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.width, b.x + b.width);
  const y1 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * The regions a layout scan looks at in turn: the whole frame, then grids of overlapping parts
 * (by default 2x2 and 3x3: each a half or a third of the frame plus a quarter of a part, so a
 * face on a tile border is whole in at least one part). Integer px, inside the frame.
 */
export function scanRegions(frame: FrameSize, grids: readonly number[] = [2, 3]): Box[] {
  const regions: Box[] = [{ x: 0, y: 0, width: frame.width, height: frame.height }];
  for (const cells of grids) {
    const width = Math.min(frame.width, Math.round((frame.width / cells) * 1.25));
    const height = Math.min(frame.height, Math.round((frame.height / cells) * 1.25));
    for (let row = 0; row < cells; row++) {
      for (let col = 0; col < cells; col++) {
        const x = Math.round(((frame.width - width) * col) / (cells - 1));
        const y = Math.round(((frame.height - height) * row) / (cells - 1));
        regions.push({ x, y, width, height });
      }
    }
  }
  return regions;
}

/** A box found in a crop, moved back into frame px. */
export function toFrameBox(boxInCrop: Box, crop: Box, cropScale = 1): Box {
  return {
    x: crop.x + boxInCrop.x / cropScale,
    y: crop.y + boxInCrop.y / cropScale,
    width: boxInCrop.width / cropScale,
    height: boxInCrop.height / cropScale,
  };
}

/**
 * Faces from several overlapping regions, as one list: boxes that overlap are the same face,
 * and the larger box (the one least cut by a region border) is kept, with a descriptor from
 * either. Largest first.
 */
export function mergeFaces<Face extends ScannedFace>(boxes: readonly Face[]): Face[] {
  const merged: Face[] = [];
  for (const box of [...boxes].sort((a, b) => area(b) - area(a))) {
    if (box.width < CANDIDATE.minFacePx || box.height < CANDIDATE.minFacePx) continue;
    const same = merged.findIndex((kept) => iou(kept, box) > CANDIDATE.sameFaceIou || contains(kept, centre(box)));
    if (same < 0) merged.push(box);
    // The larger box may come from a coarser region where the face was too small to describe.
    else if (!merged[same]?.descriptor && box.descriptor)
      merged[same] = { ...(merged[same] as Face), descriptor: box.descriptor };
  }
  return merged;
}

function contains(box: Box, point: Point): boolean {
  return point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height;
}

/**
 * The face to follow: near the previous candidate when there was one (same place, similar size:
 * a tile that stayed where it was), otherwise the largest face, the usual remote speaker.
 * Returns null when there is no face, or when `previous` is given and no face is near it.
 */
export function pickCandidate(faces: readonly Box[], previous: Box | null = null): Box | null {
  if (!previous)
    return faces.reduce<Box | null>((best, face) => (!best || area(face) > area(best) ? face : best), null);
  const reach = Math.max(previous.width, previous.height) * CANDIDATE.reacquireReach;
  return nearest(faces, centre(previous), (face, distance) => {
    const sizeRatio = Math.sqrt(area(face) / Math.max(1, area(previous)));
    return distance <= reach && sizeRatio > 1 / CANDIDATE.maxSizeChange && sizeRatio < CANDIDATE.maxSizeChange;
  });
}

/** The face under a click on the preview (frame px), or the nearest one within a face width. */
export function faceAt(faces: readonly Box[], point: Point): Box | null {
  return (
    faces.find((face) => contains(face, point)) ??
    nearest(faces, point, (face, distance) => distance <= Math.max(face.width, face.height))
  );
}

/** The face whose centre is nearest to `point` among those `accept` lets through, or null. */
function nearest(faces: readonly Box[], point: Point, accept: (face: Box, distance: number) => boolean): Box | null {
  let best: Box | null = null;
  let bestDistance = Infinity;
  for (const face of faces) {
    const c = centre(face);
    const distance = Math.hypot(c.x - point.x, c.y - point.y);
    if (distance < bestDistance && accept(face, distance)) {
      best = face;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The face after `current` in reading order (top to bottom, then left to right), wrapping
 * around: a keyboard way to choose the candidate. Null without faces.
 */
export function nextFace(faces: readonly Box[], current: Box | null): Box | null {
  const ordered = [...faces].sort((a, b) =>
    Math.abs(a.y - b.y) > Math.min(a.height, b.height) / 2 ? a.y - b.y : a.x - b.x,
  );
  if (ordered.length === 0) return null;
  const index = current ? ordered.findIndex((face) => iou(face, current) > CANDIDATE.sameFaceIou) : -1;
  return ordered[(index + 1) % ordered.length] ?? null;
}

/**
 * The square crop analysed around a face: the face plus margin for head turns and hands, at
 * least `minCropPx` so small tiles are enlarged rather than starved, kept inside the frame, on
 * even px (video frames are chroma-subsampled).
 */
export function cropAround(face: Box, frame: FrameSize): Box {
  const side = Math.min(
    Math.max(Math.max(face.width, face.height) * CANDIDATE.cropScale, CANDIDATE.minCropPx),
    frame.width,
    frame.height,
  );
  const even = (value: number) => 2 * Math.floor(value / 2);
  const size = even(side);
  const c = centre(face);
  const x = even(Math.min(Math.max(0, c.x - size / 2), frame.width - size));
  const y = even(Math.min(Math.max(0, c.y - size / 2), frame.height - size));
  return { x, y, width: size, height: size };
}

/**
 * Where a photo ID held up next to the candidate's face is looked for: a square on each side of
 * the face and one below it, CANDIDATE.idRegionScale face widths each, inside the frame. Separate
 * squares, not one wide one: the face detector sees its input small, and an ID photo's face is a
 * fraction of the candidate's.
 */
export function idPhotoRegions(face: Box, frame: FrameSize): Box[] {
  const side = Math.round(Math.max(face.width, face.height) * CANDIDATE.idRegionScale);
  const top = face.y + face.height / 2 - side / 2;
  const squares = [
    { x: face.x - side, y: top },
    { x: face.x + face.width, y: top },
    { x: face.x + face.width / 2 - side / 2, y: face.y + face.height },
  ];
  return squares.flatMap(({ x, y }) => {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(frame.width, Math.round(x + side));
    const y1 = Math.min(frame.height, Math.round(y + side));
    return x1 - x0 >= side / 2 && y1 - y0 >= side / 2 ? [{ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }] : [];
  });
}

/**
 * Whether the crop should move: the face has drifted out of its middle, or grown or shrunk so
 * much that the margin is wrong. Moving the crop on every frame would disturb the landmarker's
 * own frame-to-frame tracking, so it moves only when needed.
 */
export function needsRecrop(face: Box, crop: Box, frame: FrameSize): boolean {
  const c = centre(face);
  const marginX = crop.width * CANDIDATE.recropEdgeShare;
  const marginY = crop.height * CANDIDATE.recropEdgeShare;
  const drifted =
    c.x < crop.x + marginX ||
    c.x > crop.x + crop.width - marginX ||
    c.y < crop.y + marginY ||
    c.y > crop.y + crop.height - marginY;
  const wanted = Math.min(
    Math.max(Math.max(face.width, face.height) * CANDIDATE.cropScale, CANDIDATE.minCropPx),
    frame.width,
    frame.height,
  );
  const ratio = wanted / crop.width;
  return drifted || ratio > CANDIDATE.maxSizeChange || ratio < 1 / CANDIDATE.maxSizeChange;
}
