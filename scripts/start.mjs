// `npm start`: build the extension, serve a demo "call" with a real talking-head clip, and open
// Chromium with Liveproof loaded. `--clip FILE` picks the candidate clip; `--headless` (automatic
// without a display) takes screenshots of the call and the panel into .cache/start/ and exits.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchExtension, ROOT } from './browser.mjs';
import { startMediaServer } from './media-server.mjs';

const REAL = join(ROOT, '../shared/media/real');
const DEFAULTS = {
  candidate: join(REAL, 'real_edtalk_obama_m.mp4'),
  panelist: join(REAL, 'real_hdtf_katiehill_f_sadtalker.mp4'),
  self: join(REAL, 'real_hdtf_edmarkey_m_sadtalker.mp4'),
};

function exitWith(message) {
  console.error(`npm start: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: { clip: { type: 'string' }, headless: { type: 'boolean', default: false } },
});
const candidate = values.clip ? resolve(process.cwd(), values.clip) : DEFAULTS.candidate;
if (!existsSync(candidate)) {
  exitWith(
    values.clip
      ? `no such file: ${candidate}`
      : `no demo clip at ${candidate}. Put ../shared/media beside the project, or pass one: npm start -- --clip my-video.mp4`,
  );
}
const headless = values.headless || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);

console.log('Building the extension…');
const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) exitWith('the build failed; see the errors above.');

const server = await startMediaServer({
  '/': join(ROOT, 'scripts/demo-call/index.html'),
  '/media/candidate': candidate,
  '/media/panelist': existsSync(DEFAULTS.panelist) ? DEFAULTS.panelist : candidate,
  '/media/self': existsSync(DEFAULTS.self) ? DEFAULTS.self : candidate,
});
const browser = await launchExtension({ headless, args: ['--autoplay-policy=no-user-gesture-required'] });
const call = browser.context.pages()[0] ?? (await browser.context.newPage());
await call.goto(server.url);
await call.bringToFront();

if (headless) {
  const out = join(ROOT, '.cache/start');
  mkdirSync(out, { recursive: true });
  await call.waitForTimeout(1500);
  await call.screenshot({ path: join(out, 'demo-call.png') });
  const panel = await browser.openPage('sidepanel.html');
  await panel.setViewportSize({ width: 380, height: 640 });
  await panel.getByText(/Model loaded|Model failed/).waitFor({ timeout: 30_000 });
  await panel.screenshot({ path: join(out, 'panel.png') });
  console.log(`No display, so this ran headless. Screenshots: ${join(out, 'demo-call.png')}, ${join(out, 'panel.png')}`);
  await browser.close();
  await server.close();
} else {
  console.log(
    [
      '',
      `Demo call running at ${server.url} with ${candidate} as the candidate.`,
      'In the Chromium window: click the Liveproof icon in the toolbar (if hidden, click the',
      'puzzle-piece Extensions icon, then Liveproof). The side panel opens on the right.',
      'Close the window or press Ctrl+C here to stop.',
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await browser.close().catch(() => undefined);
    await server.close();
    process.exit(0);
  };
  browser.context.on('close', stop);
  process.on('SIGINT', stop);
}
