export interface MediaServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves `routes` ({ '/url': '/file/path' }) on 127.0.0.1. */
export function startMediaServer(routes: Record<string, string>): Promise<MediaServer>;
