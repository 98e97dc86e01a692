import { describe, expect, it } from 'vitest';
import { PreviewStills, type StillReply, type StillRequest, type StillWorkerLike } from '@/utils/live/preview-stills';

/** A frame that counts its copies and closes. */
function fakeFrame(name: string) {
  const copies: { name: string; closed: boolean }[] = [];
  const frame = {
    name,
    closed: false,
    copies,
    clone: () => {
      const copy = { name: `${name} copy`, closed: false, close: () => void (copy.closed = true) };
      copies.push(copy);
      return copy;
    },
    close: () => void (frame.closed = true),
  };
  return frame;
}

const asFrame = (frame: ReturnType<typeof fakeFrame>) => frame as unknown as VideoFrame;
const still = (name: string) => ({ name, closed: false, close() {} }) as unknown as ImageBitmap;

/** A worker that keeps what it was sent; `reply` and `crash` act it out. */
function fakeWorker() {
  const worker = {
    sent: [] as { request: StillRequest; transfer: unknown[] }[],
    terminated: false,
    onmessage: null as StillWorkerLike['onmessage'],
    onerror: null as StillWorkerLike['onerror'],
    postMessage(request: StillRequest, transfer: unknown[]) {
      worker.sent.push({ request, transfer });
    },
    terminate: () => void (worker.terminated = true),
    reply: (data: StillReply) => worker.onmessage?.({ data } as MessageEvent<StillReply>),
    crash: () => worker.onerror?.({ message: 'boom', preventDefault: () => undefined } as ErrorEvent),
  };
  return worker;
}

describe('PreviewStills', () => {
  it('should start the worker on the first still, send it a frame copy, and skip frames while one is made', () => {
    const workers: ReturnType<typeof fakeWorker>[] = [];
    const shown: ImageBitmap[] = [];
    const stills = new PreviewStills(
      () => {
        const worker = fakeWorker();
        workers.push(worker);
        return worker as unknown as StillWorkerLike;
      },
      (picture) => shown.push(picture),
    );
    expect(workers).toHaveLength(0);
    const first = fakeFrame('first');
    stills.offer(asFrame(first), 480, 270);
    stills.offer(asFrame(fakeFrame('second')), 480, 270);
    expect(workers).toHaveLength(1);
    const worker = workers[0] as ReturnType<typeof fakeWorker>;
    expect(worker.sent).toHaveLength(1);
    const { request, transfer } = worker.sent[0] as (typeof worker.sent)[number];
    expect(request).toMatchObject({ width: 480, height: 270 });
    expect(request.frame).toBe(first.copies[0]);
    expect(transfer).toEqual([first.copies[0]]);
    // The caller's own frame is left to the caller.
    expect(first.closed).toBe(false);
    const picture = still('one');
    worker.reply({ still: picture });
    expect(shown).toEqual([picture]);
    stills.offer(asFrame(fakeFrame('third')), 480, 270);
    expect(worker.sent).toHaveLength(2);
    // A frame the worker could not convert is skipped; the next one is sent.
    worker.reply({ problem: 'unsupported' });
    stills.offer(asFrame(fakeFrame('fourth')), 480, 270);
    expect(worker.sent).toHaveLength(3);
    expect(workers).toHaveLength(1);
  });

  it('should make the stills on the page once the worker fails, one at a time', async () => {
    const worker = fakeWorker();
    const shown: string[] = [];
    const making: { finish?: (value: ImageBitmap) => void } = {};
    const onPage: string[] = [];
    const stills = new PreviewStills(
      () => worker as unknown as StillWorkerLike,
      (picture) => shown.push((picture as unknown as { name: string }).name),
      (frame) => {
        onPage.push((frame as unknown as { name: string }).name);
        return new Promise((resolve) => (making.finish = resolve));
      },
    );
    stills.offer(asFrame(fakeFrame('first')), 480, 270);
    worker.crash();
    expect(worker.terminated).toBe(true);
    stills.offer(asFrame(fakeFrame('second')), 480, 270);
    stills.offer(asFrame(fakeFrame('third')), 480, 270);
    expect(onPage).toEqual(['second']);
    making.finish?.(still('second still'));
    await Promise.resolve();
    await Promise.resolve();
    expect(shown).toEqual(['second still']);
    stills.offer(asFrame(fakeFrame('fourth')), 480, 270);
    expect(onPage).toEqual(['second', 'fourth']);
    expect(worker.sent).toHaveLength(1);
  });

  it('should close a still that comes back after it stopped, and offer nothing more', () => {
    const worker = fakeWorker();
    const shown: ImageBitmap[] = [];
    const stills = new PreviewStills(
      () => worker as unknown as StillWorkerLike,
      (picture) => shown.push(picture),
    );
    stills.offer(asFrame(fakeFrame('first')), 480, 270);
    stills.stop();
    expect(worker.terminated).toBe(true);
    let closed = false;
    worker.reply({ still: { close: () => void (closed = true) } as unknown as ImageBitmap });
    expect(shown).toEqual([]);
    expect(closed).toBe(true);
    stills.offer(asFrame(fakeFrame('second')), 480, 270);
    expect(worker.sent).toHaveLength(1);
  });
});
