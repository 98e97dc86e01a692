import { describe, expect, it, vi } from 'vitest';
import type { FrameCrop } from '@/utils/engine/landmarker-protocol';
import { NewestFrame } from '@/utils/engine/newest-frame';

const frame = (name: string) => ({ name, close: vi.fn() });
const crop: FrameCrop = { x: 10, y: 20, width: 300, height: 300, outWidth: 300, outHeight: 300 };

describe('NewestFrame', () => {
  it('should give the newest frame with its arrival and the frames it replaced, closing those', () => {
    const newest = new NewestFrame<ReturnType<typeof frame>>();
    newest.aim(crop);
    const [a, b, c] = [frame('a'), frame('b'), frame('c')];
    newest.arrive(a, 100);
    newest.arrive(b, 133);
    newest.arrive(c, 166);
    expect(a.close).toHaveBeenCalledOnce();
    expect(b.close).toHaveBeenCalledOnce();
    expect(newest.take()).toEqual({ frame: c, crop, arrivedAtMs: 166, arrivals: 3 });
    expect(c.close).not.toHaveBeenCalled();
    expect(newest.take()).toBeNull();
    const d = frame('d');
    newest.arrive(d, 200);
    expect(newest.take()).toMatchObject({ frame: d, arrivals: 1 });
  });

  it('should close frames at once, uncounted, while nothing is aimed at, and drop the waiting one then', () => {
    const newest = new NewestFrame<ReturnType<typeof frame>>();
    const a = frame('a');
    newest.arrive(a, 100);
    expect(a.close).toHaveBeenCalledOnce();
    newest.aim(crop);
    expect(newest.take()).toBeNull();
    const b = frame('b');
    newest.arrive(b, 133);
    newest.aim(null);
    expect(b.close).toHaveBeenCalledOnce();
    newest.aim(crop);
    expect(newest.take()).toBeNull();
    const c = frame('c');
    newest.arrive(c, 166);
    expect(newest.take()).toEqual({ frame: c, crop, arrivedAtMs: 166, arrivals: 1 });
  });
});
