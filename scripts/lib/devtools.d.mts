export interface Devtools {
  send<T = unknown>(method: string, params?: object, sessionId?: string): Promise<T>;
  /** Dedicated workers attached through watchWorkers, by session, with their script URL. */
  workers: Map<string, string>;
  /** Attaches to every extension page not attached yet and, through it, to its workers now and later. */
  watchWorkers(): Promise<void>;
  close(): void;
}

/** The browser's DevTools endpoint of a Chromium started with `profileDir` and --remote-debugging-port=0. */
export function connectDevtools(profileDir: string): Promise<Devtools>;
