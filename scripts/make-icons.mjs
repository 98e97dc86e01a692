// Renders components/shared/logo.svg to the toolbar icons in public/icon/ with headless Chromium.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_PATH, QUIET_ARGS, ROOT } from './lib/browser.mjs';

const svg = readFileSync(join(ROOT, 'components/shared/logo.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: CHROME_PATH,
  headless: false,
  args: ['--headless=new', ...QUIET_ARGS],
});
const page = await browser.newPage();
mkdirSync(join(ROOT, 'public/icon'), { recursive: true });
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  const style = `html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}`;
  await page.setContent(`<style>${style}</style>${svg}`);
  await page.screenshot({ path: join(ROOT, `public/icon/${size}.png`), omitBackground: true });
}
await browser.close();
console.log('Icons written to public/icon/.');
