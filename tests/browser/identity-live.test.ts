import { readFile } from 'node:fs/promises';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/browser.mjs';
import { DEMO_CALL_ARGS, panelScreenshot, startDemoCall } from '../../scripts/lib/demo-call.mjs';
import type { MediaServer } from '../../scripts/lib/media-server.mjs';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { faceModel, sharedClip } from '../support/paths';

const model = faceModel();
const obama = sharedClip('real/real_edtalk_obama_m.mp4');
// The same man from another recording: the photo on his ID.
const obamaId = sharedClip('real/real_hyperlips_video2_obama_m.mp4');
const lieu = sharedClip('real/real_edtalk_tedlieu_m.mp4');
const panelist = sharedClip('real/real_hdtf_katiehill_f_sadtalker.mp4');
const self = sharedClip('real/real_hdtf_edmarkey_m_sadtalker.mp4');

/**
 * Rounds are compared once each profile holds DESCRIPTOR.minRoundFaces faces; profiles are saved
 * every DESCRIPTOR.saveEveryFaces reads, so one read past it means a profile that size is stored.
 */
const FACES_FOR_PROFILE = DESCRIPTOR.minRoundFaces + 1;

const attribute = async (page: Page, testId: string, name: string) =>
  (await page.getByTestId(testId).getAttribute(name)) ?? '';

const roundComparison = (panel: Page) =>
  panel.locator('[data-testid="live-session"] [data-testid="finding"][data-kind="round-comparison"]');

/** The message of a finding (its <p>), without the title, severity and times around it. */
const messageOf = async (finding: ReturnType<typeof roundComparison>) =>
  ((await finding.locator('p').first().textContent()) ?? '').trim();

/** The comparison's line in the Markdown export: title, severity as the panel shows it, message. */
const exportLineOf = async (finding: ReturnType<typeof roundComparison>) =>
  `Same person as an earlier round? (${((await finding.locator('.pill').textContent()) ?? '').trim()}): ` +
  `${await messageOf(finding)}\n`;

const distanceIn = (text: string) => Number(/face distance (\d+\.\d+)/.exec(text)?.[1] ?? NaN);

/** The top-left tile's face (the candidate's) as x,y,width,height in frame pixels, once the tracker sees it. */
async function candidateTileFace(panel: Page): Promise<{ face: number[]; frameWidth: number }> {
  let found: { face: number[]; frameWidth: number } | undefined;
  await expect
    .poll(
      async () => {
        const [frameWidth = NaN, frameHeight = NaN] = (await attribute(panel, 'live-meters', 'data-frame'))
          .split('x')
          .map(Number);
        const faces = (await attribute(panel, 'live-meters', 'data-faces'))
          .split(';')
          .filter(Boolean)
          .map((face) => face.split(',').map(Number));
        const topLeft = faces
          .filter(([x = NaN, y = NaN, w = NaN, h = NaN]) => x + w / 2 < frameWidth / 2 && y + h / 2 < frameHeight / 2)
          .sort((a, b) => (b[2] ?? 0) * (b[3] ?? 0) - (a[2] ?? 0) * (a[3] ?? 0));
        found = topLeft[0] ? { face: topLeft[0], frameWidth } : undefined;
        return Boolean(found);
      },
      { timeout: 20_000, interval: 500, message: "a face in the top-left tile (the candidate's)" },
    )
    .toBe(true);
  return found as { face: number[]; frameWidth: number };
}

/**
 * Starts a capture of the call (a new session), names the candidate, chooses the top-left face
 * (in the default call the panel member's face is larger and would be proposed), records the
 * candidate's consent and waits until a face profile is stored.
 */
async function startRound(panel: Page, name: string): Promise<number> {
  const startedAt = Date.now();
  await panel.getByRole('button', { name: 'Pick a tab…' }).click();
  await panel.getByTestId('live-state').getByText('Analysing').waitFor({ timeout: 30_000 });
  await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 30_000 });
  await panel.getByTestId('session-candidate').fill(name);
  const {
    face: [x = NaN, y = NaN, width = NaN, height = NaN],
    frameWidth,
  } = await candidateTileFace(panel);
  const preview = panel.getByTestId('live-preview');
  const scale = ((await preview.boundingBox())?.width ?? NaN) / frameWidth;
  await preview.click({ position: { x: (x + width / 2) * scale, y: (y + height / 2) * scale } });
  await panel.locator('[data-testid="live-candidate"][data-state="chosen"]').waitFor({ timeout: 10_000 });
  const [chosenX = NaN, , chosenWidth = NaN] = (await attribute(panel, 'live-candidate', 'data-box'))
    .split(',')
    .map(Number);
  expect(chosenX + chosenWidth / 2, 'the chosen candidate is in the left half').toBeLessThan(frameWidth / 2);

  // Before consent no face is described.
  expect(await panel.locator('[data-testid="identity-state"][data-state="on"]').count()).toBe(0);
  await panel.getByTestId('identity-consent-yes').click();
  await panel.locator('[data-testid="identity-state"][data-state="on"]').waitFor({ timeout: 10_000 });
  await expect
    .poll(async () => Number(await attribute(panel, 'identity-state', 'data-faces')), {
      timeout: 90_000,
      interval: 1000,
      message: `at least ${FACES_FOR_PROFILE} faces read`,
    })
    .toBeGreaterThanOrEqual(FACES_FOR_PROFILE);
  const seconds = (Date.now() - startedAt) / 1000;
  console.log(
    `[identity] ${name}: ${await attribute(panel, 'identity-state', 'data-faces')} faces read ` +
      `${seconds.toFixed(0)} s after Start (${await attribute(panel, 'live-health', 'data-fps')} fps analysed)`,
  );
  return seconds;
}

/** Stops the capture (the profile no longer changes). */
async function stopCapture(panel: Page) {
  await panel.getByRole('button', { name: 'Stop' }).click();
  await panel
    .getByTestId('live-message')
    .getByText(/Capture stopped/)
    .waitFor({ timeout: 15_000 });
}

/** Files the session: the next Start begins a new one. */
async function endSession(panel: Page) {
  console.log(`[identity] ending the session of "${await panel.getByTestId('session-candidate').inputValue()}"`);
  await panel.getByTestId('end-session').click();
  await panel.getByTestId('live-session').waitFor({ state: 'detached', timeout: 15_000 });
}

/** Links this session to the earlier session whose candidate was named `name`. */
async function linkRound(panel: Page, name: string) {
  const select = panel.getByTestId('identity-round');
  const option = select.locator('option', { hasText: name });
  await option.waitFor({ state: 'attached', timeout: 15_000 });
  await select.selectOption((await option.getAttribute('value')) ?? '');
  const finding = roundComparison(panel);
  await finding.first().waitFor({ timeout: 15_000 });
  expect(await finding.count()).toBe(1);
  return finding.first();
}

/** Asks "hold your photo ID next to your face", lets the candidate answer for 8 s and reads the outcome. */
async function askForPhotoId(panel: Page) {
  const start = panel.getByTestId('checklist-start');
  if (await start.isVisible()) await start.click();
  await panel.locator('[data-testid="checklist-item"][data-prompt="id-document"]').click();
  const current = panel.locator('[data-testid="checklist-current"][data-prompt="id-document"]');
  await current.waitFor();
  await current.getByRole('button', { name: /Ask now|Ask again/ }).click();
  await panel.waitForTimeout(8000);
  await current.getByRole('button', { name: /Done/ }).click();
  const auto = current.getByTestId('checklist-auto');
  await auto.waitFor({ timeout: 20_000 });
  const evidence = JSON.parse((await auto.getAttribute('data-evidence')) ?? '{}') as Record<string, unknown>;
  return {
    text: ((await auto.textContent()) ?? '').trim(),
    outcome: (await auto.getAttribute('data-outcome')) ?? '',
    distance: Number(evidence.idPhotoDistance ?? NaN),
    evidence,
  };
}

// Face identity on a live demo call, end to end in one browser: rounds of one candidate stored on
// this device and compared (the same man, then another man), and the photo ID held up beside the
// face checked by the checklist's 'id-document' prompt (the same man's ID, then someone else's).
describe.skipIf(!model || !obama || !obamaId || !lieu || !panelist || !self)(
  'face identity on a live call (rounds, photo ID)',
  () => {
    let obamaCall: MediaServer;
    let lieuCall: MediaServer;
    let browser: ExtensionBrowser;
    let call: Page;
    let panel: Page;
    const seen: string[] = [];
    const roundOne = 'Obama round one';
    const roundTwo = 'Obama round two';
    const roundThree = 'Lieu round three';

    /** The session named `name`, exported as Markdown from its page on the sessions page. */
    async function markdownOf(name: string): Promise<string> {
      const sessions = await browser.openPage('sessions.html');
      const row = sessions.getByTestId('session-row').filter({ hasText: name });
      // Generous: the sessions page loads while the machine may be busy with other Chromiums.
      await row.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
        const rows = await sessions.getByTestId('session-row').allTextContents();
        await sessions.screenshot({ path: join(ROOT, '.cache/identity-sessions.png'), fullPage: true });
        console.log(`[identity] no session named "${name}" on the sessions page; rows: ${JSON.stringify(rows)}`);
        throw error;
      });
      await sessions.goto(browser.extensionUrl(`sessions.html?id=${(await row.getAttribute('data-id')) ?? ''}`));
      const [download] = await Promise.all([
        sessions.waitForEvent('download'),
        sessions.getByTestId('exports').getByRole('button', { name: 'Markdown' }).click(),
      ]);
      const path = join(tmpdir(), `liveproof-${process.pid}-${name.replace(/\W+/g, '-')}.md`);
      await download.saveAs(path);
      await sessions.close();
      return readFile(path, 'utf8');
    }

    beforeAll(async () => {
      const others = { panelist: panelist as string, self: self as string, id: obamaId as string };
      obamaCall = await startDemoCall({ candidate: obama as string, ...others });
      lieuCall = await startDemoCall({ candidate: lieu as string, ...others });
      browser = await launchExtensionBrowser(DEMO_CALL_ARGS);
      call = await browser.context.newPage();
      await call.goto(obamaCall.url);
      // No setViewportSize on the panel (see panelScreenshot).
      panel = await browser.openPage('sidepanel.html');
      await panel.getByText('Model loaded').waitFor({ timeout: 60_000 });
    });
    afterAll(async () => {
      console.log(`[identity] distances seen:\n  ${seen.join('\n  ')}`);
      await browser?.close();
      await obamaCall?.close();
      await lieuCall?.close();
    });

    it('round 1: should describe the chosen candidate only after consent and store a profile', async () => {
      await startRound(panel, roundOne);
      expect(await panel.getByTestId('identity-round').locator('option', { hasText: roundOne }).count()).toBe(0);
      await stopCapture(panel);
      await endSession(panel);
    });

    it('round 2, the same man: should find the face consistent with round 1 once linked', async () => {
      await startRound(panel, roundTwo);
      const finding = await linkRound(panel, roundOne);
      const message = await messageOf(finding);
      console.log(`[identity] round 2 linked to round 1: ${message}`);
      seen.push(`round 2 (same man) vs round 1: ${distanceIn(message)} (at linking)`);
      expect(message).toMatch(
        /^Consistent with round 1 \(Obama round one, \d{4}-\d\d-\d\d \d\d:\d\d UTC\): face distance 0\.\d\d, same-person threshold 0\.\d\d\.$/,
      );
      expect(distanceIn(message)).toBeLessThan(DESCRIPTOR.samePersonMax);
      await panelScreenshot(panel, join(ROOT, '.cache/identity-panel.png'));
    });

    it("round 2: should match the same man's photo ID held up beside his face", async () => {
      await call.getByRole('button', { name: 'Hold up ID' }).click();
      const answer = await askForPhotoId(panel);
      console.log(`[identity] photo ID, same man: ${answer.text} ${JSON.stringify(answer.evidence)}`);
      seen.push(`photo ID of the same man: ${answer.distance}`);
      expect(answer.text).toMatch(/Signals: Passed\. ID photo matches the face \(face distance \d\.\d\d/);
      expect(answer.outcome).toBe('passed');
      expect(answer.distance).toBeLessThanOrEqual(DESCRIPTOR.idPhotoMax);
      await panelScreenshot(panel, join(ROOT, '.cache/identity-photo-id.png'));
    });

    it("round 2: should put the comparison in the session's Markdown export", async () => {
      await call.getByRole('button', { name: 'Put ID away' }).click();
      await stopCapture(panel);
      // Stopped: the profile, and so the comparison, no longer changes.
      const line = await exportLineOf(roundComparison(panel).first());
      seen.push(`round 2 (same man) vs round 1: ${distanceIn(line)} (final, exported)`);
      expect(line).toMatch(/^Same person as an earlier round\? \(Note\): Consistent with round 1 /);
      await endSession(panel);
      expect(await markdownOf(roundTwo)).toContain(line);
    });

    it('round 3, another man: should find a different person from round 1 once linked', async () => {
      await call.goto(lieuCall.url);
      await startRound(panel, roundThree);
      const finding = await linkRound(panel, roundOne);
      const atLinking = await messageOf(finding);
      console.log(`[identity] round 3 linked to round 1: ${atLinking}`);
      seen.push(`round 3 (another man) vs round 1: ${distanceIn(atLinking)} (at linking)`);
      expect(atLinking).toMatch(
        /^(A different person|Possibly a different person) from round 1 \(Obama round one, .* UTC\): face distance 0\.\d\d, threshold 0\.\d\d\. Ask for ID again/,
      );
      expect(distanceIn(atLinking)).toBeGreaterThan(DESCRIPTOR.samePersonMax);
      await panelScreenshot(panel, join(ROOT, '.cache/identity-panel-different.png'));
    });

    it("round 3: should not match another man's photo ID (the round 1 candidate's) with this face", async () => {
      await call.getByRole('button', { name: 'Hold up ID' }).click();
      const answer = await askForPhotoId(panel);
      console.log(`[identity] photo ID, another man: ${answer.text} ${JSON.stringify(answer.evidence)}`);
      seen.push(`photo ID of another man: ${answer.distance}`);
      expect(answer.text).toMatch(/Signals: Concern\. ID photo does not match the face \(face distance \d\.\d\d/);
      expect(answer.outcome).toBe('concern');
      expect(answer.distance).toBeGreaterThan(DESCRIPTOR.idPhotoMax);
    });

    it("round 3: should put the different-person comparison in the session's Markdown export", async () => {
      await stopCapture(panel);
      const line = await exportLineOf(roundComparison(panel).first());
      seen.push(`round 3 (another man) vs round 1: ${distanceIn(line)} (final, exported)`);
      expect(line).toMatch(
        /^Same person as an earlier round\? \((Check|Strong signal)\): (A different person|Possibly a different person) from round 1 /,
      );
      await endSession(panel);
      expect(await markdownOf(roundThree)).toContain(line);
    });
  },
);
