/**
 * One landmarker worker per role, started with the chosen delegate, for any page that runs the
 * engine (the panel, the offscreen document, the recordings pages). The status goes to `onStatus`,
 * with the clients once it says ready.
 */
import { LandmarkerClient, extensionAssets } from './landmarker-client';
import {
  DEFAULT_LANDMARKER_OPTIONS,
  ROLE_OPTIONS,
  type Delegate,
  type EngineStatus,
  type LandmarkerRole,
} from './landmarks';

export interface LandmarkerSet {
  /** The ready clients in the order of the roles; empty until loaded (and after close). */
  readonly current: LandmarkerClient[];
  close(): void;
}

export function startLandmarkers(
  roles: readonly LandmarkerRole[],
  delegate: Delegate,
  onStatus: (status: EngineStatus, ready: LandmarkerClient[]) => void,
): LandmarkerSet {
  const clients = roles.map(() => new LandmarkerClient());
  let active = true;
  const set = { current: [] as LandmarkerClient[], close };
  function close() {
    active = false;
    set.current = [];
    for (const client of clients) client.close().catch(() => undefined);
  }
  onStatus({ state: 'loading', delegate }, []);
  const assets = extensionAssets((path) => browser.runtime.getURL(path as '/'));
  Promise.all(
    clients.map((client, index) =>
      client.init(assets, { ...DEFAULT_LANDMARKER_OPTIONS, ...ROLE_OPTIONS[roles[index] ?? 'recording'], delegate }),
    ),
  )
    .then(([first, ...others]) => {
      if (!active || !first) return;
      set.current = clients;
      // The workers load side by side, so the slowest one is the load time.
      const loadMs = Math.max(first.loadMs, ...others.map((info) => info.loadMs));
      const descriptorProblem = [first, ...others].find((info) => info.descriptorProblem)?.descriptorProblem ?? null;
      onStatus({ state: 'ready', info: { ...first, loadMs, descriptorProblem } }, clients);
    })
    .catch((error: unknown) => {
      if (!active) return;
      onStatus({ state: 'failed', delegate, message: error instanceof Error ? error.message : String(error) }, []);
    });
  return set;
}
