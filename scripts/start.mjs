// `npm start`: build the extension, serve a demo "call" with a real talking-head clip, and open
// Chromium with Liveproof loaded. `--clip FILE` picks the candidate clip; `--headless` (automatic
// without a display) takes screenshots of the call and the panel into .cache/start/ and exits.
// `npm start -- --drill` opens practice drills instead, with a quick drill of four real clips
// from ../shared/media started.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchExtension, ROOT } from './lib/browser.mjs';
import {
  DEFAULT_DEMO_CLIPS,
  DEMO_CALL_ARGS,
  MEDIA_DIR,
  openLivePanel,
  panelScreenshot,
  startDemoCall,
} from './lib/demo-call.mjs';

function exitWith(message) {
  console.error(`npm start: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    clip: { type: 'string' },
    headless: { type: 'boolean', default: false },
    drill: { type: 'boolean', default: false },
  },
});
/** Four short speakers with sound: the quick drill's eight items are ready in seconds. */
const DRILL_DEMO_CLIPS = [
  'real_hdtf_aoc_f_sadtalker.mp4',
  'real_mead_m003_007_m.mp4',
  'real_hdtf_katiehill_f_sadtalker.mp4',
  'real_hdtf_edmarkey_m_sadtalker.mp4',
].map((name) => join(MEDIA_DIR, 'real', name));
const candidate = values.clip ? resolve(process.cwd(), values.clip) : DEFAULT_DEMO_CLIPS.candidate;
const missingDrillClip = values.drill ? DRILL_DEMO_CLIPS.find((clip) => !existsSync(clip)) : undefined;
if (missingDrillClip) {
  exitWith(`no demo clip at ${missingDrillClip}. Put ../shared/media beside the project or set LIVEPROOF_MEDIA_DIR.`);
}
if (!values.drill && !existsSync(candidate)) {
  exitWith(
    values.clip
      ? `no such file: ${candidate}`
      : `no demo clip at ${candidate}. Put ../shared/media beside the project, ` +
          'or pass one: npm start -- --clip my-video.mp4',
  );
}
const headless = values.headless || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);

console.log('Building the extension…');
const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) exitWith('the build failed; see the errors above.');

if (values.drill) {
  const browser = await launchExtension({ headless });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(browser.extensionUrl('drill.html'));
  await page.getByLabel("Trainee's name").fill('Demo trainee');
  await page.getByTestId('quick-drill-clips').setInputFiles(DRILL_DEMO_CLIPS);
  await page.getByTestId('start-quick-drill').click();
  await page.getByTestId('drill-item').waitFor({ timeout: 120_000 });
  if (headless) {
    const out = join(ROOT, '.cache/start');
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: join(out, 'drill.png'), fullPage: true });
    console.log(`No display, so this ran headless. Screenshot: ${join(out, 'drill.png')}`);
    await browser.close();
    process.exit(0);
  }
  console.log(
    [
      '',
      'Practice drills are open with a quick drill of four real clips: watch each item, answer,',
      'and read the debrief. Close the window or press Ctrl+C here to stop.',
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await browser.close().catch(() => undefined);
    process.exit(0);
  };
  browser.context.on('close', stop);
  process.on('SIGINT', stop);
  await new Promise(() => undefined);
}

const server = await startDemoCall({ candidate });
const browser = await launchExtension({ headless, args: DEMO_CALL_ARGS });
const call = browser.context.pages()[0] ?? (await browser.context.newPage());
await call.goto(server.url);
await call.bringToFront();

if (headless) {
  const out = join(ROOT, '.cache/start');
  mkdirSync(out, { recursive: true });
  await call.waitForTimeout(1500);
  await call.screenshot({ path: join(out, 'demo-call.png') });
  const panel = await openLivePanel(browser);
  await panel.waitForTimeout(15_000);
  await panelScreenshot(panel, join(out, 'panel.png'));
  console.log(
    `No display, so this ran headless. Screenshots: ${join(out, 'demo-call.png')}, ${join(out, 'panel.png')}`,
  );
  await browser.close();
  await server.close();
} else {
  console.log(
    [
      '',
      `Demo call running at ${server.url} with ${candidate} as the candidate.`,
      'In the Chromium window: click the Liveproof icon in the toolbar (if hidden, click the',
      'puzzle-piece Extensions icon, then Liveproof). The side panel opens on the right.',
      'In the panel, click "Start on this tab": the candidate (top left) gets a green box and the',
      'meters start; findings appear after some seconds of speech.',
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
