// Bundled for the browser by tests/browser/face-descriptor-golden.test.ts, with face-api left out:
// the page loads face-api's own dist/face-api.esm.js (with the tfjs it bundles) and computes the
// reference descriptors with its FaceRecognitionNet on tfjs's plain JavaScript 'cpu' backend, so the
// reference shares no kernel with the port.
import * as faceapi from '@vladmandic/face-api';
import type { WeightsManifest } from '@/utils/engine/face-descriptor-net';
import { expose, fetchOk, MODEL_URLS, runner } from './face-descriptor-page';

/** face-api's types list only part of the tfjs it bundles; the whole of it is there at run time. */
const tf = faceapi.tf as typeof faceapi.tf & {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
};

expose(async () => {
  if (!(await tf.setBackend('cpu'))) throw new Error("face-api's tfjs cpu backend did not start.");
  await tf.ready();
  const [manifest, weights] = await Promise.all([
    fetchOk(MODEL_URLS.manifest).then((response) => response.json() as Promise<WeightsManifest>),
    fetchOk(MODEL_URLS.weights).then((response) => response.arrayBuffer()),
  ]);
  const net = new faceapi.FaceRecognitionNet();
  const specs = manifest.flatMap((group) => group.weights);
  net.loadFromWeightMap(tf.io.decodeWeights(weights, specs));
  const describe = async (input: Uint8Array) => {
    const tensor = tf.tensor4d(Int32Array.from(input), [1, 150, 150, 3], 'int32');
    try {
      const descriptor = await net.computeFaceDescriptor(tensor);
      if (Array.isArray(descriptor)) throw new Error('face-api gave a batch for one face.');
      return descriptor;
    } finally {
      tensor.dispose();
    }
  };
  await describe(new Uint8Array(150 * 150 * 3));
  return { backend: tf.getBackend(), run: runner(describe) };
});
