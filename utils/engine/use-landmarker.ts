import { useEffect, useRef } from 'react';
import { useAppStore } from '@/utils/store';
import { LandmarkerClient, extensionAssets } from './landmarker-client';
import { DEFAULT_LANDMARKER_OPTIONS } from './landmarks';

/**
 * Starts the landmarker worker for this page with the preferred delegate, reports its status
 * to the store, and closes it when the page goes away. Returns a ref to the live client.
 */
export function useLandmarker(): React.RefObject<LandmarkerClient | null> {
  const delegate = useAppStore((state) => state.preferredDelegate);
  const setEngine = useAppStore((state) => state.setEngine);
  const clientRef = useRef<LandmarkerClient | null>(null);

  useEffect(() => {
    const client = new LandmarkerClient();
    let active = true;
    setEngine({ state: 'loading', delegate });
    const assets = extensionAssets((path) => browser.runtime.getURL(path as '/'));
    client
      .init(assets, { ...DEFAULT_LANDMARKER_OPTIONS, delegate })
      .then((info) => {
        if (!active) return;
        clientRef.current = client;
        setEngine({ state: 'ready', info });
      })
      .catch((error: unknown) => {
        if (!active) return;
        setEngine({ state: 'failed', delegate, message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      active = false;
      clientRef.current = null;
      client.close().catch(() => undefined);
    };
  }, [delegate, setEngine]);

  return clientRef;
}
