/**
 * One landmarker worker per role, started with the chosen delegate, for any page that runs the
 * engine (the panel, the offscreen document, the recordings pages). The status goes to `onStatus`,
 * with the clients once it says ready. 'auto' is settled in each worker (its GPU self-test). A
 * worker that cannot start on a GPU chosen by hand (no WebGL2 in workers, a blocklisted driver, a
 * lost context), or that crashes or hangs trying it for 'auto', is replaced by one on the CPU, and
 * the ready status says why.
 */
import { LandmarkerClient, extensionAssets } from './landmarker-client';
import {
  DEFAULT_LANDMARKER_OPTIONS,
  ROLE_OPTIONS,
  type DelegateChoice,
  type EngineAssets,
  type EngineStatus,
  type LandmarkerInfo,
  type LandmarkerRole,
} from './landmarks';
import { messageOf } from '@/utils/common/error-message';

export interface LandmarkerSet {
  /** The ready clients in the order of the roles; empty until loaded (and after close). */
  readonly current: LandmarkerClient[];
  close(): void;
}

/** The workers and the files they load; tests pass fakes. */
export interface LandmarkerSetSource {
  makeClient: () => LandmarkerClient;
  assets: () => EngineAssets;
}

const extensionSource: LandmarkerSetSource = {
  makeClient: () => new LandmarkerClient(),
  assets: () => extensionAssets((path) => browser.runtime.getURL(path as '/')),
};

export function startLandmarkers(
  roles: readonly LandmarkerRole[],
  delegate: DelegateChoice,
  onStatus: (status: EngineStatus, ready: LandmarkerClient[]) => void,
  source: LandmarkerSetSource = extensionSource,
): LandmarkerSet {
  let active = true;
  let clients: LandmarkerClient[] = [];
  const set = { current: [] as LandmarkerClient[], close };
  function close() {
    active = false;
    set.current = [];
    for (const client of clients) client.close().catch(() => undefined);
  }
  const assets = source.assets();

  /** Starts one worker per role on `chosen`; resolves with their infos, or rejects (all closed). */
  const load = async (chosen: DelegateChoice): Promise<LandmarkerInfo[]> => {
    clients = roles.map(() => source.makeClient());
    try {
      return await Promise.all(
        clients.map((client, index) =>
          client.init(assets, {
            ...DEFAULT_LANDMARKER_OPTIONS,
            ...ROLE_OPTIONS[roles[index] ?? 'recording'],
            delegate: chosen,
          }),
        ),
      );
    } catch (error) {
      for (const client of clients) client.close().catch(() => undefined);
      clients = [];
      throw error;
    }
  };

  const ready = (infos: LandmarkerInfo[], gpuProblem?: string) => {
    // 'auto' settles in each worker; should they differ, the one on the CPU is said (the slower).
    const shown = infos.find((info) => info.delegate === 'CPU') ?? infos[0];
    if (!active || !shown) return;
    set.current = clients;
    // The workers load side by side, so the slowest one is the load time.
    const loadMs = Math.max(...infos.map((info) => info.loadMs));
    const loaded = clients;
    const status = (descriptorProblem: string | null): EngineStatus => {
      const info = { ...shown, loadMs, descriptorProblem };
      return gpuProblem === undefined ? { state: 'ready', info } : { state: 'ready', info, gpuProblem };
    };
    onStatus(status(null), loaded);
    // A face descriptor loads when first used; one that cannot is said once it is known.
    void Promise.all(loaded.map((client) => client.describerProblem())).then((problems) => {
      const problem = problems.find((found) => found !== null) ?? null;
      if (problem !== null && active && set.current === loaded) onStatus(status(problem), loaded);
    });
  };
  const failed = (error: unknown) => {
    if (active) onStatus({ state: 'failed', delegate: 'CPU', message: messageOf(error) }, []);
  };

  onStatus({ state: 'loading', delegate }, []);
  load(delegate).then(ready, (error: unknown) => {
    if (!active) return;
    if (delegate === 'CPU') {
      failed(error);
      return;
    }
    const gpuProblem = messageOf(error);
    onStatus({ state: 'loading', delegate: 'CPU' }, []);
    load('CPU').then((infos) => ready(infos, gpuProblem), failed);
  });
  return set;
}
