import { useEffect, useRef } from 'react';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import { startLandmarkers } from '@/utils/engine/landmarker-set';
import type { LandmarkerRole } from '@/utils/engine/landmarks';
import { useAppStore } from '@/utils/store';

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
    const set = startLandmarkers(roles, delegate, (status, ready) => {
      clientsRef.current = ready;
      setEngine(status);
    });
    return () => {
      set.close();
      clientsRef.current = [];
    };
  }, [delegate, setEngine, roles]);

  return clientsRef;
}
