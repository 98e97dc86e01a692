/**
 * The offscreen document's side of the live hosts: one LiveHost per call tab, created when a
 * panel attaches, kept while a panel is open on the tab or its capture runs, closed when neither
 * is true any more (the document closes when no tab is left). Panels hold a shared Web Lock per
 * tab while open (viewLockName); the lock becoming free is how a closed panel is noticed.
 */
import { sendMessage } from '@/utils/messaging';
import { relayedStorage } from '@/utils/storage/relayed-storage';
import { SessionDb } from '@/utils/storage/session-db';
import { captureCallTab, CaptureError, watchSite } from './capture';
import { HOST_CHANNEL, viewLockName, type ToHost, type ToView } from './host-protocol';
import { LiveHost, startLiveEngine } from './live-host';
import { LivePipeline } from './live-pipeline';
import { LIVE_TEXT } from '@/utils/wording/live-session';
import { PLACE_TEXT } from '@/utils/wording/capture';
import type { DelegateChoice } from '@/utils/engine/landmarks';

interface Hosted {
  host: LiveHost;
  /** A panel is open on the tab (its view lock is held). */
  viewed: boolean;
  /** Waiting for the tab's panels to close. */
  watching: boolean;
}

/** JPEG quality of the preview stills sent to the panel: small, and only for finding faces on. */
const PREVIEW_QUALITY = 0.7;

async function jpegOf(picture: ImageBitmap): Promise<Blob> {
  const canvas = new OffscreenCanvas(picture.width, picture.height);
  canvas.getContext('2d')?.drawImage(picture, 0, 0);
  picture.close();
  return canvas.convertToBlob({ type: 'image/jpeg', quality: PREVIEW_QUALITY });
}

export function serveHosts(): void {
  const channel = new BroadcastChannel(HOST_CHANNEL);
  const db = new SessionDb();
  const hosts = new Map<number, Hosted>();
  const post = (message: ToView) => channel.postMessage(message);

  const releaseIfIdle = (tabId: number) => {
    const hosted = hosts.get(tabId);
    if (!hosted || hosted.viewed || hosted.host.capturing()) return;
    release(tabId);
  };

  const release = (tabId: number) => {
    const hosted = hosts.get(tabId);
    if (!hosted) return;
    hosts.delete(tabId);
    hosted.host.close();
    void hosted.host.saved().then(() => {
      if (hosts.size === 0) sendMessage('offscreenIdle', undefined).catch(() => undefined);
    });
  };

  const watchViewers = (tabId: number, hosted: Hosted) => {
    hosted.viewed = true;
    if (hosted.watching) return;
    hosted.watching = true;
    // Granted once every panel on the tab has let go of its shared lock (closed or reloaded).
    void navigator.locks.request(viewLockName(tabId), { mode: 'exclusive' }, () => {
      hosted.watching = false;
      hosted.viewed = false;
      releaseIfIdle(tabId);
    });
  };

  const hostFor = (tabId: number, platform: string | null, delegate: DelegateChoice): Hosted => {
    const existing = hosts.get(tabId);
    if (existing) return existing;
    const host: LiveHost = new LiveHost({
      place: 'offscreen',
      tabId,
      platform,
      delegate,
      db,
      storage: relayedStorage,
      startEngine: startLiveEngine,
      capture: (how, captureTab) =>
        how === 'call-tab' && captureTab !== null
          ? captureCallTab(captureTab)
          : Promise.reject(new CaptureError(LIVE_TEXT.noTab)),
      createPipeline: (stream, options) => new LivePipeline(stream, options),
      watchSite,
      onPreview: (picture) => {
        if (!hosts.get(tabId)?.viewed) {
          picture.close();
          return;
        }
        void jpegOf(picture).then((jpeg) => post({ to: 'view', tabId, kind: 'preview', picture: jpeg }));
      },
      onState: (state) => {
        post({ to: 'view', tabId, kind: 'state', state });
        if (state.live) releaseIfIdle(tabId);
      },
      onAnalysing: (analysing) => sendMessage('liveBadge', { tabId, analysing }).catch(() => undefined),
    });
    const hosted: Hosted = { host, viewed: false, watching: false };
    hosts.set(tabId, hosted);
    void host.open();
    return hosted;
  };

  channel.onmessage = (event: MessageEvent<ToHost>) => {
    const message = event.data;
    if (message.to !== 'host') return;
    const { tabId } = message;
    switch (message.kind) {
      case 'attach': {
        const hosted = hostFor(tabId, message.platform, message.delegate);
        watchViewers(tabId, hosted);
        post({ to: 'view', tabId, kind: 'snapshot', state: hosted.host.snapshot() });
        return;
      }
      case 'command': {
        const hosted = hosts.get(tabId);
        if (hosted) hosted.host.run(message.command);
        else post({ to: 'view', tabId, kind: 'state', state: { sessionProblem: PLACE_TEXT.hostGone } });
        return;
      }
      case 'release': {
        const hosted = hosts.get(tabId);
        if (!hosted) {
          post({ to: 'view', tabId, kind: 'released' });
          return;
        }
        release(tabId);
        void hosted.host.saved().then(() => post({ to: 'view', tabId, kind: 'released' }));
        return;
      }
    }
  };
}
