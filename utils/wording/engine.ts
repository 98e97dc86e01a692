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
    'Untick "Use the GPU" to skip trying it.',
} as const;
