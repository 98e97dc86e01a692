// The local demo "call" used by `npm start`, the live tests, `npm run bench -- --live` and the
// screenshots: a page of four tiles (candidate with sound, a panel member, a camera-off
// recruiter, a self view) served with real clips from ../shared/media.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './browser.mjs';
import { startMediaServer } from './media-server.mjs';

/** The page title, which headless capture (--auto-select-tab-capture-source-by-title) picks by. */
const DEMO_CALL_TITLE = 'Liveproof demo call';

/** Chromium flags for capturing the demo call without a picker and playing it without a click. */
export const DEMO_CALL_ARGS = [
  `--auto-select-tab-capture-source-by-title=${DEMO_CALL_TITLE}`,
  '--autoplay-policy=no-user-gesture-required',
];

export const MEDIA_DIR = process.env.LIVEPROOF_MEDIA_DIR ?? join(ROOT, '../shared/media');

export const DEFAULT_DEMO_CLIPS = {
  candidate: join(MEDIA_DIR, 'real/real_edtalk_obama_m.mp4'),
  panelist: join(MEDIA_DIR, 'real/real_hdtf_katiehill_f_sadtalker.mp4'),
  self: join(MEDIA_DIR, 'real/real_hdtf_edmarkey_m_sadtalker.mp4'),
  /** The photo on the ID the candidate can hold up ("Hold up ID"): the same person, from another recording. */
  id: join(MEDIA_DIR, 'real/real_hyperlips_video2_obama_m.mp4'),
};

/**
 * Serves the demo call; `clips` overrides any of DEFAULT_DEMO_CLIPS (a missing panel or self
 * clip falls back to the candidate's). Resolves to { url, close }.
 */
export async function startDemoCall(clips = {}) {
  const chosen = { ...DEFAULT_DEMO_CLIPS, ...clips };
  const orCandidate = (path) => (existsSync(path) ? path : chosen.candidate);
  return startMediaServer({
    '/': join(ROOT, 'scripts/lib/demo-call/index.html'),
    '/media/candidate': chosen.candidate,
    '/media/panelist': orCandidate(chosen.panelist),
    '/media/self': orCandidate(chosen.self),
    '/media/id': orCandidate(chosen.id),
  });
}

/**
 * Opens the side panel page, waits for the model, starts live capture with "Pick a tab…" (the
 * demo call is auto-selected by DEMO_CALL_ARGS) and waits for the candidate's landmarks.
 */
export async function openLivePanel(browser) {
  const panel = await browser.openPage('sidepanel.html');
  await panel.getByText('Model loaded').waitFor({ timeout: 60_000 });
  await panel.getByRole('button', { name: 'Pick a tab…' }).click();
  await panel.locator('[data-testid="live-face"][data-found="true"]').waitFor({ timeout: 30_000 });
  return panel;
}

/**
 * Screenshot of a panel page at side-panel width. The page's viewport is not resized: headless
 * Chromium would resize the window the captured call shares and the capture would show only part
 * of the call; the layout is narrowed with a style instead.
 */
export async function panelScreenshot(panel, path, width = 380) {
  await panel.addStyleTag({ content: `.app { max-width: ${width}px; margin: 0; }` });
  await panel.locator('.app').screenshot({ path });
}
