import { useEffect, useRef } from 'react';
import { useAppStore } from '@/utils/store';
import { LandmarkerClient, extensionAssets } from './landmarker-client';
import { DEFAULT_LANDMARKER_OPTIONS } from './landmarks';

/**
 * Starts `poolSize` landmarker workers for this page with the preferred delegate, reports their
 * status to the store, and closes them when the page goes away. The ref holds the ready clients.
 */
export function useLandmarkers(poolSize = 1): React.RefObject<LandmarkerClient[]> {
  const delegate = useAppStore((state) => state.preferredDelegate);
  const setEngine = useAppStore((state) => state.setEngine);
  const clientsRef = useRef<LandmarkerClient[]>([]);

  useEffect(() => {
    const clients = Array.from({ length: poolSize }, () => new LandmarkerClient());
    let active = true;
    setEngine({ state: 'loading', delegate });
    const assets = extensionAssets((path) => browser.runtime.getURL(path as '/'));
    Promise.all(clients.map((client) => client.init(assets, { ...DEFAULT_LANDMARKER_OPTIONS, delegate })))
      .then(([first, ...others]) => {
        if (!active || !first) return;
        clientsRef.current = clients;
        // The workers load side by side, so the slowest one is the load time.
        const loadMs = Math.max(first.loadMs, ...others.map((info) => info.loadMs));
        setEngine({ state: 'ready', info: { ...first, loadMs } });
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
  }, [delegate, setEngine, poolSize]);

  return clientsRef;
}
