import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, unpackedExtensionId, type LaunchedExtension } from '../../scripts/lib/browser.mjs';
import { startDemoCall } from '../../scripts/lib/demo-call.mjs';
import { connectDevtools, type Devtools } from '../../scripts/lib/devtools.mjs';
import type { MediaServer } from '../../scripts/lib/media-server.mjs';
import { HEARTBEAT } from '@/utils/engine/landmarker-client';
import { WORKER_TEXT } from '@/utils/wording/worker-restart';
import { frontTabId } from '../support/call-tab';
import { faceModel, sharedClip } from '../support/paths';

const model = faceModel();
const candidate = sharedClip('real/real_edtalk_obama_m.mp4');

async function evaluate(cdp: Devtools, sessionId: string, expression: string): Promise<unknown> {
  const { result } = await cdp.send<{ result: { value?: unknown } }>(
    'Runtime.evaluate',
    { expression, returnByValue: true },
    sessionId,
  );
  return result.value;
}

/** Sessions on the running workers whose script URL contains `part`, whichever page started them. */
const workersBy = (cdp: Devtools, part: string) =>
  [...cdp.workers].filter(([, url]) => url.includes(part)).map(([sessionId]) => sessionId);

/**
 * The busiest of `sessions` over a second and a half, by the replies each sends: the tracker
 * answers every frame of the call it reads itself, the scanner a few requests.
 */
async function busiest(cdp: Devtools, sessions: string[]): Promise<string> {
  const counter =
    'const post = self.postMessage.bind(self); ' +
    'self.postMessage = (...args) => { self.repliesSent = (self.repliesSent ?? 0) + 1; return post(...args); }; 0';
  for (const session of sessions) await evaluate(cdp, session, counter);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const counts = await Promise.all(
    sessions.map(async (session) => Number(await evaluate(cdp, session, 'self.repliesSent ?? 0'))),
  );
  console.log(`[worker restart] replies per landmarker worker in 1.5 s: ${counts.join(', ')}`);
  return sessions[counts.indexOf(Math.max(...counts))] as string;
}

describe.skipIf(!model || !candidate)('worker restarts during a live capture', () => {
  let server: MediaServer;
  let profileDir: string;
  let browser: LaunchedExtension;
  let cdp: Devtools;
  let panel: Page;

  const health = async (name: string) => Number(await panel.getByTestId('live-health').getAttribute(name));
  const restarts = () => panel.getByTestId('engine-restarts');

  beforeAll(async () => {
    server = await startDemoCall({ candidate: candidate as string });
    profileDir = mkdtempSync(join(tmpdir(), 'liveproof-restart-'));
    browser = await launchExtension({
      profileDir,
      args: [
        `--allowlisted-extension-id=${unpackedExtensionId()}`,
        '--autoplay-policy=no-user-gesture-required',
        '--remote-debugging-port=0',
      ],
    });
    cdp = await connectDevtools(profileDir);
    const call = await browser.context.newPage();
    await call.goto(server.url);
    const tabId = await frontTabId(browser.context);
    panel = await browser.openPage(`sidepanel.html?tabId=${tabId}`);
    await panel.getByText('Model loaded').waitFor({ timeout: 60_000 });
    await panel.getByRole('button', { name: 'Start on this tab' }).click();
    await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 30_000 });
    await cdp.watchWorkers();
  });
  afterAll(async () => {
    cdp?.close();
    await browser?.close();
    await server?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('should restart a face tracker that hangs, say so, and analyse frames again', async () => {
    // A steady rate first (it is taken over 2 s).
    await expect.poll(() => health('data-fps'), { timeout: 15_000 }).toBeGreaterThan(3);
    const offered = /of ([\d.]+)/.exec((await panel.getByTestId('live-health').textContent()) ?? '')?.[1];
    const before = { fps: await health('data-fps'), offered: Number(offered), modelMs: await health('data-model-ms') };
    const loadMs = Number.parseFloat((await panel.getByTestId('engine-load-ms').textContent()) ?? '');
    const tracker = await busiest(cdp, workersBy(cdp, 'landmarker'));
    expect(await restarts().count()).toBe(0);

    await evaluate(cdp, tracker, 'setTimeout(() => { for (;;); }, 0); 0');
    const hungAt = Date.now();
    // The watchdog's 2 s, then the summary's way to the panel (up to a second on a busy machine).
    await restarts().waitFor({ timeout: HEARTBEAT.replyMs + 2000 });
    const shownAt = Date.now();
    expect(await restarts().textContent()).toBe(WORKER_TEXT.panel('tracker', 'hung', 1, true));
    expect(await restarts().getAttribute('data-restarts')).toBe('1');
    // The face's measures stood still since the hang; the first frame the new worker analyses moves
    // them. The new worker loads the model again first, which took loadMs at the start.
    const face = panel.getByTestId('live-face');
    const frozen = await face.getAttribute('data-mouth-luma-std');
    await expect
      .poll(() => face.getAttribute('data-mouth-luma-std'), { timeout: loadMs + 2000, interval: 50 })
      .not.toBe(frozen);
    const backAt = Date.now();
    await expect.poll(() => health('data-fps'), { timeout: 8000 }).toBeGreaterThan(before.fps / 2);
    expect(await panel.getByTestId('live-state').textContent()).toBe('Analysing');
    const frameMs = 1000 / before.offered;
    const downMs = backAt - shownAt;
    console.log(
      `[worker restart] tracker hung: restart shown ${shownAt - hungAt} ms after the hang (watchdog ` +
        `${HEARTBEAT.replyMs} ms); first frame analysed ${downMs} ms after that = ${(downMs / frameMs).toFixed(0)} ` +
        `frame intervals of ${frameMs.toFixed(0)} ms = ${(downMs / before.modelMs).toFixed(0)}x the model's ` +
        `${before.modelMs} ms per frame (model load at start: ${loadMs} ms); ${before.fps} fps analysed before`,
    );
  });

  it('should restart a crashed signal analysis with the signals it had, saying so', async () => {
    const speechS = async () =>
      Number(
        /speech=([\d.]+)s/.exec((await panel.getByTestId('live-lipsync').getAttribute('data-evidence')) ?? '')?.[1],
      );
    await expect.poll(speechS, { timeout: 20_000 }).toBeGreaterThan(5);
    const speechBefore = await speechS();
    const [analysis] = workersBy(cdp, 'live-analysis');
    expect(analysis).toBeDefined();

    await evaluate(cdp, analysis as string, "setTimeout(() => { throw new Error('injected crash'); }, 0); 0");
    const crashedAt = Date.now();
    const text = WORKER_TEXT.panel('analysis', 'crashed', 2, true);
    await expect.poll(async () => restarts().textContent(), { timeout: 3000, interval: 100 }).toBe(text);
    const shownAt = Date.now();
    // The new worker got the newest 31 s of frames and sound: lip sync goes on from as much speech.
    const evidence = await panel.getByTestId('live-lipsync').getAttribute('data-evidence');
    await expect
      .poll(async () => panel.getByTestId('live-lipsync').getAttribute('data-evidence'), { timeout: 3000 })
      .not.toBe(evidence);
    expect(await speechS()).toBeGreaterThan(speechBefore * 0.7);
    expect(await restarts().getAttribute('data-restarts')).toBe('2');
    console.log(
      `[worker restart] analysis crashed: restart shown after ${shownAt - crashedAt} ms; ` +
        `speech in the lip-sync window ${speechBefore} s before, ${await speechS()} s after`,
    );
  });
});
