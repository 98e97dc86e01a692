import type { BrowserContext } from 'playwright-core';

export interface OffscreenDevtools {
  /** Sends one DevTools command to the offscreen document and gives its result. */
  send(method: string, params?: object): Promise<unknown>;
  /** Detaches (settings made through it, such as CPU throttling, end with it). */
  close(): Promise<void>;
}

/**
 * A DevTools session on the extension's offscreen document, which Playwright does not show as a
 * page. Attached unflattened: Playwright's CDPSession cannot address a flattened child session.
 */
export async function offscreenDevtools(context: BrowserContext): Promise<OffscreenDevtools> {
  const devtools = await context.browser()?.newBrowserCDPSession();
  if (!devtools) throw new Error('no DevTools session');
  const { targetInfos } = await devtools.send('Target.getTargets');
  const offscreen = targetInfos.find((target) => target.url.endsWith('/offscreen.html'));
  if (!offscreen) throw new Error('no offscreen document');
  const { sessionId } = await devtools.send('Target.attachToTarget', { targetId: offscreen.targetId, flatten: false });
  type Reply = { id?: number; result?: unknown; error?: { message: string } };
  const waiting = new Map<number, (reply: Reply) => void>();
  devtools.on('Target.receivedMessageFromTarget', (event) => {
    const reply = JSON.parse(event.message) as Reply;
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  let nextId = 1;
  return {
    async send(method, params = {}) {
      const id = nextId++;
      const reply = new Promise<Reply>((resolve) => waiting.set(id, resolve));
      await devtools.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      const answer = await reply;
      waiting.delete(id);
      if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
      return answer.result;
    },
    close: () => devtools.detach(),
  };
}

/** Evaluates `expression` in the offscreen document and gives its value. */
export async function evaluateInOffscreen(context: BrowserContext, expression: string): Promise<unknown> {
  const offscreen = await offscreenDevtools(context);
  try {
    const result = (await offscreen.send('Runtime.evaluate', { expression, returnByValue: true })) as {
      result?: { value?: unknown };
    };
    return result.result?.value;
  } finally {
    await offscreen.close();
  }
}
