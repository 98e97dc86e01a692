import { FaceLandmarker, type FaceLandmarkerResult } from '@mediapipe/tasks-vision';
import modelManifest from './model-manifest.json';
import { checkedModelBytes } from './model-file';
import {
  BLENDSHAPE_COUNT,
  BLENDSHAPE_NAMES,
  type FaceObservation,
  type FrameLandmarks,
} from '@/utils/features/landmarks';
import { type EngineAssets, type LandmarkerInfo, type LandmarkerOptions } from './landmarks';

function checkBlendshapeLayout(result: FaceLandmarkerResult): void {
  const names = result.faceBlendshapes[0]?.categories.map((category) => category.categoryName);
  if (!names) return;
  const same = names.length === BLENDSHAPE_COUNT && names.every((name, i) => name === BLENDSHAPE_NAMES[i]);
  // Analyzers index blendshapes by position, so a different model layout must stop the engine.
  if (!same) throw new Error(`Unexpected blendshape layout from the model: ${names.join(', ')}`);
}

function toFaces(result: FaceLandmarkerResult): FaceObservation[] {
  return result.faceLandmarks.map((points, index) => {
    const landmarks = new Float32Array(points.length * 3);
    points.forEach((point, i) => {
      landmarks[i * 3] = point.x;
      landmarks[i * 3 + 1] = point.y;
      landmarks[i * 3 + 2] = point.z;
    });
    const categories = result.faceBlendshapes[index]?.categories ?? [];
    const blendshapes = Float32Array.from(categories, (category) => category.score);
    const transform = new Float32Array(result.facialTransformationMatrixes[index]?.data ?? []);
    return { landmarks, blendshapes, transform };
  });
}

/** Side of the blank frame used to warm the model up, px. */
const WARM_UP_PX = 64;

/**
 * MediaPipe Face Landmarker with an explicit lifecycle: create, detect frame by frame with
 * strictly increasing timestamps, close. Loads only from the extension's own files.
 */
export class Landmarker {
  /** The warm-up frame used timestamp 0. */
  private lastTimestampMs = 0;
  private layoutChecked = false;

  private constructor(
    private readonly landmarker: FaceLandmarker,
    readonly info: LandmarkerInfo,
    private readonly mode: LandmarkerOptions['mode'],
  ) {}

  static async create(
    assets: EngineAssets,
    options: LandmarkerOptions,
    now: () => number = () => performance.now(),
  ): Promise<Landmarker> {
    const startMs = now();
    const model = await checkedModelBytes(() => fetch(assets.modelUrl), modelManifest.file, modelManifest.sha256);
    const landmarker = await FaceLandmarker.createFromOptions(
      { wasmLoaderPath: assets.wasmLoaderUrl, wasmBinaryPath: assets.wasmBinaryUrl },
      {
        baseOptions: { modelAssetBuffer: model, delegate: options.delegate },
        runningMode: options.mode === 'image' ? 'IMAGE' : 'VIDEO',
        numFaces: options.maxFaces,
        outputFaceBlendshapes: options.blendshapes,
        outputFacialTransformationMatrixes: true,
        // The GPU delegate needs a canvas; workers have only OffscreenCanvas.
        ...(options.delegate === 'GPU' ? { canvas: new OffscreenCanvas(1, 1) } : {}),
      },
    );
    // The first inference sets up the graph's kernels and costs several times a normal one;
    // a blank frame takes that cost at load time instead of on the call's first frame.
    const warmUp = new OffscreenCanvas(WARM_UP_PX, WARM_UP_PX);
    warmUp.getContext('2d')?.fillRect(0, 0, WARM_UP_PX, WARM_UP_PX);
    if (options.mode === 'image') landmarker.detect(warmUp);
    else landmarker.detectForVideo(warmUp, 0);
    const info: LandmarkerInfo = {
      delegate: options.delegate,
      loadMs: now() - startMs,
      modelName: `${modelManifest.name} ${modelManifest.variant}`,
      modelVersion: modelManifest.version,
      libraryVersion: __MEDIAPIPE_VERSION__,
      descriptorProblem: null,
    };
    return new Landmarker(landmarker, info, options.mode);
  }

  /**
   * Finds faces in one frame. In video mode timestamps must strictly increase (ms); a repeated
   * or older timestamp is nudged forward by 1 µs so MediaPipe's graph never rejects the frame.
   */
  detect(frame: TexImageSource, timestampMs: number, now: () => number = () => performance.now()): FrameLandmarks {
    const safeTimestamp = Math.max(timestampMs, this.lastTimestampMs + 0.001);
    this.lastTimestampMs = safeTimestamp;
    const startMs = now();
    const result =
      this.mode === 'image' ? this.landmarker.detect(frame) : this.landmarker.detectForVideo(frame, safeTimestamp);
    const detectMs = now() - startMs;
    if (!this.layoutChecked && result.faceBlendshapes.length > 0) {
      checkBlendshapeLayout(result);
      this.layoutChecked = true;
    }
    return { timestampMs, faces: toFaces(result), detectMs };
  }

  close(): void {
    this.landmarker.close();
  }
}
