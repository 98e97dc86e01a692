import { describe, expect, it } from 'vitest';
import { enqueue, type LandmarkerRequest } from '@/utils/engine/landmarker-protocol';

const detect = (id: number, newest: boolean): LandmarkerRequest => ({
  kind: 'detect',
  id,
  frame: {} as VideoFrame,
  timestampMs: id * 33,
  describe: false,
  upscale: 1,
  crop: null,
  newest,
});

describe('enqueue', () => {
  it('should let a newest-only frame replace the newest-only frames waiting, and keep the rest in order', () => {
    const waiting = [detect(1, false), detect(2, true), { kind: 'close', id: 3 } as const, detect(4, true)];
    const { waiting: next, skipped } = enqueue(waiting, detect(5, true));
    expect(next.map((request) => request.id)).toEqual([1, 3, 5]);
    expect(skipped.map((request) => request.id)).toEqual([2, 4]);
  });

  it('should queue frames every one of which must be analysed (recordings) behind each other', () => {
    const { waiting, skipped } = enqueue([detect(1, false)], detect(2, false));
    expect(waiting.map((request) => request.id)).toEqual([1, 2]);
    expect(skipped).toEqual([]);
  });
});
