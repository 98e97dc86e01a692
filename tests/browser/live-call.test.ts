import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/browser.mjs';
import { DEMO_CALL_ARGS, panelScreenshot, startDemoCall } from '../../scripts/lib/demo-call.mjs';
import type { MediaServer } from '../../scripts/lib/media-server.mjs';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { meterAnalysedFrames, type AnalysedFramesMeter } from '../support/live-frames';
import { faceModel, sharedClip } from '../support/paths';
import { defaultTemplate } from '@/utils/checklist/prompts';
import { requestsOffTheMachine } from '../support/recording-proxy';
import { pressShortcut } from '../support/shortcut';

const model = faceModel();
// The candidate's audio is 500 ms late, so a finding is expected; the other tiles are other people.
const candidate = sharedClip('other/avoffset_tedlieu_audio_lag_plus500ms.mp4');
const panelist = sharedClip('real/real_hdtf_katiehill_f_sadtalker.mp4');
const self = sharedClip('real/real_hdtf_edmarkey_m_sadtalker.mp4');

const attribute = async (page: Page, testId: string, name: string) =>
  (await page.getByTestId(testId).getAttribute(name)) ?? '';
const boxOf = async (page: Page) => (await attribute(page, 'live-candidate', 'data-box')).split(',').map(Number);

const callReady = Boolean(model && candidate && panelist && self);

/**
 * The target for a read phrase's answer, ms after asking. Not asserted yet: on the 2-core
 * VM (8..14 fps analysed) the learned map's peak reached its match z (3.5) after 3.7..7.4 s of
 * speech, so answers came after 4.0..8.1 s (late voice 4.0..7.1, in sync 4.1..8.1, five askings
 * each); the same clips as recordings decide within 2..6 s from any start. The tests hold the
 * answer to coming early, before the response window's end, and print the time against this.
 */
const READ_PHRASE_TARGET_MS = 6000;
/** The read phrase's response window, ms: without an early answer, it is checked when this ends. */
const readPhraseWindowMs =
  (defaultTemplate().prompts.find((prompt) => prompt.id === 'read-phrase')?.responseS ?? Number.NaN) * 1000;

/** Checks a read phrase's answer: `outcome`, before the window's end; prints the time against the target. */
function expectEarlyReadPhrase(read: { outcome: string; afterAskMs: number }, outcome: string) {
  const within = read.afterAskMs <= READ_PHRASE_TARGET_MS ? 'within' : 'over';
  console.log(
    `[live] read phrase answered ${read.afterAskMs} ms after asking, ${within} the ${READ_PHRASE_TARGET_MS} ms target`,
  );
  expect(read.outcome).toBe(outcome);
  expect(read.afterAskMs).toBeLessThan(readPhraseWindowMs);
}

/** Timing of one asking, kept in the panel page: Ask now clicked, the outcome shown (performance.now, ms). */
interface AskTiming {
  askedAt?: number;
  answeredAt?: number;
}

/**
 * Asks prompt `id` of the running checklist and waits, without Done, for what the signals say (a
 * read phrase answers as soon as lip sync can tell; the others when their window's time is up).
 * `afterAskMs` is timed in the panel, from the click on Ask now to the outcome in the page.
 */
async function askAndWait(panel: Page, id: string, timeoutMs: number) {
  await panel.locator(`[data-testid="checklist-item"][data-prompt="${id}"]`).click();
  const selector = `[data-testid="checklist-current"][data-prompt="${id}"] [data-testid="checklist-auto"]`;
  await panel.evaluate((selector) => {
    const timing: AskTiming = {};
    (window as { askTiming?: AskTiming }).askTiming = timing;
    const ask = [...document.querySelectorAll('button')].find((button) =>
      /Ask (now|again)/.test(button.textContent ?? ''),
    );
    ask?.addEventListener('click', () => (timing.askedAt = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (timing.askedAt === undefined || !document.querySelector(selector)) return;
      timing.answeredAt = performance.now();
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  }, selector);
  const clickedAt = Date.now();
  await panel.getByRole('button', { name: /Ask (now|again)/ }).click();
  const outcome = panel.locator(selector);
  await outcome.waitFor({ timeout: timeoutMs });
  const seenMs = Date.now() - clickedAt;
  const timing = await panel.evaluate(() => (window as { askTiming?: AskTiming }).askTiming ?? {});
  const afterAskMs = Math.round((timing.answeredAt ?? Number.NaN) - (timing.askedAt ?? Number.NaN));
  const result = {
    outcome: (await outcome.getAttribute('data-outcome')) ?? '',
    evidence: JSON.parse((await outcome.getAttribute('data-evidence')) ?? '{}') as Record<
      string,
      number | string | null
    >,
    afterAskMs,
  };
  const fps = await attribute(panel, 'live-health', 'data-fps');
  console.log(
    `[live] checklist ${id}: ${result.outcome} ${JSON.stringify(result.evidence)}, ` +
      `${afterAskMs} ms after asking (test saw it after ${seenMs} ms; ${fps} fps analysed)`,
  );
  return result;
}

describe.skipIf(!callReady)('live call (capture, candidate, pipeline, findings, session)', () => {
  let server: MediaServer;
  let browser: ExtensionBrowser;
  let call: Page;
  let panel: Page;
  let meter: AnalysedFramesMeter | undefined;

  beforeAll(async () => {
    server = await startDemoCall({
      candidate: candidate as string,
      panelist: panelist as string,
      self: self as string,
    });
    browser = await launchExtensionBrowser(DEMO_CALL_ARGS);
    call = await browser.context.newPage();
    await call.goto(server.url);
    // No setViewportSize on the panel (see panelScreenshot).
    panel = await browser.openPage('sidepanel.html');
    await panel.getByText('Model loaded').waitFor({ timeout: 60_000 });
    meter = meterAnalysedFrames(panel);
  });
  afterEach(({ task }) => {
    console.log(`[live] frames analysed: ~${meter?.take() ?? 0} during "${task.name}"`);
  });
  afterAll(async () => {
    meter?.stop();
    await browser?.close();
    await server?.close();
  });

  it('should capture the call with sound, propose the largest face and analyse it', async () => {
    const startedAt = Date.now();
    await panel.getByRole('button', { name: 'Pick a tab…' }).click();
    await panel.getByTestId('live-state').getByText('Analysing').waitFor({ timeout: 20_000 });
    await panel.locator('[data-testid="live-candidate"][data-state="proposed"]').waitFor({ timeout: 20_000 });
    await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 20_000 });
    console.log(`[live] candidate landmarks ${((Date.now() - startedAt) / 1000).toFixed(1)} s after Start`);
    // The candidate's tile is the top-left quarter of the call.
    const [x = NaN, y = NaN, width = NaN] = await boxOf(panel);
    const frame = Number((await attribute(panel, 'live-meters', 'data-frame')).split('x')[0]);
    expect(x + width / 2).toBeLessThan(frame / 2);
    expect(y).toBeLessThan(400);
    await panel.waitForTimeout(4000);
    const fps = Number(await attribute(panel, 'live-health', 'data-fps'));
    const audio = await panel.getByTestId('live-audio').textContent();
    console.log(
      `[live] ${fps} fps analysed, p95 ${await attribute(panel, 'live-health', 'data-p95')} ms; call audio ${audio}`,
    );
    expect(fps).toBeGreaterThan(5);
    expect(audio).toMatch(/-?\d+ dBFS/);
    // Between layout scans (10 s apart) the candidate's box follows the tracker's every frame.
    const boxes = new Set<string>();
    for (let sample = 0; sample < 10; sample++) {
      boxes.add(await attribute(panel, 'live-candidate', 'data-box'));
      await panel.waitForTimeout(250);
    }
    console.log(`[live] candidate box: ${boxes.size} different in 2.5 s`);
    expect(boxes.size).toBeGreaterThanOrEqual(4);
  });

  it('should make a face clicked on the preview the candidate', async () => {
    const [frameWidth = NaN] = (await attribute(panel, 'live-meters', 'data-frame')).split('x').map(Number);
    const faces = (await attribute(panel, 'live-meters', 'data-faces'))
      .split(';')
      .map((face) => face.split(',').map(Number));
    const other = faces.find(([x = NaN, , width = NaN]) => x + width / 2 > frameWidth / 2);
    expect(other, 'a face in the right half (the panel member)').toBeDefined();
    const [x = NaN, y = NaN, width = NaN, height = NaN] = other ?? [];
    const preview = panel.getByTestId('live-preview');
    const rect = (await preview.boundingBox()) ?? { width: 0 };
    const scale = rect.width / frameWidth;
    await preview.click({ position: { x: (x + width / 2) * scale, y: (y + height / 2) * scale } });
    await panel.locator('[data-testid="live-candidate"][data-state="chosen"]').waitFor({ timeout: 5000 });
    const [chosenX = NaN] = await boxOf(panel);
    expect(chosenX).toBeGreaterThan(frameWidth / 2 - width);
    // Back to the real candidate, top left.
    const [cx = NaN, cy = NaN, cw = NaN, ch = NaN] =
      faces.find(([fx = NaN, , fw = NaN]) => fx + fw / 2 < frameWidth / 2) ?? [];
    await preview.click({ position: { x: (cx + cw / 2) * scale, y: (cy + ch / 2) * scale } });
    await expect.poll(async () => (await boxOf(panel))[0] ?? NaN, { timeout: 5000 }).toBeLessThan(frameWidth / 2);
  });

  it('should step through the faces with "Next face as candidate" and wrap around', async () => {
    const [frameWidth = NaN] = (await attribute(panel, 'live-meters', 'data-frame')).split('x').map(Number);
    const faceCount = (await attribute(panel, 'live-meters', 'data-faces')).split(';').length;
    const next = panel.getByRole('button', { name: 'Next face as candidate' });
    await next.click();
    // Reading order from the top-left candidate: the panel member to its right comes next.
    await expect.poll(async () => (await boxOf(panel))[0] ?? NaN, { timeout: 5000 }).toBeGreaterThan(frameWidth / 2);
    expect(await attribute(panel, 'live-candidate', 'data-state')).toBe('chosen');
    // Each press moves on from the face chosen last; the self view's small face can come and go
    // between layout scans, so the presses back to the candidate are counted, not fixed.
    const centre = async () => {
      const [x = NaN, y = NaN, width = NaN, height = NaN] = await boxOf(panel);
      return { x: x + width / 2, y: y + height / 2, width };
    };
    let presses = 1;
    while ((await centre()).x > frameWidth / 2) {
      expect(presses, `presses to come back round ${faceCount} faces`).toBeLessThanOrEqual(faceCount + 1);
      const before = await centre();
      await next.click();
      presses++;
      const moved = async () => {
        const now = await centre();
        return Math.hypot(now.x - before.x, now.y - before.y);
      };
      await expect.poll(moved, { timeout: 5000 }).toBeGreaterThan(before.width);
    }
    console.log(`[live] back to the candidate after ${presses} presses (${faceCount} faces in the layout at first)`);
    await panel.waitForTimeout(1000);
    expect((await centre()).x).toBeLessThan(frameWidth / 2);
    expect(await attribute(panel, 'live-candidate', 'data-state')).toBe('chosen');
  });

  it('should report the late audio as an av-offset finding', async () => {
    await panel
      .locator('[data-testid="live-session"] [data-testid="finding"][data-kind="av-offset"]')
      .first()
      .waitFor({ timeout: 90_000 });
    // The current estimate restarted when the candidate was changed back and forth above.
    await panel.locator('[data-testid="live-lipsync"][data-verdict="offset"]').waitFor({ timeout: 60_000 });
    const offset = Number(await attribute(panel, 'live-lipsync', 'data-offset'));
    console.log(`[live] lip-sync offset ${offset} ms (clip: +500 ms)`);
    expect(offset).toBeGreaterThan(400);
    expect(offset).toBeLessThan(650);
    await panelScreenshot(panel, join(ROOT, '.cache/live-panel.png'));
  });

  it('should run the face checks on the candidate and flag nothing on a real speaker alone in the tile', async () => {
    await panel.locator('[data-testid="live-face-checks"][data-max-faces="1"]').waitFor({ timeout: 30_000 });
    const score = Number(await attribute(panel, 'live-face-checks', 'data-identity-score'));
    console.log(
      `[live] face checks: ${await panel.getByTestId('live-face-checks').textContent()} (identity score ${score})`,
    );
    for (const kind of ['person-change', 'multiple-faces', 'freeze', 'no-face']) {
      expect(
        await panel.locator(`[data-testid="live-session"] [data-testid="finding"][data-kind="${kind}"]`).count(),
        kind,
      ).toBe(0);
    }
  });

  it("should check challenge answers against the candidate's live signals", async () => {
    await panel.getByTestId('checklist-start').click();
    /** Asks prompt `id`, lets the candidate answer for `answerS`, presses Done and waits for what the signals say. */
    const answer = async (id: string, answerS: number) => {
      await panel.locator(`[data-testid="checklist-item"][data-prompt="${id}"]`).click();
      await panel.getByRole('button', { name: /Ask now/ }).click();
      await panel.waitForTimeout(answerS * 1000);
      const doneAt = Date.now();
      // The key, not the button: the button moves as the panel above it updates, and a click that
      // waits for it to hold still can outlast the answer window.
      await pressShortcut(panel, 'd');
      const outcome = panel.locator(
        `[data-testid="checklist-current"][data-prompt="${id}"] [data-testid="checklist-auto"]`,
      );
      await outcome.waitFor({ timeout: 15_000 });
      const result = {
        outcome: (await outcome.getAttribute('data-outcome')) ?? '',
        evidence: JSON.parse((await outcome.getAttribute('data-evidence')) ?? '{}') as Record<
          string,
          number | string | null
        >,
        afterDoneMs: Date.now() - doneAt,
      };
      const evidence = JSON.stringify(result.evidence);
      console.log(`[live] checklist ${id}: ${result.outcome} ${evidence}, ${result.afterDoneMs} ms after Done`);
      return result;
    };
    // The speaker looks at the camera: tracked throughout, but no profile turn.
    const turn = await answer('turn-profile', 6);
    expect(turn.outcome).toBe('not-verified');
    expect(Number(turn.evidence.longestGapMs)).toBeLessThan(500);
    expect(Math.abs(Number(turn.evidence.maxYawDeg))).toBeLessThan(45);
    expect(turn.evidence.checkMs).toBeGreaterThan(0);
    // He blinks about 40 times a minute.
    const blink = await answer('blink-twice', 4);
    expect(['passed', 'not-verified']).toContain(blink.outcome);
    expect(Number(blink.evidence.watchedMs)).toBeGreaterThan(3000);
    // His voice is 500 ms late: reading aloud is a concern, answered within seconds, without Done.
    const read = await askAndWait(panel, 'read-phrase', 25_000);
    expectEarlyReadPhrase(read, 'concern');
    expect(Number(read.evidence.offsetMs)).toBeGreaterThan(300);
    expect(await panel.getByTestId('checklist-countdown').count()).toBe(0);
    expect(await panel.getByTestId('checklist-progress').getAttribute('data-done')).toBe('3');
    await panelScreenshot(panel, join(ROOT, '.cache/live-checklist.png'));
  });

  it('should find the candidate again after the call switches to speaker view', async () => {
    const [, , gridWidth] = await boxOf(panel);
    await call.locator('#layout').click();
    await expect
      .poll(async () => (await boxOf(panel))[2] ?? 0, { timeout: 20_000, interval: 500 })
      .toBeGreaterThan((gridWidth ?? 0) * 1.5);
    await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 10_000 });
    console.log(
      `[live] candidate box width ${gridWidth} px in the grid, ${(await boxOf(panel))[2]} px in speaker view`,
    );
  });

  it('should propose a face in the strip, and say so, when a screen share shrinks the tiles', async () => {
    await call.locator('#layout').click();
    await call.locator('#share').click();
    const frameWidth = Number((await attribute(panel, 'live-meters', 'data-frame')).split('x')[0]);
    // The strip of tiles is the right-hand 240 px of the call.
    await expect
      .poll(async () => (await boxOf(panel))[0] ?? NaN, { timeout: 30_000, interval: 500 })
      .toBeGreaterThan(frameWidth - 300);
    await panel.locator('[data-testid="live-candidate"][data-state="proposed"]').waitFor({ timeout: 10_000 });
    await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 10_000 });
    expect(await panel.getByTestId('live-events').textContent()).toMatch(/layout changed/);
    console.log(`[live] after the screen share: candidate box ${await attribute(panel, 'live-candidate', 'data-box')}`);
    await call.locator('#share').click();
  });

  it('should keep findings and notes when the panel is reloaded', async () => {
    await panel.getByTestId('note-input').fill('Asked about the gap in 2021');
    await panel.getByTestId('note-input').press('Enter');
    await panel.getByTestId('notes').getByText('Asked about the gap in 2021').waitFor();
    const findingsBefore = await panel.locator('[data-testid="live-session"] [data-testid="finding"]').count();
    await panel.reload();
    await panel.getByTestId('notes').getByText('Asked about the gap in 2021').waitFor({ timeout: 10_000 });
    expect(await panel.locator('[data-testid="live-session"] [data-testid="finding"]').count()).toBe(findingsBefore);
    expect(await panel.getByTestId('session-last-event').textContent()).toMatch(/panel was closed/);
  });

  it('should have sent nothing off the machine during the call', () => {
    const off = requestsOffTheMachine(browser.proxy);
    console.log(`[live] requests off the machine during the live call: ${off.length}`);
    expect(off).toEqual([]);
  });
});

// A real, in-sync speaker whose tile is cropped to fill (as Meet does) so the lower lip is cut
// off: the mesh still guesses a mouth, and before the visibility guard this read as a mismatch.
const inSync = sharedClip('real/real_edtalk_tedlieu_m.mp4');

describe.skipIf(!model || !inSync || !panelist || !self)('live call with the mouth cut off by the tile', () => {
  let server: MediaServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    server = await startDemoCall({ candidate: inSync as string, panelist: panelist as string, self: self as string });
    // 1280x720: the tile is short enough that the lower lip is cut off (seen as a mismatch before the guard).
    browser = await launchExtensionBrowser(DEMO_CALL_ARGS, { width: 1280, height: 720 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should say the mouth is hidden and raise no mismatch for a real speaker', async () => {
    const call = await browser.context.newPage();
    await call.goto(`${server.url}/?fit=cover`);
    const panel = await browser.openPage('sidepanel.html');
    await panel.getByText('Model loaded').waitFor({ timeout: 60_000 });
    const meter = meterAnalysedFrames(panel);
    await panel.getByRole('button', { name: 'Pick a tab…' }).click();
    await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 20_000 });
    await panel.locator('[data-testid="live-face"][data-mouth-visible="false"]').waitFor({ timeout: 20_000 });
    await panel.waitForTimeout(35_000);
    meter.stop();
    const verdict = await attribute(panel, 'live-lipsync', 'data-verdict');
    console.log(
      `[live] cut-off mouth after 35 s: ${verdict} (${await attribute(panel, 'live-lipsync', 'data-evidence')}); ` +
        `frames analysed: ~${meter.take()}`,
    );
    const mismatches = panel.locator('[data-testid="finding"][data-kind="av-mismatch"]');
    for (const text of await mismatches.allTextContents())
      console.log(`[live] cut-off mouth mismatch finding: ${text}`);
    expect(verdict).not.toBe('mismatch');
    expect(await mismatches.count()).toBe(0);
  });
});

// The same speaker in sync: reading aloud passes, as soon as lip sync can tell.
describe.skipIf(!model || !inSync || !panelist || !self)('live call with an in-sync candidate reading', () => {
  let server: MediaServer;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    server = await startDemoCall({
      candidate: inSync as string,
      panelist: panelist as string,
      self: self as string,
    });
    browser = await launchExtensionBrowser(DEMO_CALL_ARGS);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('should pass a read phrase within seconds of asking', async () => {
    const call = await browser.context.newPage();
    await call.goto(server.url);
    const panel = await browser.openPage('sidepanel.html');
    await panel.getByText('Model loaded').waitFor({ timeout: 60_000 });
    const meter = meterAnalysedFrames(panel);
    await panel.getByRole('button', { name: 'Pick a tab…' }).click();
    await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 20_000 });
    await panel.waitForTimeout(2000);
    await panel.getByTestId('checklist-start').click();
    const read = await askAndWait(panel, 'read-phrase', 25_000);
    meter.stop();
    const findings = await panel
      .locator('[data-testid="live-session"] [data-testid="finding"]')
      .evaluateAll((items) =>
        items.map((item) => `${item.className} ${item.getAttribute('data-kind')}: ${item.textContent}`),
      );
    console.log(`[live] in-sync reader: frames analysed ~${meter.take()}; findings: ${JSON.stringify(findings)}`);
    expectEarlyReadPhrase(read, 'passed');
    expect(findings.filter((finding) => /av-mismatch|warn av-offset|high av-offset/.test(finding))).toEqual([]);
  });
});
