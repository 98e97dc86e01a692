import { useEffect, useMemo, useState } from 'react';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { Box } from '@/utils/features/face-features';
import { startCapture, watchSite, type CaptureSource } from '@/utils/live/capture';
import { LivePipeline } from '@/utils/live/live-pipeline';
import { LiveSession, type AnswerChecker } from '@/utils/live/live-session';
import { PreviewSink } from '@/utils/live/preview-sink';
import type { Session } from '@/utils/sessions/session';
import type { SessionDb } from '@/utils/storage/session-db';
import { useAppStore } from '@/utils/store';

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
  /**
   * Ends this tab's session (it stays in the sessions list); the next Start begins a new one. Only
   * while not capturing.
   */
  endSession: () => void;
  /** Applies a change to the session (created if needed), saves it, and returns it. */
  updateSession: (apply: (session: Session, nowMs: number) => Session) => Session;
  /** The running analysis, which checks checklist answers; null while not capturing. */
  answerChecker: () => AnswerChecker | null;
  /** The interviewer told the candidate: face identity compares from now on in this session. */
  consentToIdentity: () => void;
  /** Face identity on or off for this session (off deletes its face measurements). */
  setIdentityEnabled: (enabled: boolean) => void;
  /** Links the session to the earlier round it follows (null: unlinks). */
  linkPreviousRound: (earlierId: string | null) => Promise<void>;
}

/**
 * The panel's live session (utils/live/live-session.ts) wired to the store and the browser:
 * created once per tab, opened on mount, closed when the panel closes or reloads (which never
 * unmounts React, hence pagehide). `clientsRef`: [tracker (video mode), scanner (image mode)].
 */
export function useLiveCapture(
  tabId: number | null,
  clientsRef: React.RefObject<LandmarkerClient[]>,
  platform: string | null,
  db: SessionDb,
): LiveControls {
  const [previewSink] = useState(() => new PreviewSink());
  const session = useMemo(() => {
    const { setLive, setLiveSummary, setLiveSession, setSessionProblem } = useAppStore.getState();
    return new LiveSession({
      tabId,
      platform,
      db,
      storage: browser.storage.local,
      view: { setLive, setLiveSummary, setLiveSession, setSessionProblem },
      clients: clientsRef,
      capture: startCapture,
      createPipeline: (stream, options) => new LivePipeline(stream, options),
      watchSite,
      onPreview: (picture) => previewSink.push(picture),
    });
  }, [clientsRef, db, platform, previewSink, tabId]);

  useEffect(() => {
    const opening = new AbortController();
    void session.open(opening.signal);
    const onPageHide = () => session.close();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      opening.abort();
      window.removeEventListener('pagehide', onPageHide);
      session.close();
    };
  }, [session]);

  return useMemo(
    () => ({
      previewSink,
      start: (how) => session.start(how),
      setPaused: (paused) => session.setPaused(paused),
      stop: () => session.stop(),
      choose: (face) => session.choose(face),
      addNote: (text, atS) => session.addNote(text, atS),
      callTimeS: () => session.callTimeS(),
      endSession: () => session.endSession(),
      updateSession: (apply) => session.update(apply),
      answerChecker: () => session.answerChecker(),
      consentToIdentity: () => session.consentToIdentity(),
      setIdentityEnabled: (enabled) => session.setIdentityEnabled(enabled),
      linkPreviousRound: (earlierId) => session.linkPreviousRound(earlierId),
    }),
    [previewSink, session],
  );
}
