import type { BrowserContext } from 'playwright-core';

/**
 * Evaluates `expression` in the extension's offscreen document (which Playwright does not show as
 * a page) through the browser's DevTools session, and gives its value.
 */
export async function evaluateInOffscreen(context: BrowserContext, expression: string): Promise<unknown> {
  const devtools = await context.browser()?.newBrowserCDPSession();
  if (!devtools) throw new Error('no DevTools session');
  try {
    const { targetInfos } = await devtools.send('Target.getTargets');
    const offscreen = targetInfos.find((target) => target.url.endsWith('/offscreen.html'));
    if (!offscreen) throw new Error('no offscreen document');
    const { sessionId } = await devtools.send('Target.attachToTarget', {
      targetId: offscreen.targetId,
      flatten: false,
    });
    type Reply = { id?: number; result?: { result?: { value?: unknown } }; error?: { message: string } };
    const reply = new Promise<Reply>((resolve) => {
      devtools.on('Target.receivedMessageFromTarget', (event) => {
        const message = JSON.parse(event.message) as Reply;
        if (message.id === 1) resolve(message);
      });
    });
    // Unflattened: Playwright's CDPSession cannot address a flattened child session.
    await devtools.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }),
    });
    const answer = await reply;
    if (answer.error) throw new Error(answer.error.message);
    return answer.result?.result?.value;
  } finally {
    await devtools.detach();
  }
}
