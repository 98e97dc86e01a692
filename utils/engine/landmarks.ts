/** The landmarker's options, roles and identity: engine configuration. */

/** Where the model runs. */
export type Delegate = 'CPU' | 'GPU';
/** What the user chose: 'auto' takes the GPU only when its self-test passes (utils/engine/gpu-check.ts). */
export type DelegateChoice = 'auto' | Delegate;
export const DELEGATE_CHOICES: readonly DelegateChoice[] = ['auto', 'CPU', 'GPU'];

export interface LandmarkerOptions {
  delegate: DelegateChoice;
  /** Most faces reported per frame; more than one so extra faces can be flagged. */
  maxFaces: number;
  /**
   * 'video' tracks a face from frame to frame (one stream, increasing timestamps); 'image'
   * treats every frame on its own, for unrelated crops such as a layout scan.
   */
  mode: 'video' | 'image';
  /** Blendshape scores too (a second model per face); a layout scan needs only the landmarks. */
  blendshapes: boolean;
  /** The worker's pixel measures for the face checks (utils/engine/face-pixels.ts); a layout scan needs none. */
  pixelMeasures: boolean;
  /**
   * The face descriptor too, so `detect` can describe faces on request (utils/engine/face-describer.ts):
   * 'with-model' loads it beside the model (a recording describes from its first second on);
   * 'on-first-use' with the first request that describes (live, identity waits for consent, and
   * its load must not share the cores with the capture's start); false: never.
   */
  faceDescriptors: false | 'with-model' | 'on-first-use';
}

export const DEFAULT_LANDMARKER_OPTIONS: LandmarkerOptions = {
  delegate: 'auto',
  maxFaces: 4,
  mode: 'video',
  blendshapes: true,
  pixelMeasures: true,
  faceDescriptors: 'with-model',
};

/**
 * What a landmarker worker is for. `recording`: every face of a decoded recording, frame after
 * frame. `tracker`: the live candidate's crop; one face, because the model skips its face
 * detector while it tracks as many faces as it may report (seen: about 2x faster per frame).
 * `scanner`: unrelated regions of a call's layout, up to four faces each, boxes only; it also
 * describes the candidate's face, so the tracker never waits for the descriptor's network.
 */
export type LandmarkerRole = 'recording' | 'tracker' | 'scanner';

export const ROLE_OPTIONS: Record<
  LandmarkerRole,
  Pick<LandmarkerOptions, 'mode' | 'maxFaces' | 'blendshapes' | 'pixelMeasures' | 'faceDescriptors'>
> = {
  recording: { mode: 'video', maxFaces: 4, blendshapes: true, pixelMeasures: true, faceDescriptors: 'with-model' },
  tracker: { mode: 'video', maxFaces: 1, blendshapes: true, pixelMeasures: true, faceDescriptors: false },
  // The scan describes faces too: the candidate is re-found by who it is, not only where.
  scanner: { mode: 'image', maxFaces: 4, blendshapes: false, pixelMeasures: false, faceDescriptors: 'on-first-use' },
};

/** Where the engine's files are, as URLs inside the extension. */
export interface EngineAssets {
  wasmLoaderUrl: string;
  wasmBinaryUrl: string;
  modelUrl: string;
  /** The folder of tfjs's wasm builds (ends with /) and the face descriptor's weights with their manifest. */
  tfjsWasmDir: string;
  descriptorWeightsUrl: string;
  descriptorManifestUrl: string;
}

export interface LandmarkerInfo {
  /** Where the model runs. */
  delegate: Delegate;
  /** For 'auto': why it runs there (the GPU's probe or self-test); null for a delegate chosen by hand. */
  delegateReason: string | null;
  /** Time from init() to a ready model, ms. */
  loadMs: number;
  modelName: string;
  modelVersion: string;
  libraryVersion: string;
  /** Why the face descriptor could not start (face identity is then unavailable); null when it did or was not asked. */
  descriptorProblem: string | null;
}

/** Whether the face engine is loaded, for every page that shows it. */
export type EngineStatus =
  | { state: 'idle' }
  | { state: 'loading'; delegate: DelegateChoice }
  /** `gpuProblem`: the GPU was chosen but could not start (why), so the engine runs on the CPU. */
  | { state: 'ready'; info: LandmarkerInfo; gpuProblem?: string }
  | { state: 'failed'; delegate: Delegate; message: string };
