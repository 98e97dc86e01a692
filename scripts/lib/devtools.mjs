// The browser's own DevTools endpoint, for tests and benches that must reach targets Playwright does
// not show: the offscreen document and the dedicated workers of any extension page. Launch with a
// profile folder and --remote-debugging-port=0 (Chromium writes the port into the profile).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Node 20 has no WebSocket; playwright-core exports the one it bundles.
const { ws: WebSocket } = createRequire(import.meta.url)('playwright-core/lib/utilsBundle');

const REPLY_TIMEOUT_MS = 10_000;

/**
 * Connects to the browser. `workers`: the dedicated workers attached so far (see watchWorkers), by
 * session, with their script URL; gone ones are dropped.
 */
export async function connectDevtools(profileDir) {
  const [port, path] = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n');
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map();
  const workers = new Map();
  const watchedPages = new Set();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    const params = message.params;
    if (message.method === 'Target.attachedToTarget' && params?.targetInfo?.type === 'worker') {
      workers.set(params.sessionId, params.targetInfo.url);
    }
    if (message.method === 'Target.detachedFromTarget' && params) workers.delete(params.sessionId);
    if (message.id === undefined) return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const send = async (method, params = {}, sessionId) => {
    const id = nextId++;
    const reply = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${method}: no reply in ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      waiting.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      socket.send(JSON.stringify({ id, method, params, sessionId }));
    });
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result;
  };
  return {
    send,
    workers,
    /**
     * Attaches to every extension page not attached yet (the offscreen document included) and,
     * through it, to its dedicated workers now and later: attached from the browser directly they
     * have no URL and do not evaluate. Returns the page sessions by target id.
     */
    async watchWorkers() {
      const { targetInfos } = await send('Target.getTargets');
      const pages = targetInfos.filter(
        (info) =>
          info.type !== 'worker' &&
          info.type !== 'service_worker' &&
          info.url.startsWith('chrome-extension://') &&
          !watchedPages.has(info.targetId),
      );
      for (const page of pages) {
        const { sessionId } = await send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
        watchedPages.add(page.targetId);
        await send(
          'Target.setAutoAttach',
          { autoAttach: true, waitForDebuggerOnStart: false, flatten: true },
          sessionId,
        );
      }
    },
    close: () => socket.close(),
  };
}
