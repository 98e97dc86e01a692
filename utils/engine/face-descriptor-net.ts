// The 128-d face descriptor of @vladmandic/face-api (dlib's ResNet face recognition network,
// 150x150 input), run on tfjs-core. The layer order and the input normalisation follow
// face-api's FaceRecognitionNet exactly; tests/unit/engine/face-descriptor-net.test.ts checks
// the outputs against face-api's own implementation.
import * as tf from '@tensorflow/tfjs-core';
import { DESCRIPTOR_LENGTH } from '@/utils/features/descriptor';
import { CHIP_SIZE } from '@/utils/features/face-align';

const MEAN_RGB = [122.782, 117.001, 104.298];

interface ConvLayer {
  /** Filters with the scale layer folded in, so one fused conv+bias(+relu) does the work. */
  filters: tf.Tensor4D;
  bias: tf.Tensor1D;
}

interface ResidualLayer {
  conv1: ConvLayer;
  conv2: ConvLayer;
}

const RESIDUAL_STAGES: ReadonlyArray<{ name: string; down: boolean }> = [
  { name: 'conv32_1', down: false },
  { name: 'conv32_2', down: false },
  { name: 'conv32_3', down: false },
  { name: 'conv64_down', down: true },
  { name: 'conv64_1', down: false },
  { name: 'conv64_2', down: false },
  { name: 'conv64_3', down: false },
  { name: 'conv128_down', down: true },
  { name: 'conv128_1', down: false },
  { name: 'conv128_2', down: false },
  { name: 'conv256_down', down: true },
  { name: 'conv256_1', down: false },
  { name: 'conv256_2', down: false },
  { name: 'conv256_down_out', down: true },
];

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; scale?: number; min?: number };
}

/** The shape of face-api's `*-weights_manifest.json`. */
export type WeightsManifest = ReadonlyArray<{ paths: string[]; weights: WeightSpec[] }>;

function weight(map: tf.NamedTensorMap, name: string): tf.Tensor {
  const tensor = map[name];
  if (!tensor) throw new Error(`The face descriptor weights lack "${name}".`);
  return tensor;
}

function foldConvLayer(map: tf.NamedTensorMap, prefix: string): ConvLayer {
  return tf.tidy(() => {
    const scale = weight(map, `${prefix}/scale/weights`);
    const filters = tf.mul(weight(map, `${prefix}/conv/filters`), scale) as tf.Tensor4D;
    const bias = tf.add(tf.mul(weight(map, `${prefix}/conv/bias`), scale), weight(map, `${prefix}/scale/biases`));
    return { filters, bias: bias as tf.Tensor1D };
  });
}

function conv(x: tf.Tensor4D, layer: ConvLayer, stride: 1 | 2, relu: boolean): tf.Tensor4D {
  return tf.fused.conv2d({
    x,
    filter: layer.filters,
    strides: stride,
    pad: stride === 2 ? 'valid' : 'same',
    bias: layer.bias,
    activation: relu ? 'relu' : 'linear',
  });
}

function residual(x: tf.Tensor4D, layer: ResidualLayer): tf.Tensor4D {
  const out = conv(conv(x, layer.conv1, 1, true), layer.conv2, 1, false);
  return tf.relu(tf.add(out, x)) as tf.Tensor4D;
}

function residualDown(x: tf.Tensor4D, layer: ResidualLayer): tf.Tensor4D {
  let out = conv(conv(x, layer.conv1, 2, true), layer.conv2, 1, false);
  let pooled: tf.Tensor4D = tf.avgPool(x, 2, 2, 'valid');
  // A 'valid' stride-2 conv on an odd size is one short of the pooled size: pad it with zeros.
  if (pooled.shape[1] !== out.shape[1] || pooled.shape[2] !== out.shape[2]) {
    out = tf.pad(out, [
      [0, 0],
      [0, pooled.shape[1] - out.shape[1]],
      [0, pooled.shape[2] - out.shape[2]],
      [0, 0],
    ]);
  }
  if (pooled.shape[3] !== out.shape[3]) {
    pooled = tf.pad(pooled, [
      [0, 0],
      [0, 0],
      [0, 0],
      [0, out.shape[3] - pooled.shape[3]],
    ]);
  }
  return tf.relu(tf.add(pooled, out)) as tf.Tensor4D;
}

export class FaceDescriptorNet {
  private constructor(
    private readonly stem: ConvLayer,
    private readonly stages: ResidualLayer[],
    private readonly fc: tf.Tensor2D,
  ) {}

  /** Builds the network from face-api's weights manifest and the bytes of its `.bin` file. */
  static fromWeights(manifest: WeightsManifest, bytes: ArrayBuffer): FaceDescriptorNet {
    const specs = manifest.flatMap((group) => group.weights);
    const map = tf.io.decodeWeights(bytes, specs);
    try {
      const stem = foldConvLayer(map, 'conv32_down');
      const stages = RESIDUAL_STAGES.map(({ name }) => ({
        conv1: foldConvLayer(map, `${name}/conv1`),
        conv2: foldConvLayer(map, `${name}/conv2`),
      }));
      const fc = tf.clone(weight(map, 'fc')) as tf.Tensor2D;
      if (fc.shape[1] !== DESCRIPTOR_LENGTH) throw new Error(`The face descriptor has ${fc.shape[1]} outputs.`);
      return new FaceDescriptorNet(stem, stages, fc);
    } finally {
      tf.dispose(map);
    }
  }

  /**
   * Descriptors for a batch of aligned faces, RGB bytes of CHIP_SIZE squared each.
   * Faces of the same person are within ~0.6 (Euclidean) of each other.
   */
  async describe(faces: ReadonlyArray<Uint8Array | Uint8ClampedArray>): Promise<Float32Array[]> {
    if (faces.length === 0) return [];
    const size = CHIP_SIZE;
    for (const face of faces) {
      if (face.length !== size * size * 3) throw new Error(`An aligned face must have ${size * size * 3} bytes.`);
    }
    const output = tf.tidy(() => {
      const pixels = new Float32Array(faces.length * size * size * 3);
      faces.forEach((face, index) => pixels.set(face, index * size * size * 3));
      const batch = tf.tensor4d(pixels, [faces.length, size, size, 3]);
      const normalized = tf.div(tf.sub(batch, tf.tensor1d(MEAN_RGB)), 255) as tf.Tensor4D;
      let out = tf.maxPool(conv(normalized, this.stem, 2, true), 3, 2, 'valid');
      this.stages.forEach((layer, index) => {
        out = RESIDUAL_STAGES[index]?.down ? residualDown(out, layer) : residual(out, layer);
      });
      return tf.matMul(tf.mean(out, [1, 2]) as tf.Tensor2D, this.fc);
    });
    const values = await output.data<'float32'>();
    output.dispose();
    return faces.map((_, index) => values.slice(index * DESCRIPTOR_LENGTH, (index + 1) * DESCRIPTOR_LENGTH));
  }

  dispose(): void {
    tf.dispose([this.stem.filters, this.stem.bias, this.fc]);
    for (const stage of this.stages) {
      tf.dispose([stage.conv1.filters, stage.conv1.bias, stage.conv2.filters, stage.conv2.bias]);
    }
  }
}
