import { useCallback, useEffect, useRef, useState } from 'react';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { Box } from '@/utils/features/face-features';
import type { Finding } from '@/utils/findings/finding';
import { useAppStore } from '@/utils/store';
import { captureCallTab, capturePickedTab, CaptureError, type Capture, type CaptureSource } from '../live/capture';
import { LivePipeline, type LiveSummary } from '../live/live-pipeline';
import { SESSION_SIGNAL_STEP_S, newSession, sessionTimeS, shiftFindings, withEnded, withEvent, withNote, withRunFindings, withSignalPoint, type Session } from '@/utils/sessions/session';
import { signalPoint } from '@/utils/sessions/signal-points';
import { PENDING_PREFIX, storageProblem, type SessionDb } from '@/utils/storage/session-db';

/** Where the pipeline's preview stills go: to the preview while one is shown, else nowhere. */
export class PreviewSink {
  private drawer: ((picture: ImageBitmap) => void) | null = null;

  /** The preview takes the stills from now on; the returned function stops that. */
  attach(drawer: (picture: ImageBitmap) => void): () => void {
    this.drawer = drawer;
    return () => {
      if (this.drawer === drawer) this.drawer = null;
    };
  }

  /** Hands a still to the preview, or closes it when none is shown. */
  push(picture: ImageBitmap): void {
    if (this.drawer) this.drawer(picture);
    else picture.close();
  }
}

export interface LiveControls {
  /** Where the pipeline's preview stills go (the preview component plugs in its canvas). */
  previewSink: PreviewSink;
  start: (how: CaptureSource) => void;
  setPaused: (paused: boolean) => void;
  stop: () => void;
  choose: (face: Box) => void;
  /** A note stamped at call time `atS` (when the interviewer started typing it). */
  addNote: (text: string, atS: number) => void;
  /** Call time now, s (0 before the session exists). */
  callTimeS: () => number;
  /** Ends this tab's session (it stays in the sessions list); the next Start begins a new one. Only while not capturing. */
  endSession: () => void;
  /** Applies a change to the session (created if needed), saves it, and returns it. */
  updateSession: (apply: (session: Session, nowMs: number) => Session) => Session;
  /** The running analysis, which checks checklist answers; null while not capturing. */
  answerChecker: () => AnswerChecker | null;
}

/** The part of the live pipeline that checks checklist answers. */
export type AnswerChecker = Pick<LivePipeline, 'clockMs' | 'verify'>;

const SOURCE_TEXT: Record<CaptureSource, string> = { 'call-tab': 'this tab', 'picked-tab': 'a picked tab' };

const messageOf = (error: unknown) =>
  error instanceof CaptureError ? error.message : `Capture could not start: ${error instanceof Error ? error.message : String(error)}`;

/** Tab id under which a panel without a tab (opened as a page) keeps its session. */
const NO_TAB = -1;

/**
 * Starts and stops live capture for the panel's tab and keeps the tab's session. The capture and
 * the pipeline live in refs (per-frame work never touches React); the store gets the capture
 * state, throttled summaries, and the session, which is saved on every change.
 * `clientsRef`: [tracker (video mode), scanner (image mode)].
 */
export function useLiveCapture(
  tabId: number | null,
  clientsRef: React.RefObject<LandmarkerClient[]>,
  platform: string | null,
  db: SessionDb,
): LiveControls {
  const { setLive, setLiveSummary, setLiveSession, setSessionProblem } = useAppStore.getState();
  const captureRef = useRef<Capture | null>(null);
  const pipelineRef = useRef<LivePipeline | null>(null);
  const [previewSink] = useState(() => new PreviewSink());
  /** The session without the running capture's findings. */
  const baseRef = useRef<Session | null>(null);
  const runRef = useRef<{ offsetS: number; findings: Finding[] }>({ offsetS: 0, findings: [] });
  /** When the last signal point was taken, and the capture's frame tally then. */
  const pointRef = useRef({ sinceMs: 0, frames: { analysed: 0, withFace: 0 } });
  /** Stops watching the captured tab's navigation. */
  const unwatchRef = useRef<(() => void) | null>(null);
  const sessionTab = tabId ?? NO_TAB;

  /**
   * Shows the session with the running capture's findings and saves it. When storage fails the
   * session stays in memory (and on screen) and the next change tries again.
   */
  const publish = useCallback(() => {
    const base = baseRef.current;
    if (!base) return;
    const combined = withRunFindings(base, runRef.current.findings, Date.now());
    setLiveSession(combined);
    db.put(combined).then(
      () => setSessionProblem(null),
      (error: unknown) =>
        setSessionProblem(`${storageProblem(error, 'save this session')} It is kept while this panel stays open; save a copy before closing it.`),
    );
  }, [db, setLiveSession, setSessionProblem]);

  const ensureSession = useCallback(() => {
    baseRef.current ??= newSession(crypto.randomUUID(), sessionTab, Date.now(), platform);
    return baseRef.current;
  }, [platform, sessionTab]);

  /** Applies a change to the session (created if needed), saves it, and returns it. */
  const change = useCallback(
    (apply: (session: Session, nowMs: number) => Session) => {
      const next = apply(ensureSession(), Date.now());
      baseRef.current = next;
      publish();
      return next;
    },
    [ensureSession, publish],
  );

  const record = useCallback(
    (text: string) => {
      change((session, nowMs) => withEvent(session, text, nowMs));
    },
    [change],
  );

  /** Ends the running capture; its findings join the session. */
  const teardown = useCallback(() => {
    unwatchRef.current?.();
    unwatchRef.current = null;
    pipelineRef.current?.stop();
    captureRef.current?.stop();
    pipelineRef.current = null;
    captureRef.current = null;
    if (baseRef.current && runRef.current.findings.length > 0) {
      baseRef.current = withRunFindings(baseRef.current, runRef.current.findings, Date.now());
    }
    runRef.current = { offsetS: 0, findings: [] };
  }, []);

  /**
   * Tab capture follows the tab to whatever page it shows next; leaving the call's site ends the
   * capture (URLs are visible for the call sites Liveproof has host access to).
   */
  const watchNavigation = useCallback(
    (watchedTabId: number, capture: Capture) => {
      let origin: string | null = null;
      browser.tabs
        .get(watchedTabId)
        .then((tab) => (origin = tab.url ? new URL(tab.url).origin : null))
        .catch(() => undefined);
      const onUpdated = (updatedId: number, change: { url?: string }) => {
        if (updatedId !== watchedTabId || !change.url || !origin || new URL(change.url).origin === origin) return;
        if (captureRef.current !== capture) return;
        teardown();
        record('The call tab went to another site; capture stopped.');
        setLive({ state: 'ended', message: 'The call tab went to another site, so capture stopped. Findings and notes are kept below.' });
      };
      browser.tabs.onUpdated.addListener(onUpdated);
      unwatchRef.current = () => browser.tabs.onUpdated.removeListener(onUpdated);
    },
    [record, setLive, teardown],
  );

  useEffect(() => {
    let active = true;
    db.recoverFrom(browser.storage.local)
      .then(() => db.openForTab(sessionTab, Date.now()))
      .then(
        (session) => {
          if (!active) return;
          baseRef.current = session;
          setLiveSession(session);
          setSessionProblem(null);
        },
        (error: unknown) => {
          if (active) setSessionProblem(`${storageProblem(error, 'read saved sessions')} A new session is kept in this panel meanwhile.`);
        },
      );
    // A closing or reloading panel never unmounts React, so the capture is ended here.
    const onPageHide = () => {
      if (!pipelineRef.current) return;
      teardown();
      if (!baseRef.current) return;
      const closed = withEvent(baseRef.current, 'The panel was closed; capture stopped.', Date.now());
      baseRef.current = closed;
      void browser.storage.local.set({ [`${PENDING_PREFIX}${closed.id}`]: closed });
    };
    window.addEventListener('pagehide', onPageHide);
    return () => {
      active = false;
      window.removeEventListener('pagehide', onPageHide);
      onPageHide();
    };
  }, [db, sessionTab, setLiveSession, setSessionProblem, teardown]);

  /** Every SESSION_SIGNAL_STEP_S the session gets a point of what the signals were like. */
  const samplePoint = useCallback(
    (summary: LiveSummary) => {
      const last = pointRef.current;
      const nowMs = Date.now();
      if (nowMs - last.sinceMs < SESSION_SIGNAL_STEP_S * 1000) return;
      pointRef.current = { sinceMs: nowMs, frames: summary.frames };
      const inStep = {
        analysed: summary.frames.analysed - last.frames.analysed,
        withFace: summary.frames.withFace - last.frames.withFace,
      };
      const session = ensureSession();
      const point = signalPoint(sessionTimeS(session, nowMs), inStep, summary.lipSync);
      if (point) change((current) => withSignalPoint(current, point, nowMs));
    },
    [change, ensureSession],
  );

  const onSummary = useCallback(
    (summary: LiveSummary) => {
      setLiveSummary(summary);
      samplePoint(summary);
      const previous = runRef.current.findings;
      const next = shiftFindings(summary.findings, runRef.current.offsetS);
      if (JSON.stringify(previous) !== JSON.stringify(next)) {
        runRef.current = { ...runRef.current, findings: next };
        publish();
      }
    },
    [publish, samplePoint, setLiveSummary],
  );

  const start = useCallback(
    (how: CaptureSource) => {
      const [tracker, scanner] = clientsRef.current;
      if (!tracker || !scanner) {
        setLive({ state: 'failed', message: 'The face model is not loaded yet; wait for "Model loaded" and try again.' });
        return;
      }
      if (how === 'call-tab' && tabId === null) {
        setLive({ state: 'failed', message: 'This panel is not attached to a tab; use "Pick a tab".' });
        return;
      }
      teardown();
      setLive({ state: 'starting' });
      setLiveSummary(null);
      const capturing = how === 'call-tab' && tabId !== null ? captureCallTab(tabId) : capturePickedTab();
      capturing
        .then((capture) => {
          const session = ensureSession();
          runRef.current = { offsetS: sessionTimeS(session, Date.now()), findings: [] };
          pointRef.current = { sinceMs: Date.now(), frames: { analysed: 0, withFace: 0 } };
          captureRef.current = capture;
          const onPreview = (picture: ImageBitmap) => previewSink.push(picture);
          pipelineRef.current = new LivePipeline(capture.stream, { tracker, scanner, onSummary, onPreview });
          capture.onEnded(() => {
            teardown();
            record('Capture ended by itself (tab closed or navigated away, or sharing stopped).');
            setLive({
              state: 'ended',
              message: 'The capture ended (the tab was closed, navigated away, or sharing was stopped). Findings and notes are kept below.',
            });
          });
          if (capture.source === 'call-tab' && tabId !== null) watchNavigation(tabId, capture);
          record(`Capture started on ${SOURCE_TEXT[capture.source]}.`);
          setLive({ state: 'live', hasAudio: capture.hasAudio });
        })
        .catch((error: unknown) => setLive({ state: 'failed', message: messageOf(error) }));
    },
    [clientsRef, ensureSession, onSummary, previewSink, record, setLive, setLiveSummary, tabId, teardown, watchNavigation],
  );

  const setPaused = useCallback(
    (paused: boolean) => {
      const capture = captureRef.current;
      if (!capture || !pipelineRef.current) return;
      pipelineRef.current.setPaused(paused);
      record(paused ? 'Analysis paused.' : 'Analysis resumed.');
      setLive({ state: paused ? 'paused' : 'live', hasAudio: capture.hasAudio });
    },
    [record, setLive],
  );

  const stop = useCallback(() => {
    teardown();
    record('Capture stopped.');
    setLive({ state: 'ended', message: 'Capture stopped. Findings and notes are kept below.' });
  }, [record, setLive, teardown]);

  const choose = useCallback((face: Box) => pipelineRef.current?.choose(face), []);

  const addNote = useCallback(
    (text: string, atS: number) => {
      change((session, nowMs) => withNote(session, crypto.randomUUID(), text, atS, nowMs));
    },
    [change],
  );

  const callTimeS = useCallback(() => (baseRef.current ? sessionTimeS(baseRef.current, Date.now()) : 0), []);

  const answerChecker = useCallback(() => pipelineRef.current, []);

  const endSession = useCallback(() => {
    if (pipelineRef.current || !baseRef.current) return;
    const nowMs = Date.now();
    const ended = withEvent(withEnded(baseRef.current, nowMs), 'Session ended.', nowMs);
    baseRef.current = null;
    setLiveSession(null);
    setLiveSummary(null);
    setLive({ state: 'idle' });
    db.put(ended).catch((error: unknown) => {
      baseRef.current = ended;
      setLiveSession(ended);
      setSessionProblem(storageProblem(error, 'save the ended session'));
    });
  }, [db, setLive, setLiveSession, setLiveSummary, setSessionProblem]);

  return { previewSink, start, setPaused, stop, choose, addNote, callTimeS, endSession, updateSession: change, answerChecker };
}
