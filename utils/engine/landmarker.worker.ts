/// <reference lib="webworker" />
// Classic worker (see wxt.config.ts): MediaPipe loads its wasm glue with importScripts.
import { Landmarker } from './landmarker';
import type { LandmarkerReply, LandmarkerRequest } from './landmarker-protocol';
import { transferablesOf } from './landmarker-protocol';
import { measureFacePixels } from './face-pixels';
import { FaceDescriber } from './face-describer';

declare const self: DedicatedWorkerGlobalScope;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let landmarker: Landmarker | null = null;
let describer: FaceDescriber | null = null;
let pixelMeasures = true;

function reply(message: LandmarkerReply, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

async function handle(request: LandmarkerRequest): Promise<void> {
  switch (request.kind) {
    case 'init': {
      landmarker?.close();
      describer?.close();
      describer = null;
      // Face identity is optional: the landmarks must work without it.
      const [created, described] = await Promise.all([
        Landmarker.create(request.assets, request.options),
        request.options.faceDescriptors ? FaceDescriber.create(request.assets).catch((error: unknown) => error) : null,
      ]);
      landmarker = created;
      describer = described instanceof FaceDescriber ? described : null;
      const descriptorProblem = described === null || describer ? null : messageOf(described);
      pixelMeasures = request.options.pixelMeasures;
      reply({ kind: 'ready', id: request.id, info: { ...landmarker.info, descriptorProblem } });
      return;
    }
    case 'detect': {
      const startMs = performance.now();
      try {
        if (!landmarker) throw new Error('The landmarker is not initialised.');
        const result = landmarker.detect(request.frame, request.timestampMs);
        if (pixelMeasures) measureFacePixels(request.frame, result);
        if (request.describe && describer) {
          // A failed description loses the descriptor, not the frame's landmarks.
          await describer.describe(request.frame, result, request.upscale).catch(() => undefined);
        }
        result.workMs = performance.now() - startMs;
        reply({ kind: 'landmarks', id: request.id, result }, transferablesOf(result));
      } finally {
        request.frame.close();
      }
      return;
    }
    case 'close': {
      landmarker?.close();
      landmarker = null;
      describer?.close();
      describer = null;
      reply({ kind: 'closed', id: request.id });
      return;
    }
  }
}

self.onmessage = (event: MessageEvent<LandmarkerRequest>) => {
  handle(event.data).catch((error: unknown) => reply({ kind: 'error', id: event.data.id, message: messageOf(error) }));
};
