/// <reference lib="webworker" />
// Live lip-sync off the panel's main thread: one estimate over a 30 s window takes tens of ms,
// which on the main thread would stall the preview and the controls.
import { LiveLipSync } from './live-lip-sync';
import type { LipSyncReply, LipSyncRequest } from './lip-sync-protocol';

declare const self: DedicatedWorkerGlobalScope;

let live: LiveLipSync | null = null;

self.onmessage = (event: MessageEvent<LipSyncRequest>) => {
  const request = event.data;
  switch (request.kind) {
    case 'start':
      live = new LiveLipSync(request.sessionStartMs);
      return;
    case 'batch':
      for (const reading of request.mouths) live?.pushFace(reading.timeMs, reading.mouth);
      for (const chunk of request.audio) live?.pushAudio(chunk.samples, chunk.startMs, chunk.sampleRate);
      return;
    case 'forget-face':
      live?.forgetFace();
      return;
    case 'update': {
      if (!live) return;
      const { estimate, findings } = live.update(request.nowMs);
      const reply: LipSyncReply = { kind: 'estimate', estimate, findings };
      self.postMessage(reply);
      return;
    }
  }
};
