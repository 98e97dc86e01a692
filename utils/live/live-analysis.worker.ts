/// <reference lib="webworker" />
// Live lip-sync and face checks off the panel's main thread: one estimate over a 30 s window
// takes tens of ms, which on the main thread would stall the preview and the controls.
import { LiveFaceChecks } from './live-face-checks';
import { LiveLipSync } from './live-lip-sync';
import type { AnalysisReply, AnalysisRequest } from './live-analysis-protocol';

declare const self: DedicatedWorkerGlobalScope;

let live: LiveLipSync | null = null;
let faces: LiveFaceChecks | null = null;

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const request = event.data;
  switch (request.kind) {
    case 'start':
      live = new LiveLipSync(request.sessionStartMs);
      faces = new LiveFaceChecks(request.sessionStartMs);
      return;
    case 'batch':
      for (const reading of request.mouths) live?.pushFace(reading.timeMs, reading.mouth);
      for (const sample of request.faces) faces?.push(sample);
      for (const chunk of request.audio) live?.pushAudio(chunk.samples, chunk.startMs, chunk.sampleRate);
      return;
    case 'forget-face':
      live?.forgetFace();
      faces?.forgetFace();
      return;
    case 'update': {
      if (!live || !faces) return;
      const { estimate, findings } = live.update(request.nowMs);
      const lipSync = live;
      const face = faces.update(request.nowMs, (fromMs, toMs) => lipSync.speech(fromMs, toMs));
      const reply: AnalysisReply = { kind: 'estimate', estimate, findings: [...findings, ...face.findings], faceChecks: face.checks };
      self.postMessage(reply);
      return;
    }
  }
};
