// `npm run screenshot`: headless screenshots of every screen, for a look and for the README.
// Writes tests/screenshots/*.png (the side panel one is shown in the README).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchExtension, ROOT } from './browser.mjs';

const out = join(ROOT, 'tests/screenshots');
mkdirSync(out, { recursive: true });
const clip = process.argv[2] ?? join(ROOT, '../shared/media/real/real_hdtf_aoc_f_sadtalker.mp4');

const browser = await launchExtension();
try {
  const panel = await browser.openPage('sidepanel.html');
  await panel.setViewportSize({ width: 380, height: 700 });
  await panel.getByText(/Model loaded|Model failed/).waitFor({ timeout: 30_000 });
  await panel.screenshot({ path: join(out, 'sidepanel.png') });

  const analyze = await browser.openPage('analyze.html');
  await analyze.setViewportSize({ width: 900, height: 760 });
  await analyze.getByText('Model loaded').waitFor({ timeout: 30_000 });
  await analyze.getByTestId('file-input').setInputFiles(clip);
  await analyze.getByTestId('result').waitFor({ timeout: 120_000 });
  await analyze.screenshot({ path: join(out, 'analyze.png'), fullPage: true });
  console.log(`Screenshots written to ${out}`);
} finally {
  await browser.close();
}
