/**
 * Whether the GPU delegate is worth using here, for the 'auto' choice. Software WebGL (SwiftShader,
 * llvmpipe) runs the model ~13x slower than the CPU's WebAssembly (measured: 409 vs 31 ms a frame),
 * so a WebGL2 context alone proves nothing: the renderer must be hardware and a timed run on the
 * GPU must stay within budget.
 */
import { median } from '@/utils/common/stats';

export const GPU_SELF_TEST = {
  /** Blank frames timed after the warm-up one. */
  frames: 3,
  sidePx: 256,
  /**
   * A blank frame runs only the face detector. Measured on the 2-core development machine: 7 ms
   * on its CPU, 51-141 ms on SwiftShader's GPU delegate. A GPU slower than that CPU is no gain.
   */
  budgetMsPerFrame: 8,
} as const;

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|lavapipe/i;

/** What a worker found of WebGL2: no context (null), or its renderer (null where the browser hides it). */
export type WebGl2Probe = { renderer: string | null } | null;

/** Why the GPU is not tried, from the probe alone; null when it is worth a timed run. */
export function rendererProblem(probe: WebGl2Probe): string | null {
  if (probe === null) return 'no WebGL2 in workers here';
  const software = probe.renderer?.match(SOFTWARE_RENDERER);
  if (software) return `WebGL here is software (${software[0]}), slower than the CPU`;
  return null;
}

/** The self-test's verdict on the GPU's blank-frame times (ms) and the faces it found there (must be none). */
export function selfTestVerdict(
  msPerFrame: readonly number[],
  facesOnBlank: number,
): { passed: boolean; medianMs: number; reason: string } {
  const medianMs = median(msPerFrame);
  const figure = `${medianMs.toFixed(1)} ms a blank frame`;
  if (facesOnBlank > 0) {
    return { passed: false, medianMs, reason: `GPU self-test found ${facesOnBlank} face(s) in a blank frame` };
  }
  if (!(medianMs <= GPU_SELF_TEST.budgetMsPerFrame)) {
    return {
      passed: false,
      medianMs,
      reason: `GPU self-test: ${figure}, over the ${GPU_SELF_TEST.budgetMsPerFrame} ms budget`,
    };
  }
  return { passed: true, medianMs, reason: `GPU self-test passed: ${figure}` };
}

/** Opens a WebGL2 context on an OffscreenCanvas (workers have no other) and reads its renderer. */
export function probeWebGl2(): WebGl2Probe {
  let gl: WebGL2RenderingContext | null = null;
  try {
    gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  } catch {
    return null;
  }
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = debug ? gl.getParameter(debug.UNMASKED_RENDERER_WEBGL) : null;
  // Contexts are few per page; this one is not needed again.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { renderer: typeof renderer === 'string' && renderer !== '' ? renderer : null };
}
