import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACK_KIND, PACK_SCHEMA_VERSION, packToJson, packToZip, type Pack } from '@/utils/drills/pack';
import { parseResults, scoreDrill, type DrillResults } from '@/utils/drills/scoring';
import { ROOT } from '../../scripts/lib/browser.mjs';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { faceModel, sharedClip } from '../support/paths';
import { requestsOffTheMachine } from '../support/recording-proxy';

// Four 5-8 s speakers with sound: a quick drill of eight items.
const CLIPS = [
  'real/real_hdtf_aoc_f_sadtalker.mp4',
  'real/real_mead_m003_007_m.mp4',
  'real/real_hdtf_katiehill_f_sadtalker.mp4',
  'real/real_hdtf_edmarkey_m_sadtalker.mp4',
];
const model = faceModel();
const clips = CLIPS.map((clip) => model && sharedClip(clip));
// The webcam clip turns its head both ways at 0.5-2.5 s (challenges/MANIFEST.md): a response segment.
const turning = model && sharedClip('challenges/real_turn_webcam_headpose_f.mp4');
const ready = clips.every(Boolean) && Boolean(turning);

/** A pack of the turning clip (with its turn as a response segment) and one speaker, as a trainer writes it. */
async function segmentPack(): Promise<{ pack: Pack; zip: Uint8Array }> {
  const turn = new Uint8Array(await readFile(turning as string));
  const speaker = new Uint8Array(await readFile(clips[0] as string));
  const clip = (name: string, bytes: Uint8Array, durationS: number) => ({
    name,
    sizeBytes: bytes.length,
    durationS,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  const pack: Pack = {
    kind: PACK_KIND,
    schemaVersion: PACK_SCHEMA_VERSION,
    title: 'Turn drill',
    difficulty: 'easy',
    createdAtMs: Date.UTC(2026, 10, 29),
    items: [
      {
        id: 'turn',
        clip: clip('turn.mp4', turn, 8.8),
        key: { genuine: true },
        segments: [{ label: 'Turns the head both ways', startS: 0.3, endS: 2.8, promptId: 'turn-profile' }],
      },
      { id: 'speaker', clip: clip('speaker.mp4', speaker, 8), key: { genuine: true } },
    ],
  };
  const files = new Map([
    ['turn.mp4', turn],
    ['speaker.mp4', speaker],
  ]);
  return { pack, zip: packToZip(pack, files) };
}

/** Genuine items have the clip's own id ("clip-2"); variants add their kind ("clip-2.frozen"). */
const isGenuine = (itemId: string) => !itemId.includes('.');

describe.skipIf(!ready)('a quick drill in the drill page', () => {
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    page = await browser.openPage('drill.html');
  });
  afterAll(async () => {
    await browser.close();
    expect(requestsOffTheMachine(browser.proxy)).toEqual([]);
  });

  it('should score every answer, count the false accusation first and export results that match', async () => {
    await page.getByLabel("Trainee's name").fill('Ada Trainee');
    await page.getByTestId('drill-seed').fill('42');
    await page.getByTestId('quick-drill-clips').setInputFiles(clips as string[]);
    await page.getByTestId('start-quick-drill').click();
    await page.getByTestId('drill-item').waitFor({ timeout: 120_000 });

    // Accuse the first genuine clip; call the first two fakes fake and miss the others.
    const said: { itemId: string; saidGenuine: boolean }[] = [];
    let accused = 0;
    let caught = 0;
    for (let n = 0; n < 8; n++) {
      const itemId = (await page.getByTestId('drill-item').getAttribute('data-item')) as string;
      const saidGenuine = isGenuine(itemId) ? accused++ > 0 : caught++ >= 2;
      said.push({ itemId, saidGenuine });
      if (n === 0) await page.screenshot({ path: join(ROOT, 'tests/screenshots/drill-item.png'), fullPage: true });
      const form = page.getByTestId('drill-answer');
      await form.getByLabel(saidGenuine ? 'Genuine' : 'Manipulated (fake)').check();
      if (!saidGenuine) await form.getByLabel('Lips and voice out of step').check();
      await form.getByLabel(n % 2 === 0 ? '4 Sure' : '2 Unsure').check();
      await form.getByRole('button', { name: 'Answer' }).click();

      const debrief = page.getByTestId('drill-debrief');
      const expected = isGenuine(itemId)
        ? saidGenuine
          ? 'correct-genuine'
          : 'false-accusation'
        : saidGenuine
          ? 'missed-fake'
          : 'hit';
      await expect.poll(() => debrief.getAttribute('data-outcome')).toBe(expected);
      const key = (await debrief.getByTestId('drill-key').textContent()) ?? '';
      if (isGenuine(itemId)) expect(key).toBe('Genuine clip');
      else expect(key).toMatch(/^Manipulated \(.+, [\d.]+–[\d.]+ s\): .+\.$/);
      // Liveproof's own reading of the same clip, analysed while the trainee answered.
      await debrief.getByTestId('drill-findings').waitFor({ timeout: 120_000 });
      if (n === 0) await page.screenshot({ path: join(ROOT, 'tests/screenshots/drill-debrief.png'), fullPage: true });
      await page.getByTestId('drill-next').click();
    }

    const score = page.getByTestId('drill-score');
    await score.waitFor();
    expect(await score.getByTestId('score-false-accusation').textContent()).toBe('1');
    expect(await score.getByTestId('score-missed-fake').textContent()).toBe('2');
    expect(await score.getByTestId('score-hit').textContent()).toBe('2');
    expect(await score.getByTestId('score-correct-genuine').textContent()).toBe('3');
    expect(await score.getByTestId('score-accuracy').textContent()).toBe('63 %');
    const labels = await score.locator('dt').allTextContents();
    expect(labels[0]).toMatch(/^False accusations/);
    await page.screenshot({ path: join(ROOT, 'tests/screenshots/drill-score.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      score.getByTestId('download-results').click(),
    ]);
    const text = await readFile((await download.path()) as string, 'utf8');
    const read = parseResults(text, Buffer.byteLength(text));
    if ('problem' in read) throw new Error(read.problem);
    const results: DrillResults = read.results;
    expect(results.trainee).toBe('Ada Trainee');
    expect(results.seed).toBe(42);
    expect(results.items.map((item) => item.id)).toEqual(said.map((answer) => answer.itemId));
    expect(results.answers.map(({ itemId, saidGenuine }) => ({ itemId, saidGenuine }))).toEqual(said);
    expect(results.answers.every((answer) => !answer.engineOn)).toBe(true);
    expect(results.answers.filter((a) => !a.saidGenuine).every((a) => a.cues.includes('lips-out-of-sync'))).toBe(true);
    expect(scoreDrill(results.items, results.answers).counts).toEqual({
      'false-accusation': 1,
      'missed-fake': 2,
      hit: 2,
      'correct-genuine': 3,
    });
  }, 600_000);

  it('should open a pack, play a response segment on Ask, and show findings while answering when asked', async () => {
    await page.reload();
    const { zip } = await segmentPack();
    await page.getByTestId('drill-seed').fill('1');
    await page.getByLabel(/Show Liveproof's findings while answering/).check();
    await page.getByTestId('drill-pack-file').setInputFiles({
      name: 'turn-drill.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zip),
    });
    const item = page.getByTestId('drill-item');
    await item.waitFor();
    if ((await item.getAttribute('data-item')) !== 'turn') {
      await item.getByLabel('Genuine').check();
      await item.getByLabel('3 Fairly sure').check();
      await item.getByRole('button', { name: 'Answer' }).click();
      await page.getByTestId('drill-next').click();
    }
    await expect.poll(() => item.getAttribute('data-item')).toBe('turn');
    // The engine is on: Liveproof's reading shows before the answer.
    await item.getByTestId('drill-findings').waitFor({ timeout: 120_000 });
    await item.getByRole('button', { name: 'Ask: Turns the head both ways' }).click();
    const video = item.getByTestId('drill-video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => !v.paused && v.currentTime >= 0.3)).toBe(true);
    // It stops at the segment's end.
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.paused && v.currentTime >= 2.8 && v.currentTime < 3.4), {
        timeout: 10_000,
      })
      .toBe(true);
  }, 300_000);

  it('should open a pack.json with its clips chosen again, found by fingerprint, and name a missing one', async () => {
    await page.reload();
    const { pack } = await segmentPack();
    const manifest = { name: 'pack.json', mimeType: 'application/json', buffer: Buffer.from(packToJson(pack)) };
    const renamed = { name: 'my-copy.mp4', mimeType: 'video/mp4', buffer: await readFile(turning as string) };
    await page.getByTestId('drill-pack-file').setInputFiles([manifest, renamed]);
    await expect
      .poll(() => page.getByTestId('drill-problem').textContent())
      .toBe('pack.json: Not among the files you chose: "speaker.mp4". Choose this clip too.');
    const speaker = { name: 'speaker.mp4', mimeType: 'video/mp4', buffer: await readFile(clips[0] as string) };
    await page.getByTestId('drill-pack-file').setInputFiles([manifest, renamed, speaker]);
    await page.getByTestId('drill-item').waitFor();
    expect(['turn', 'speaker']).toContain(await page.getByTestId('drill-item').getAttribute('data-item'));
  });

  it('should refuse a pack of a newer version and a damaged one, in words, and stay on the setup', async () => {
    await page.reload();
    const { pack } = await segmentPack();
    const newer = packToJson(pack).replace('"schemaVersion": 1', '"schemaVersion": 2');
    const { strToU8, zipSync } = await import('fflate');
    await page.getByTestId('drill-pack-file').setInputFiles({
      name: 'future.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync({ 'pack.json': strToU8(newer) })),
    });
    await expect
      .poll(() => page.getByTestId('drill-problem').textContent())
      .toMatch(/^future\.zip: .*made by a newer Liveproof \(version 2\); update Liveproof to open it\.$/);
    await page.getByTestId('drill-pack-file').setInputFiles({
      name: 'damaged.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync({ 'pack.json': strToU8('{"kind":"liveproof-drill-pack","schemaVersion":1}') })),
    });
    await expect
      .poll(() => page.getByTestId('drill-problem').textContent())
      .toMatch(/^damaged\.zip: This drill pack is damaged/);
    await page.getByTestId('drill-setup').waitFor();
  });

  it('should refuse too few clips for a quick drill, and what is not a zip, in words', async () => {
    await page.reload();
    await page.getByTestId('quick-drill-clips').setInputFiles((clips as string[]).slice(0, 2));
    await page.getByText('Pick at least 3 clips (2 chosen).').waitFor();
    expect(await page.getByTestId('start-quick-drill').isDisabled()).toBe(true);
    await page.getByTestId('drill-pack-file').setInputFiles({
      name: 'not-a-pack.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('hello'),
    });
    await expect
      .poll(() => page.getByTestId('drill-problem').textContent())
      .toMatch(/^not-a-pack\.zip: This file is not a zip/);
  });
});
