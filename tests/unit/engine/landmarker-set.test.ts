import { describe, expect, it } from 'vitest';
import { startLandmarkers, type LandmarkerSetSource } from '@/utils/engine/landmarker-set';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { Delegate, EngineAssets, EngineStatus, LandmarkerInfo, LandmarkerOptions } from '@/utils/engine/landmarks';

/** A fake worker client: starting the set uses only init, close and the descriptor's outcome. */
const asClient = (
  fake: Pick<LandmarkerClient, 'init' | 'close'> & Partial<Pick<LandmarkerClient, 'describerProblem'>>,
) => ({ describerProblem: async () => null, ...fake }) as unknown as LandmarkerClient;

const info = (delegate: Delegate, loadMs: number, delegateReason: string | null = null): LandmarkerInfo => ({
  delegate,
  delegateReason,
  loadMs,
  modelName: 'Face Landmarker',
  modelVersion: '1',
  libraryVersion: '1.1.0',
  descriptorProblem: null,
});

/** Clients whose init fails on the GPU (as where WebGL2 in workers is missing) and works on the CPU. */
function source(gpuWorks: boolean) {
  const started: string[] = [];
  const closed: string[] = [];
  const fake: LandmarkerSetSource = {
    assets: () => ({}) as EngineAssets,
    makeClient: () => {
      let delegate = '';
      return asClient({
        init: async (_assets: EngineAssets, options: LandmarkerOptions) => {
          delegate = options.delegate;
          started.push(delegate);
          if (delegate === 'GPU' && !gpuWorks) throw new Error('WebGL2 is not available in workers');
          // 'auto' as a worker settles it: the tracker's GPU passes its self-test, the scanner's not.
          if (options.delegate === 'auto') {
            return options.mode === 'video'
              ? info('GPU', 40, 'GPU self-test passed: 2.0 ms a blank frame')
              : info('CPU', 70, 'GPU self-test: 30.0 ms a blank frame, over the 8 ms budget');
          }
          return info(options.delegate, options.mode === 'video' ? 40 : 70);
        },
        close: async () => void closed.push(delegate),
      });
    },
  };
  return { fake, started, closed };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startLandmarkers', () => {
  it('should fall back to the CPU when the GPU cannot start, closing the GPU workers and saying why', async () => {
    const { fake, started, closed } = source(false);
    const statuses: EngineStatus[] = [];
    const set = startLandmarkers(['tracker', 'scanner'], 'GPU', (status) => void statuses.push(status), fake);
    await settle();
    await settle();
    expect(started).toEqual(['GPU', 'GPU', 'CPU', 'CPU']);
    expect(closed).toEqual(['GPU', 'GPU']);
    expect(statuses.map((status) => status.state)).toEqual(['loading', 'loading', 'ready']);
    const ready = statuses.at(-1);
    expect(ready).toMatchObject({ state: 'ready', gpuProblem: 'WebGL2 is not available in workers' });
    expect(ready?.state === 'ready' && ready.info.delegate).toBe('CPU');
    expect(set.current).toHaveLength(2);
  });

  it('should start on the GPU when it works, and fail with the CPU’s words when the CPU cannot start', async () => {
    const gpu: EngineStatus[] = [];
    startLandmarkers(['tracker'], 'GPU', (status) => void gpu.push(status), source(true).fake);
    await settle();
    expect(gpu.at(-1)).toEqual({ state: 'ready', info: info('GPU', 40) });

    const broken: LandmarkerSetSource = {
      assets: () => ({}) as EngineAssets,
      makeClient: () =>
        asClient({
          init: () => Promise.reject(new Error('model file missing')),
          close: async () => undefined,
        }),
    };
    const cpu: EngineStatus[] = [];
    startLandmarkers(['tracker'], 'CPU', (status) => void cpu.push(status), broken);
    await settle();
    expect(cpu.at(-1)).toEqual({ state: 'failed', delegate: 'CPU', message: 'model file missing' });
  });

  it('should leave auto to the workers and say the CPU one, with its reason, when they settle apart', async () => {
    const { fake, started } = source(true);
    const statuses: EngineStatus[] = [];
    startLandmarkers(['tracker', 'scanner'], 'auto', (status) => void statuses.push(status), fake);
    await settle();
    expect(started).toEqual(['auto', 'auto']);
    expect(statuses).toEqual([
      { state: 'loading', delegate: 'auto' },
      { state: 'ready', info: info('CPU', 70, 'GPU self-test: 30.0 ms a blank frame, over the 8 ms budget') },
    ]);
  });

  it('should start CPU workers when an automatic one crashes or hangs trying the GPU, saying why', async () => {
    const started: string[] = [];
    const fake: LandmarkerSetSource = {
      assets: () => ({}) as EngineAssets,
      makeClient: () =>
        asClient({
          init: async (_assets: EngineAssets, options: LandmarkerOptions) => {
            started.push(options.delegate);
            if (options.delegate === 'auto') throw new Error('The landmarker worker stopped responding.');
            return info('CPU', 40);
          },
          close: async () => undefined,
        }),
    };
    const statuses: EngineStatus[] = [];
    startLandmarkers(['tracker'], 'auto', (status) => void statuses.push(status), fake);
    await settle();
    await settle();
    expect(started).toEqual(['auto', 'CPU']);
    expect(statuses.at(-1)).toEqual({
      state: 'ready',
      info: info('CPU', 40),
      gpuProblem: 'The landmarker worker stopped responding.',
    });
  });

  it('should say ready once the landmarks load, and again with the descriptor’s problem once known', async () => {
    let failDescriber: (problem: string) => void = () => undefined;
    const describerProblem = new Promise<string | null>((settled) => (failDescriber = settled));
    const statuses: EngineStatus[] = [];
    const fake: LandmarkerSetSource = {
      assets: () => ({}) as EngineAssets,
      makeClient: () =>
        asClient({
          init: async () => info('CPU', 40),
          close: async () => undefined,
          describerProblem: () => describerProblem,
        }),
    };
    const set = startLandmarkers(['tracker', 'scanner'], 'CPU', (status) => void statuses.push(status), fake);
    await settle();
    expect(statuses.map((status) => status.state)).toEqual(['loading', 'ready']);
    expect(statuses[1]).toMatchObject({ info: { descriptorProblem: null } });
    failDescriber('the descriptor weights are damaged');
    await settle();
    expect(statuses.at(-1)).toMatchObject({
      state: 'ready',
      info: { descriptorProblem: 'the descriptor weights are damaged' },
    });
    expect(set.current).toHaveLength(2);
  });
});
