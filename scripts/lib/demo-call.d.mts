import type { MediaServer } from './media-server.mjs';

export const DEMO_CALL_ARGS: string[];
export const MEDIA_DIR: string;
export const DEFAULT_DEMO_CLIPS: { candidate: string; panelist: string; self: string; id: string };

export function startDemoCall(clips?: Partial<typeof DEFAULT_DEMO_CLIPS>): Promise<MediaServer>;

export function openLivePanel(
  browser: import('./browser.mjs').LaunchedExtension,
): Promise<import('playwright-core').Page>;
export function panelScreenshot(panel: import('playwright-core').Page, path: string, width?: number): Promise<void>;
