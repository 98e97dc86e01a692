/**
 * Capturing the call (browser edge). The panel's own tab is captured with chrome.tabCapture (no
 * picker: the toolbar click granted it); any other tab, or a call the toolbar was not clicked on,
 * through the browser's share picker (getDisplayMedia). Either way the interviewer keeps hearing
 * the call: tab capture mutes the tab, so its audio is played back here; the picker keeps the
 * tab's own playback.
 */
import { onMessage, sendMessage } from '@/utils/messaging';
import { CAPTURE_TEXT } from '@/utils/wording/capture';

export type CaptureSource = 'call-tab' | 'picked-tab';

export interface Capture {
  stream: MediaStream;
  source: CaptureSource;
  /** True when a track carries sound. */
  hasAudio: boolean;
  /** Called once when the capture ends by itself (tab closed, sharing stopped). */
  onEnded(listener: () => void): void;
  stop(): void;
}

/** The capture size asked for: enough pixels for small tiles, bounded work per frame. */
const VIDEO = { maxWidth: 1280, maxHeight: 720, maxFrameRate: 30 } as const;

export class CaptureError extends Error {}

function wrap(stream: MediaStream, source: CaptureSource, playback: AudioContext | null): Capture {
  const listeners: (() => void)[] = [];
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    for (const listener of listeners) listener();
  };
  for (const track of stream.getTracks()) track.addEventListener('ended', end);
  return {
    stream,
    source,
    hasAudio: stream.getAudioTracks().length > 0,
    onEnded: (listener) => listeners.push(listener),
    stop: () => {
      ended = true;
      for (const track of stream.getTracks()) track.stop();
      playback?.close().catch(() => undefined);
    },
  };
}

/** Captures the tab the panel belongs to, and plays its sound back so the call stays audible. */
export async function captureCallTab(tabId: number): Promise<Capture> {
  const reply = await sendMessage('tabCaptureStreamId', tabId);
  if ('error' in reply) {
    throw new CaptureError(CAPTURE_TEXT.tabRefused(reply.error));
  }
  const tab = { chromeMediaSource: 'tab', chromeMediaSourceId: reply.streamId };
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { mandatory: tab },
    video: { mandatory: { ...tab, ...VIDEO } },
  } as MediaStreamConstraints);
  const playback = new AudioContext();
  if (stream.getAudioTracks().length > 0) playback.createMediaStreamSource(stream).connect(playback.destination);
  return wrap(stream, 'call-tab', playback);
}

/** Lets the interviewer pick any tab in the browser's share picker. */
export async function capturePickedTab(): Promise<Capture> {
  try {
    const stream = await navigator.mediaDevices.getDisplayMedia({
      video: {
        width: { max: VIDEO.maxWidth },
        height: { max: VIDEO.maxHeight },
        frameRate: { max: VIDEO.maxFrameRate },
      },
      audio: true,
      // Keeps the picker on tabs (the call), and the tab's sound playing as before.
      preferCurrentTab: false,
      selfBrowserSurface: 'exclude',
      surfaceSwitching: 'include',
      systemAudio: 'exclude',
    } as DisplayMediaStreamOptions);
    return wrap(stream, 'picked-tab', null);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotAllowedError') {
      throw new CaptureError(CAPTURE_TEXT.pickerRefused);
    }
    throw error;
  }
}

/** The panel's own tab when asked for and known, otherwise a tab picked in the share picker. */
export function startCapture(how: CaptureSource, tabId: number | null): Promise<Capture> {
  return how === 'call-tab' && tabId !== null ? captureCallTab(tabId) : capturePickedTab();
}

/** The watched tabs of this page (one message listener serves them all). */
const leftSiteListeners = new Map<number, () => void>();
let listeningForLeftSite = false;

/**
 * Calls `onLeft` when the tab goes to another site (tab capture follows the tab to whatever page it
 * shows next). The background watches the tab: the offscreen document has no chrome.tabs. Returns
 * the function that stops watching.
 */
export function watchSite(tabId: number, onLeft: () => void): () => void {
  if (!listeningForLeftSite) {
    listeningForLeftSite = true;
    onMessage('tabLeftSite', ({ data: leftTabId }) => leftSiteListeners.get(leftTabId)?.());
  }
  leftSiteListeners.set(tabId, onLeft);
  sendMessage('watchTabSite', { tabId, watching: true }).catch(() => undefined);
  return () => {
    if (leftSiteListeners.get(tabId) === onLeft) leftSiteListeners.delete(tabId);
    sendMessage('watchTabSite', { tabId, watching: false }).catch(() => undefined);
  };
}
