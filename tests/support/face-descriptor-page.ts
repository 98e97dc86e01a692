// The page side of tests/browser/face-descriptor-golden.test.ts, shared by its two bundles (the
// reference and the port run in separate pages: face-api bundles its own tfjs, and two tfjs copies in
// one page share one engine).

/** What each test page exposes on `window.descriptorPage` once its network is loaded. */
export interface DescriptorPage {
  /** The tfjs backend the page computes on. */
  backend: string;
  /**
   * The descriptor of each 150x150x3 RGB input (row-major bytes as numbers), from its first run,
   * and the median time of `repeats` runs per input.
   */
  run(inputs: number[][], repeats: number): Promise<DescriptorRun>;
}

export interface DescriptorRun {
  descriptors: number[][];
  msPerDescriptor: number;
  /** Whether every repeat gave exactly the first run's descriptor. */
  repeatable: boolean;
}

export const MODEL_URLS = {
  manifest: '/models/face_recognition_model-weights_manifest.json',
  weights: '/models/face_recognition_model.bin',
};

export async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** A `run` over one network: `describe` gives the descriptor of one input. */
export function runner(describe: (input: Uint8Array) => Promise<Float32Array>): DescriptorPage['run'] {
  return async (inputs, repeats) => {
    const descriptors: number[][] = [];
    const times: number[] = [];
    let repeatable = true;
    for (const values of inputs) {
      const input = Uint8Array.from(values);
      let first: Float32Array | null = null;
      for (let repeat = 0; repeat < repeats; repeat += 1) {
        const startMs = performance.now();
        const descriptor = await describe(input);
        times.push(performance.now() - startMs);
        if (!first) first = descriptor;
        else repeatable &&= descriptor.every((value, index) => value === first?.[index]);
      }
      descriptors.push(Array.from(first ?? []));
    }
    times.sort((a, b) => a - b);
    return { descriptors, msPerDescriptor: times[Math.floor(times.length / 2)] ?? NaN, repeatable };
  };
}

/** Puts the page's API where the test waits for it, or the reason it could not load. */
export function expose(load: () => Promise<DescriptorPage>): void {
  const target = window as unknown as { descriptorPage?: DescriptorPage; descriptorPageError?: string };
  load().then(
    (page) => {
      target.descriptorPage = page;
    },
    (error: unknown) => {
      target.descriptorPageError = error instanceof Error ? (error.stack ?? error.message) : String(error);
    },
  );
}
