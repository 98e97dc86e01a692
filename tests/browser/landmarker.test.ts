import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { faceModel, sharedClip } from '../support/paths';

// Two real frontal talking heads of different people, sizes and lengths (MANIFEST.md).
const CLIPS = [
  { path: sharedClip('real/real_hdtf_aoc_f_sadtalker.mp4'), frames: 200 },
  { path: sharedClip('real/real_edtalk_tedlieu_m.mp4'), frames: 750 },
];
const available = CLIPS.filter((clip): clip is { path: string; frames: number } => clip.path !== null);
const model = faceModel();

describe.skipIf(!model || available.length < CLIPS.length)('landmarker on real clips', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchExtensionBrowser();
  });
  afterAll(async () => browser?.close());

  it.each(available)('should find one face with 478 landmarks and 52 blendshapes in $path', async (clip) => {
    const page = await browser.openPage('analyze.html');
    await page.getByText('Model loaded').waitFor({ timeout: 30_000 });
    const loadMs = (await page.getByTestId('engine-load-ms').textContent())?.trim();
    await page.getByLabel(/Analyse every frame/).check();
    await page.getByTestId('file-input').setInputFiles(clip.path);
    await page.getByTestId('result').waitFor({ timeout: 150_000 });
    const read = async (id: string) => Number(await page.getByTestId(id).textContent());
    const frames = await read('frames-analyzed');
    const oneFace = await read('frames-one-face');
    const median = await read('detect-ms-median');
    const p95 = await read('detect-ms-p95');
    const pixels = (await page.getByTestId('pixels-ms').textContent())?.trim();
    const checks = (await page.getByTestId('face-checks-ms').textContent())?.trim();
    console.log(
      `[landmarks] ${basename(clip.path)}: frames analysed: ${frames}, ${oneFace} with exactly one face ` +
        `(478 landmarks, 52 blendshapes); model load ${loadMs}; detect median ${median} ms, p95 ${p95} ms; ` +
        `face checks per frame: pixel measures ${pixels} ms, analyzers ${checks} ms`,
    );
    expect(frames).toBe(clip.frames);
    expect(oneFace / frames).toBeGreaterThanOrEqual(0.95);
    expect(median).toBeGreaterThan(0);
  });

  it('should say clearly when the file is not a video', async () => {
    const page = await browser.openPage('analyze.html');
    await page.getByText('Model loaded').waitFor({ timeout: 30_000 });
    await page.getByTestId('file-input').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a video at all'),
    });
    const error = await page.getByTestId('run-error').textContent();
    expect(error).toContain('notes.txt: This file is not a video this browser can read');
  });
});
