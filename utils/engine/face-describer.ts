/**
 * Face descriptors in the landmarker worker: the aligned chip of each face that is large and
 * frontal enough, run through the face-api descriptor network on tfjs's wasm backend. Loads only
 * the extension's own files (the weights setup verified by sha256, the tfjs wasm binary).
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { CHIP_SIZE, chipTransform } from '@/utils/features/face-align';
import type { FrameLandmarks } from '@/utils/features/landmarks';
import { FaceDescriptorNet, type WeightsManifest } from './face-descriptor-net';
import { cutFaceChip } from './face-chip';
import type { EngineAssets } from './landmarks';

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url} (HTTP ${response.status}); run npm install again.`);
  return response;
}

export class FaceDescriber {
  private constructor(private readonly net: FaceDescriptorNet) {}

  static async create(assets: EngineAssets): Promise<FaceDescriber> {
    // Extension pages are not cross-origin isolated, so the threaded build could not start anyway.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths(assets.tfjsWasmDir);
    if (!(await tf.setBackend('wasm'))) throw new Error('The tfjs wasm backend did not start.');
    const [manifest, weights] = await Promise.all([
      fetchOk(assets.descriptorManifestUrl).then((response) => response.json() as Promise<WeightsManifest>),
      fetchOk(assets.descriptorWeightsUrl).then((response) => response.arrayBuffer()),
    ]);
    const net = FaceDescriptorNet.fromWeights(manifest, weights);
    // The first run compiles the kernels; pay it at load time, not on the call's first face.
    await net.describe([new Uint8Array(CHIP_SIZE * CHIP_SIZE * 3)]);
    return new FaceDescriber(net);
  }

  /**
   * Sets `descriptor` on every face of `result` whose chip is usable (see DESCRIPTOR; `upscale`:
   * how much the frame was enlarged from the call's pixels) and the time it took on `result.describeMs`.
   */
  async describe(
    frame: VideoFrame | ImageBitmap,
    result: FrameLandmarks,
    upscale = 1,
    now = () => performance.now(),
  ): Promise<void> {
    const startMs = now();
    const size =
      'displayWidth' in frame
        ? { width: frame.displayWidth, height: frame.displayHeight }
        : { width: frame.width, height: frame.height };
    const chosen = result.faces.flatMap((face) => {
      const transform = chipTransform(face.landmarks, size);
      // Judged in the call's own pixels: an enlarged frame adds no detail to a small face.
      return transform && transform.scale * upscale <= DESCRIPTOR.maxChipScale ? [{ face, transform }] : [];
    });
    const chips = chosen.map(({ transform }) => cutFaceChip(frame, transform));
    const descriptors = await this.net.describe(chips);
    chosen.forEach(({ face }, index) => {
      face.descriptor = descriptors[index];
    });
    result.describeMs = now() - startMs;
  }

  close(): void {
    this.net.dispose();
  }
}
