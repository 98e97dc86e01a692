/// <reference lib="webworker" />
// The preview's stills, made off the page: Chromium converts a captured VideoFrame on the thread
// that asks for an ImageBitmap of it, which on the page was its largest share of work per frame.
import { messageOf } from '@/utils/common/error-message';
import { scaledStill, type StillReply, type StillRequest } from './preview-stills';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = ({ data: { frame, width, height } }: MessageEvent<StillRequest>) => {
  scaledStill(frame, width, height)
    .then(
      (still) => self.postMessage({ still } satisfies StillReply, [still]),
      (error: unknown) => self.postMessage({ problem: messageOf(error) } satisfies StillReply),
    )
    .finally(() => frame.close());
};
