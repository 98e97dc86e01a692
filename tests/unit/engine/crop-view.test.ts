import { describe, expect, it } from 'vitest';
import { viewRect } from '@/utils/engine/crop-view';

const crop = { x: 400, y: 100, width: 364, height: 364, outWidth: 364, outHeight: 364 };
const visible = { x: 0, y: 0, width: 1280, height: 720 };
const display = { width: 1280, height: 720 };

describe('viewRect', () => {
  it('should view an even crop inside the picture, offset by the visible rectangle', () => {
    expect(viewRect(crop, visible, display)).toEqual({ x: 400, y: 100, width: 364, height: 364 });
    expect(viewRect(crop, { x: 2, y: 4, width: 1280, height: 720 }, display)).toEqual({
      x: 402,
      y: 104,
      width: 364,
      height: 364,
    });
  });

  it('should leave odd, fractional, empty or overhanging crops and scaled frames to the copying crop', () => {
    expect(viewRect({ ...crop, x: 401 }, visible, display)).toBeNull();
    expect(viewRect({ ...crop, height: 364.5 }, visible, display)).toBeNull();
    expect(viewRect({ ...crop, width: 0 }, visible, display)).toBeNull();
    expect(viewRect({ ...crop, x: 1000 }, visible, display)).toBeNull();
    expect(viewRect({ ...crop, x: -2 }, visible, display)).toBeNull();
    expect(viewRect(crop, { x: 1, y: 0, width: 1280, height: 720 }, display)).toBeNull();
    expect(viewRect(crop, visible, { width: 1920, height: 1080 })).toBeNull();
  });
});
