// Bundled for the browser by tests/browser/face-descriptor-golden.test.ts: the extension's port of
// face-api's descriptor network on tfjs's wasm backend, set up as utils/engine/face-describer.ts does.
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { FaceDescriptorNet, type WeightsManifest } from '@/utils/engine/face-descriptor-net';
import { expose, fetchOk, MODEL_URLS, runner } from './face-descriptor-page';

expose(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths('/tfjs/');
  if (!(await tf.setBackend('wasm'))) throw new Error('The tfjs wasm backend did not start.');
  const [manifest, weights] = await Promise.all([
    fetchOk(MODEL_URLS.manifest).then((response) => response.json() as Promise<WeightsManifest>),
    fetchOk(MODEL_URLS.weights).then((response) => response.arrayBuffer()),
  ]);
  const net = FaceDescriptorNet.fromWeights(manifest, weights);
  // The first run compiles the kernels, as FaceDescriber pays at load time.
  await net.describe([new Uint8Array(150 * 150 * 3)]);
  const describe = async (input: Uint8Array) => {
    const [descriptor] = await net.describe([input]);
    if (!descriptor) throw new Error('The port gave no descriptor.');
    return descriptor;
  };
  return { backend: tf.getBackend(), run: runner(describe) };
});
