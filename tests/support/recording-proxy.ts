import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// Chromium's own sign-in and update services, which it calls with no extension page open
// (seen in an idle run with these launch flags). Any other host reaching the proxy is a leak.
const BROWSER_OWN_HOSTS = new Set(['accounts.google.com', 'update.googleapis.com']);

function hostOf(proxyRequest: string): string {
  const target = proxyRequest.split(' ')[1] ?? '';
  return target.includes('://') ? new URL(target).hostname : (target.split(':')[0] ?? '');
}

/** Requests at the proxy other than Chromium's own services: what left (tried to leave) the machine. */
export function requestsOffTheMachine(proxy: RecordingProxy): string[] {
  return proxy.requests.filter((request) => !BROWSER_OWN_HOSTS.has(hostOf(request)));
}

export interface RecordingProxy {
  port: number;
  /** "METHOD target" of every request the browser tried to send through the proxy. */
  requests: string[];
  close: () => Promise<void>;
}

/** An HTTP proxy on loopback that records and refuses everything; nothing is forwarded. */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const requests: string[] = [];
  const record = (request: IncomingMessage) => requests.push(`${request.method} ${request.url}`);
  const server = createServer((request, response) => {
    record(request);
    response.writeHead(403).end('Blocked by the Liveproof test proxy');
  });
  server.on('connect', (request, socket) => {
    record(request);
    // A tunnel's socket is no longer the server's: a browser closing mid-refusal resets it, and
    // that reset must not surface as an uncaught error in whichever test is running.
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
