import { useEffect, useRef } from 'react';
import { useAppStore } from '@/utils/store';
import { LandmarkerClient, extensionAssets } from '@/utils/engine/landmarker-client';
import { DEFAULT_LANDMARKER_OPTIONS, ROLE_OPTIONS, type LandmarkerRole } from '@/utils/engine/landmarks';

/**
 * Starts one landmarker worker per role (see LandmarkerRole) with the preferred delegate,
 * reports their status to the store, and closes them when the page goes away. The ref holds the
 * ready clients in the order of `roles`, which callers keep stable (a module constant or memo).
 */
export function useLandmarkers(roles: readonly LandmarkerRole[]): React.RefObject<LandmarkerClient[]> {
  const delegate = useAppStore((state) => state.preferredDelegate);
  const setEngine = useAppStore((state) => state.setEngine);
  const clientsRef = useRef<LandmarkerClient[]>([]);

  useEffect(() => {
    const clients = roles.map(() => new LandmarkerClient());
    let active = true;
    setEngine({ state: 'loading', delegate });
    const assets = extensionAssets((path) => browser.runtime.getURL(path as '/'));
    Promise.all(
      clients.map((client, index) =>
        client.init(assets, { ...DEFAULT_LANDMARKER_OPTIONS, ...ROLE_OPTIONS[roles[index] ?? 'recording'], delegate }),
      ),
    )
      .then(([first, ...others]) => {
        if (!active || !first) return;
        clientsRef.current = clients;
        // The workers load side by side, so the slowest one is the load time.
        const loadMs = Math.max(first.loadMs, ...others.map((info) => info.loadMs));
        const descriptorProblem = [first, ...others].find((info) => info.descriptorProblem)?.descriptorProblem ?? null;
        setEngine({ state: 'ready', info: { ...first, loadMs, descriptorProblem } });
      })
      .catch((error: unknown) => {
        if (!active) return;
        setEngine({ state: 'failed', delegate, message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      active = false;
      clientsRef.current = [];
      for (const client of clients) client.close().catch(() => undefined);
    };
  }, [delegate, setEngine, roles]);

  return clientsRef;
}
