// `npm run screenshot`: headless screenshots of every screen, for a look and for the README.
// Writes tests/screenshots/*.png (the side panel and checklist ones are shown in the README).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchExtension, ROOT } from './lib/browser.mjs';
import { DEMO_CALL_ARGS, MEDIA_DIR, openLivePanel, panelScreenshot, startDemoCall } from './lib/demo-call.mjs';

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

  // Challenges on a recording: the turn toward the picture's right passes; toward the left it was never made.
  const challenges = await browser.openPage('analyze.html');
  await challenges.setViewportSize({ width: 900, height: 1400 });
  await challenges.getByText('Model loaded').waitFor({ timeout: 30_000 });
  await challenges.getByLabel(/Analyse every frame/).check();
  await challenges.getByTestId('file-input').setInputFiles(join(MEDIA_DIR, 'challenges/real_turn_vhap_profile_m.mp4'));
  await challenges.getByTestId('challenges').waitFor({ timeout: 120_000 });
  await challenges.getByTestId('challenge-start').fill('1.5');
  await challenges.getByTestId('challenge-end').fill('6.3');
  for (const side of ['right', 'left']) {
    await challenges.getByTestId('challenge-kind').selectOption({ label: `Head turn toward the picture's ${side}` });
    await challenges.getByTestId('challenge-check').click();
  }
  await challenges.getByTestId('challenge-result').nth(1).waitFor();
  // The chart with the marked stretch, and the card below it.
  const chartCard = await challenges.locator('section', { has: challenges.getByTestId('signal-chart') }).boundingBox();
  const challengesCard = await challenges.getByTestId('challenges').boundingBox();
  await challenges.screenshot({
    path: join(out, 'analyze-challenges.png'),
    clip: {
      x: chartCard.x,
      y: chartCard.y,
      width: chartCard.width,
      height: challengesCard.y + challengesCard.height - chartCard.y,
    },
  });
} finally {
  await browser.close();
}

// The panel during a live call whose candidate's audio is 500 ms late (so a finding shows).
const server = await startDemoCall({ candidate: join(MEDIA_DIR, 'other/avoffset_tedlieu_audio_lag_plus500ms.mp4') });
const live = await launchExtension({ args: DEMO_CALL_ARGS });
try {
  const call = await live.context.newPage();
  await call.goto(server.url);
  const panel = await openLivePanel(live);
  await panel.locator('[data-testid="live-session"] [data-testid="finding"]').first().waitFor({ timeout: 90_000 });
  await panelScreenshot(panel, join(out, 'live-panel.png'));

  // The checklist during the call: a blink asked for and checked against the live signals.
  await panel.getByTestId('checklist-start').click();
  await panel.locator('[data-testid="checklist-item"][data-prompt="blink-twice"]').click();
  await panel.getByRole('button', { name: /Ask now/ }).click();
  await panel.getByTestId('checklist-auto').waitFor({ timeout: 30_000 });
  await panel.getByTestId('checklist-card').screenshot({ path: join(out, 'checklist.png') });
  await panel.getByRole('button', { name: 'Edit templates' }).click();
  await panel.getByTestId('checklist-card').screenshot({ path: join(out, 'checklist-editor.png') });

  // The session afterwards: the sessions page, the session, and its printable report.
  await panel.getByTestId('session-candidate').fill('Ted Lieu (demo)');
  await panel.getByLabel('Role').fill('Staff engineer');
  await panel.getByLabel('Interviewer').fill('Demo interviewer');
  // A minute of call, so the report's chart has some points.
  await panel.waitForTimeout(45_000);
  await panel.getByRole('button', { name: 'Stop' }).click();
  await panel.getByTestId('end-session').click();
  const sessions = await live.openPage('sessions.html');
  await sessions.setViewportSize({ width: 900, height: 700 });
  await sessions.getByTestId('session-row').first().waitFor();
  await sessions.screenshot({ path: join(out, 'sessions.png'), fullPage: true });
  await sessions.getByTestId('session-row').first().getByRole('link').click();
  await sessions.getByTestId('session-view').waitFor();
  await sessions.screenshot({ path: join(out, 'session.png'), fullPage: true });
  const report = await live.openPage(`sessions.html${new URL(sessions.url()).search}&view=report`);
  await report.getByTestId('session-chart').locator('canvas').waitFor();
  await report.emulateMedia({ media: 'print' });
  await report.screenshot({ path: join(out, 'report.png'), fullPage: true });
  console.log(`Screenshots written to ${out}`);
} finally {
  await live.close();
  await server.close();
}
