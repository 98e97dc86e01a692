import { useEffect, useMemo, useRef, useState } from 'react';
import type { Box } from '@/utils/features/face-features';
import { sendMessage } from '@/utils/messaging';
import { capturePickedTab, startCapture, watchSite, type Capture, type CaptureSource } from '@/utils/live/capture';
import {
  HOST_CHANNEL,
  viewLockName,
  type HostCommand,
  type HostPlace,
  type HostState,
  type SessionDetails,
  type ToHost,
  type ToView,
} from '@/utils/live/host-protocol';
import { LiveHost, startLiveEngine } from '@/utils/live/live-host';
import { LivePipeline } from '@/utils/live/live-pipeline';
import { captureFailureText } from '@/utils/live/live-session';
import { PreviewSink } from '@/utils/live/preview-sink';
import { StateBatch } from '@/utils/live/state-batch';
import { sessionTimeS } from '@/utils/sessions/session';
import type { SessionDb } from '@/utils/storage/session-db';
import { useAppStore } from '@/utils/store';
import { PLACE_TEXT } from '@/utils/wording/capture';

export interface LiveControls {
  /** Where the pipeline's preview stills go (the preview component plugs in its canvas). */
  previewSink: PreviewSink;
  start: (how: CaptureSource) => void;
  setPaused: (paused: boolean) => void;
  stop: () => void;
  choose: (face: Box) => void;
  /** The next face of the call in reading order becomes the candidate. */
  chooseNext: () => void;
  /** A note stamped at call time `atS` (when the interviewer started typing it). */
  addNote: (text: string, atS: number) => void;
  editNote: (id: string, text: string) => void;
  setDetails: (change: SessionDetails) => void;
  /** Call time now, s (0 before the session exists). */
  callTimeS: () => number;
  /**
   * Ends this tab's session (it stays in the sessions list); the next Start begins a new one. Only
   * while not capturing.
   */
  endSession: () => void;
  /** The interviewer told the candidate: face identity compares from now on in this session. */
  consentToIdentity: () => void;
  /** Face identity on or off for this session (off deletes its face measurements). */
  setIdentityEnabled: (enabled: boolean) => void;
  /** Links the session to the earlier round it follows (null: unlinks). */
  linkPreviousRound: (earlierId: string | null) => void;
  /** Any command to the tab's host (the checklist's). */
  run: (command: HostCommand) => void;
}

/** The panel's way to its tab's host, wherever that runs. */
interface HostLink {
  place: HostPlace;
  run(command: HostCommand): void;
  /** Lets the host go: a local one ends its capture; an offscreen one keeps running. */
  close(): void;
}

/** How often a panel asks the offscreen document to attach, and after how long it says it cannot reach it. */
const ATTACH_TRY_MS = 400;
const ATTACH_SLOW_MS = 20_000;
/** How long a hand-over waits for the offscreen host to save the session. */
const RELEASE_WAIT_MS = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Shows a host's state in the panel's store. */
function show(change: Partial<HostState>): void {
  const store = useAppStore.getState();
  if (change.place) store.setLivePlace(change.place);
  if (change.engine) store.setEngine(change.engine);
  if (change.live) store.setLive(change.live);
  if ('liveSummary' in change) store.setLiveSummary(change.liveSummary ?? null);
  if ('liveSession' in change) store.setLiveSession(change.liveSession ?? null);
  if ('sessionProblem' in change) store.setSessionProblem(change.sessionProblem ?? null);
}

interface LinkSetup {
  tabId: number | null;
  platform: string | null;
  db: SessionDb;
  previewSink: PreviewSink;
}

/** A host in this page: for a panel without a tab, and for a picked tab (no offscreen capture of those). */
function localHost({ tabId, platform, db, previewSink }: LinkSetup, picked: Capture | null = null): HostLink {
  let handedCapture = picked;
  const shown = new StateBatch(show);
  const host = new LiveHost({
    place: 'panel',
    tabId,
    platform,
    db,
    storage: browser.storage.local,
    delegate: useAppStore.getState().preferredDelegate,
    startEngine: startLiveEngine,
    capture: (how, captureTab) => {
      const ready = handedCapture;
      handedCapture = null;
      return ready && how === 'picked-tab' ? Promise.resolve(ready) : startCapture(how, captureTab);
    },
    createPipeline: (stream, options) => new LivePipeline(stream, options),
    watchSite,
    onPreview: (picture) => previewSink.push(picture),
    onState: (change) => shown.add(change),
    onAnalysing: (analysing) => {
      if (tabId !== null) sendMessage('liveBadge', { tabId, analysing }).catch(() => undefined);
    },
  });
  show(host.snapshot());
  const opening = new AbortController();
  void host.open(opening.signal);
  // A closing or reloading panel never unmounts React: pagehide is the last moment to keep the session.
  const onPageHide = () => host.close();
  window.addEventListener('pagehide', onPageHide);
  return {
    place: 'panel',
    run: (command) => host.run(command),
    close: () => {
      opening.abort();
      window.removeEventListener('pagehide', onPageHide);
      host.close();
      shown.cancel();
    },
  };
}

interface RemoteLink extends HostLink {
  /** Asks the offscreen host to save and let go of the session (before this panel takes it). */
  release(): Promise<void>;
}

/**
 * The tab's host in the offscreen document, created there if needed. The panel holds the tab's
 * view lock while open (how the host notices it closed); commands wait until the host answers.
 * `onSlow`: the document has not answered for a while.
 */
function offscreenHost(
  { tabId, platform, previewSink }: LinkSetup & { tabId: number },
  onSlow: () => void,
): RemoteLink {
  const channel = new BroadcastChannel(HOST_CHANNEL);
  const send = (message: ToHost) => channel.postMessage(message);
  let attached = false;
  let closed = false;
  let waiting: HostCommand[] = [];
  let onReleased: (() => void) | null = null;
  let letGo: () => void = () => undefined;
  const lockHeld = new Promise<void>((held) => {
    void navigator.locks.request(
      viewLockName(tabId),
      { mode: 'shared' },
      () =>
        new Promise<void>((release) => {
          letGo = release;
          held();
        }),
    );
  });

  channel.onmessage = (event: MessageEvent<ToView>) => {
    const message = event.data;
    if (closed || message.to !== 'view' || message.tabId !== tabId) return;
    if (message.kind === 'state') show(message.state);
    else if (message.kind === 'snapshot') {
      show(message.state);
      if (!attached) {
        attached = true;
        for (const command of waiting) send({ to: 'host', tabId, kind: 'command', command });
        waiting = [];
      }
    } else if (message.kind === 'preview') {
      createImageBitmap(message.picture).then(
        (picture) => (closed ? picture.close() : previewSink.push(picture)),
        () => undefined,
      );
    } else onReleased?.();
  };

  void (async () => {
    await lockHeld;
    for (let waitedMs = 0; !attached && !closed; waitedMs += ATTACH_TRY_MS) {
      // Said once, and asked on: running the analysis here as well would save the session twice.
      if (waitedMs === ATTACH_SLOW_MS) onSlow();
      send({ to: 'host', tabId, kind: 'attach', platform, delegate: useAppStore.getState().preferredDelegate });
      // Not awaited (a busy service worker must not hold up an open document's answer); asked again
      // now and then, as the document may have been closing when the panel first asked.
      if (waitedMs % (ATTACH_TRY_MS * 5) === 0) sendMessage('ensureOffscreen', undefined).catch(() => undefined);
      await sleep(ATTACH_TRY_MS);
    }
  })();

  return {
    place: 'offscreen',
    run: (command) => {
      if (attached) send({ to: 'host', tabId, kind: 'command', command });
      else waiting.push(command);
    },
    release: () =>
      new Promise<void>((released) => {
        onReleased = released;
        setTimeout(released, RELEASE_WAIT_MS);
        send({ to: 'host', tabId, kind: 'release' });
      }),
    close: () => {
      closed = true;
      channel.close();
      letGo();
    },
  };
}

/**
 * The panel's live controls: a call-tab capture runs in the offscreen document, so the panel is
 * only a view of it (closing or reloading the panel neither stops nor restarts it); a panel without
 * a tab, or capturing a picked tab, runs the analysis itself. `platform` undefined: not known yet.
 */
export function useLiveCapture(tabId: number | null, platform: string | null | undefined, db: SessionDb): LiveControls {
  const [previewSink] = useState(() => new PreviewSink());
  const linkRef = useRef<HostLink | null>(null);

  useEffect(() => {
    if (platform === undefined) return;
    const setup = { tabId, platform, db, previewSink };
    const link =
      tabId === null
        ? localHost(setup)
        : offscreenHost({ ...setup, tabId }, () =>
            useAppStore.getState().setSessionProblem(PLACE_TEXT.offscreenUnreachable),
          );
    linkRef.current = link;
    const unsubscribe = useAppStore.subscribe((state, previous) => {
      if (state.preferredDelegate !== previous.preferredDelegate) {
        linkRef.current?.run({ kind: 'delegate', delegate: state.preferredDelegate });
      }
    });
    return () => {
      unsubscribe();
      linkRef.current = null;
      link.close();
    };
  }, [db, platform, previewSink, tabId]);

  return useMemo(() => {
    const run = (command: HostCommand) => linkRef.current?.run(command);
    /** A picked tab is captured here (in the click's gesture), then this panel takes the session over. */
    const pickHere = async (remote: RemoteLink) => {
      let picked: Capture;
      try {
        picked = await capturePickedTab();
      } catch (error) {
        useAppStore.getState().setLive({ state: 'failed', message: captureFailureText(error) });
        return;
      }
      await remote.release();
      if (linkRef.current !== remote || platform === undefined) {
        picked.stop();
        return;
      }
      remote.close();
      const local = localHost({ tabId, platform, db, previewSink }, picked);
      linkRef.current = local;
      local.run({ kind: 'start', how: 'picked-tab' });
    };
    return {
      previewSink,
      run,
      start: (how) => {
        const link = linkRef.current;
        if (how === 'picked-tab' && link?.place === 'offscreen') void pickHere(link as RemoteLink);
        else run({ kind: 'start', how });
      },
      setPaused: (paused) => run({ kind: 'pause', paused }),
      stop: () => run({ kind: 'stop' }),
      choose: (face) => run({ kind: 'choose', face }),
      chooseNext: () => run({ kind: 'choose-next' }),
      addNote: (text, atS) => run({ kind: 'add-note', text, atS }),
      editNote: (id, text) => run({ kind: 'edit-note', id, text }),
      setDetails: (change) => run({ kind: 'details', change }),
      callTimeS: () => {
        const session = useAppStore.getState().liveSession;
        return session ? sessionTimeS(session, Date.now()) : 0;
      },
      endSession: () => run({ kind: 'end-session' }),
      consentToIdentity: () => run({ kind: 'consent-identity' }),
      setIdentityEnabled: (enabled) => run({ kind: 'identity', enabled }),
      linkPreviousRound: (earlierId) => run({ kind: 'link-round', earlierId }),
    };
  }, [db, platform, previewSink, tabId]);
}
