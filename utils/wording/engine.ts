/** What the engine says when its own files are not as shipped. */
export const MODEL_FILE_TEXT = {
  missing: (file: string) =>
    `The face model file (${file}) is missing from the extension. Reinstall Liveproof ` +
    '(from the source: npm install provisions it).',
  damaged: (file: string, bytes: number) =>
    `The face model file (${file}, ${bytes} bytes) is damaged: its checksum does not match the one ` +
    'Liveproof ships with, so it is not used. Reinstall Liveproof (from the source: npm install).',
} as const;

export const ENGINE_TEXT = {
  gpuFellBack: (problem: string) =>
    `could not start here (${problem}), so the model runs on the CPU: slower, the same results. ` +
    'Choose "Automatic" or "CPU" below to skip trying it.',
  /** Why 'Automatic' settled where it did (the GPU's probe or self-test). */
  chosenBecause: (delegate: 'CPU' | 'GPU', reason: string) =>
    delegate === 'GPU'
      ? `— chosen automatically: ${reason}.`
      : `— chosen automatically, the GPU is not used: ${reason}.`,
  choice: {
    auto: 'Automatic: the GPU if it passes a self-test',
    CPU: 'CPU (WebAssembly)',
    GPU: 'GPU (WebGL), no self-test',
  },
} as const;
