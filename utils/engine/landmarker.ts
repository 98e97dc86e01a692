import { FaceLandmarker, type FaceLandmarkerResult } from '@mediapipe/tasks-vision';
import modelManifest from './model-manifest.json';
import { checkedModelBytes } from './model-file';
import {
  BLENDSHAPE_COUNT,
  BLENDSHAPE_NAMES,
  type FaceObservation,
  type FrameLandmarks,
} from '@/utils/features/landmarks';
import { GPU_SELF_TEST, probeWebGl2, rendererProblem, selfTestVerdict, type WebGl2Probe } from './gpu-check';
import { type Delegate, type EngineAssets, type LandmarkerInfo, type LandmarkerOptions } from './landmarks';
import { messageOf } from '@/utils/common/error-message';

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

function blankFrame(sidePx: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(sidePx, sidePx);
  canvas.getContext('2d')?.fillRect(0, 0, sidePx, sidePx);
  return canvas;
}

/** A started model with the last timestamp its warm-up used (video mode needs later ones). */
interface Started {
  model: FaceLandmarker;
  lastTimestampMs: number;
}

async function startOn(delegate: Delegate, modelBytes: Uint8Array, assets: EngineAssets, options: LandmarkerOptions) {
  const model = await FaceLandmarker.createFromOptions(
    { wasmLoaderPath: assets.wasmLoaderUrl, wasmBinaryPath: assets.wasmBinaryUrl },
    {
      baseOptions: { modelAssetBuffer: modelBytes, delegate },
      runningMode: options.mode === 'image' ? 'IMAGE' : 'VIDEO',
      numFaces: options.maxFaces,
      outputFaceBlendshapes: options.blendshapes,
      outputFacialTransformationMatrixes: true,
      // The GPU delegate needs a canvas; workers have only OffscreenCanvas.
      ...(delegate === 'GPU' ? { canvas: new OffscreenCanvas(1, 1) } : {}),
    },
  );
  // The first inference sets up the graph's kernels and costs several times a normal one;
  // a blank frame takes that cost at load time instead of on the call's first frame.
  try {
    runBlank(model, options.mode, blankFrame(WARM_UP_PX), 0);
  } catch (error) {
    model.close();
    throw error;
  }
  return { model, lastTimestampMs: 0 };
}

function runBlank(model: FaceLandmarker, mode: LandmarkerOptions['mode'], frame: OffscreenCanvas, timestampMs: number) {
  return mode === 'image' ? model.detect(frame) : model.detectForVideo(frame, timestampMs);
}

/** Times the GPU on blank frames; passes it only when fast enough and finding no face there. */
function selfTest(started: Started, mode: LandmarkerOptions['mode'], now: () => number) {
  const frame = blankFrame(GPU_SELF_TEST.sidePx);
  const times: number[] = [];
  let faces = 0;
  for (let i = 1; i <= GPU_SELF_TEST.frames; i += 1) {
    const startMs = now();
    faces += runBlank(started.model, mode, frame, i).faceLandmarks.length;
    times.push(now() - startMs);
  }
  started.lastTimestampMs = GPU_SELF_TEST.frames;
  return selfTestVerdict(times, faces);
}

/**
 * 'auto': the GPU when WebGL2 here is hardware and the GPU passes its self-test, else the CPU,
 * with the reason either way. A delegate chosen by hand is started as it is.
 */
async function startChosen(
  modelBytes: Uint8Array,
  /** Read for 'auto' only. */
  probe: WebGl2Probe | undefined,
  assets: EngineAssets,
  options: LandmarkerOptions,
  now: () => number,
): Promise<Started & { delegate: Delegate; reason: string | null }> {
  const chosen = options.delegate;
  if (chosen !== 'auto') {
    return { ...(await startOn(chosen, modelBytes, assets, options)), delegate: chosen, reason: null };
  }
  const onCpu = async (reason: string) => ({
    ...(await startOn('CPU', modelBytes, assets, options)),
    delegate: 'CPU' as const,
    reason,
  });
  const problem = rendererProblem(probe ?? null);
  if (problem !== null) return onCpu(problem);
  let gpu: Started;
  let verdict: ReturnType<typeof selfTest>;
  try {
    gpu = await startOn('GPU', modelBytes, assets, options);
  } catch (error) {
    return onCpu(`the GPU could not start: ${messageOf(error)}`);
  }
  try {
    verdict = selfTest(gpu, options.mode, now);
  } catch (error) {
    gpu.model.close();
    return onCpu(`the GPU failed its self-test: ${messageOf(error)}`);
  }
  const on = probe?.renderer ? ` on ${probe.renderer}` : '';
  if (verdict.passed) return { ...gpu, delegate: 'GPU', reason: `${verdict.reason}${on}` };
  gpu.model.close();
  return onCpu(`${verdict.reason}${on}`);
}

/**
 * MediaPipe Face Landmarker with an explicit lifecycle: create, detect frame by frame with
 * strictly increasing timestamps, close. Loads only from the extension's own files.
 */
export class Landmarker {
  private layoutChecked = false;

  private constructor(
    private readonly landmarker: FaceLandmarker,
    readonly info: LandmarkerInfo,
    private readonly mode: LandmarkerOptions['mode'],
    /** The warm-up and self-test frames' last timestamp. */
    private lastTimestampMs: number,
  ) {}

  static async create(
    assets: EngineAssets,
    options: LandmarkerOptions,
    now: () => number = () => performance.now(),
  ): Promise<Landmarker> {
    const startMs = now();
    const loading = checkedModelBytes(() => fetch(assets.modelUrl), modelManifest.file, modelManifest.sha256);
    // The WebGL probe blocks this thread for a moment, while the model file downloads.
    const probe = options.delegate === 'auto' ? probeWebGl2() : undefined;
    const started = await startChosen(await loading, probe, assets, options, now);
    const info: LandmarkerInfo = {
      delegate: started.delegate,
      delegateReason: started.reason,
      loadMs: now() - startMs,
      modelName: `${modelManifest.name} ${modelManifest.variant}`,
      modelVersion: modelManifest.version,
      libraryVersion: __MEDIAPIPE_VERSION__,
      descriptorProblem: null,
    };
    return new Landmarker(started.model, info, options.mode, started.lastTimestampMs);
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
