/**
 * The live session of the panel's tab, without React: the capture's lifecycle (start, pause,
 * stop, the tab leaving the call's site, the panel closing), the session it fills (created when
 * needed, saved on every change, recovered after a reload), its signal points, and the running
 * pipeline's findings. The view (the store) gets the capture state, throttled summaries and the
 * session; the browser parts come in as parameters, so tests pass plain objects.
 */
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { Box } from '@/utils/features/face-features';
import type { Finding } from '@/utils/findings/finding';
import {
  SESSION_SIGNAL_STEP_S,
  newSession,
  sessionTimeS,
  shiftFindings,
  withEnded,
  withEvent,
  withNote,
  withRunFindings,
  withSignalPoint,
  type Session,
} from '@/utils/sessions/session';
import { signalPoint, type FrameTally } from '@/utils/sessions/signal-points';
import {
  identityActive,
  refreshRoundFinding,
  withIdentityConsent,
  withIdentityEnabled,
  withIdentityProfile,
  withPreviousRound,
} from '@/utils/sessions/identity';
import { descriptorDistance, mergeProfiles, type IdentityProfile } from '@/utils/features/descriptor';
import { findingTimeS } from '@/utils/findings/finding';
import { likenessChangeMessage } from '@/utils/wording/findings';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import type { KeyValueStorage } from '@/utils/storage/key-value-storage';
import { PENDING_PREFIX, type SessionDb } from '@/utils/storage/session-db';
import { storageProblem } from '@/utils/wording/storage';
import { LIVE_TEXT } from '@/utils/wording/live-session';
import { CaptureError, type Capture, type CaptureSource } from './capture';
import type { LivePipeline, LivePipelineOptions } from './live-pipeline';
import type { LiveSummary } from '@/utils/live/live-summary';
import type { LiveIdentity } from './live-analysis-protocol';
import type { HostPlace } from './host-protocol';
import { messageOf } from '@/utils/common/error-message';

export type LiveCapture =
  | { state: 'idle' }
  | { state: 'starting' }
  | { state: 'live' | 'paused'; hasAudio: boolean }
  /** Ended by itself (tab closed, sharing stopped) or by Stop; the findings stay. */
  | { state: 'ended'; message: string }
  | { state: 'failed'; message: string };

/** Where the session shows: the store. */
export interface LiveView {
  setLive: (live: LiveCapture) => void;
  setLiveSummary: (summary: LiveSummary | null) => void;
  setLiveSession: (session: Session | null) => void;
  setSessionProblem: (problem: string | null) => void;
}

/** The part of the live pipeline the session drives. */
export type PipelineControls = Pick<
  LivePipeline,
  'setPaused' | 'choose' | 'chooseNext' | 'clockMs' | 'verify' | 'prepare' | 'setIdentity' | 'stop'
>;

/** The part of the live pipeline that checks checklist answers. */
export type AnswerChecker = Pick<LivePipeline, 'clockMs' | 'verify' | 'prepare'>;

export interface LiveSessionDeps {
  /** Where the session is held: the panel, or the offscreen document (outliving the panel). */
  place: HostPlace;
  /** The panel's tab; null for a panel opened as a page. */
  tabId: number | null;
  /** The call site's name, if the tab is on one. */
  platform: string | null;
  db: Pick<SessionDb, 'put' | 'recoverFrom' | 'openForTab' | 'get' | 'readable'>;
  /** Extension storage: a closing panel leaves its last copy here (IndexedDB writes die with the page). */
  storage: KeyValueStorage;
  view: LiveView;
  /** [tracker (video mode), scanner (image mode)] once the model is loaded. */
  clients: { readonly current: readonly LandmarkerClient[] };
  capture: (how: CaptureSource, tabId: number | null) => Promise<Capture>;
  createPipeline: (stream: MediaStream, options: LivePipelineOptions) => PipelineControls;
  /** Calls `onLeft` when the tab leaves its site; returns the stop function. */
  watchSite: (tabId: number, onLeft: () => void) => () => void;
  /** Preview stills go here (the preview component plugs in its canvas). */
  onPreview: (picture: ImageBitmap) => void;
  /** Wall clock, ms since the epoch. */
  nowMs?: () => number;
  newId?: () => string;
}

/** Tab id under which a panel without a tab (opened as a page) keeps its session. */
const NO_TAB = -1;

/** A stored profile as the numbers the descriptor code works with. */
const storedProfile = (profile: NonNullable<Session['identity']['profile']>): IdentityProfile | null =>
  profile.descriptor ? { ...profile, descriptor: Float32Array.from(profile.descriptor) } : null;

/** Why a capture could not start, in the interviewer's words. */
export const captureFailureText = (error: unknown) =>
  error instanceof CaptureError ? error.message : LIVE_TEXT.captureFailed(messageOf(error));

export class LiveSession {
  private capture: Capture | null = null;
  private pipeline: PipelineControls | null = null;
  /** A capture that started while the models loaded, until they are ready. */
  private waitingCapture: Capture | null = null;
  /** Why the models could not load, when they could not. */
  private engineProblem: string | null = null;
  /** Counts starts and teardowns, so a capture that arrives after either is stopped, not analysed. */
  private starts = 0;
  /** The session without the running capture's findings. */
  private base: Session | null = null;
  /** The running capture's findings, on the session's clock (`offsetS` after its start). */
  private run: { offsetS: number; findings: Finding[] } = { offsetS: 0, findings: [] };
  /** When the last signal point was taken, and the capture's frame tally then. */
  private lastPoint: { atMs: number; frames: FrameTally } = { atMs: 0, frames: { analysed: 0, withFace: 0 } };
  private unwatch: (() => void) | null = null;
  /**
   * The stored profile when the running capture started (a session may have several captures),
   * the faces last saved, and the earlier round the session is linked to (with all sessions, for
   * round numbers).
   */
  private identityRun: { before: IdentityProfile | null; savedReads: number; changeNoted: boolean } = {
    before: null,
    savedReads: 0,
    changeNoted: false,
  };
  private earlierRound: { session: Session; all: Session[] } | null = null;
  /**
   * Changes made before this tab's saved session was read (a note typed as the panel opens): shown
   * at once, saved only once they are applied again to the saved session, so none is lost and no
   * second session appears. Null once the saved session is read.
   */
  private beforeOpen: Array<{ apply: (session: Session, nowMs: number) => Session; nowMs: number }> | null = [];
  /** The latest save (see saved()). */
  private saving: Promise<void> = Promise.resolve();
  private readonly nowMs: () => number;
  private readonly newId: () => string;

  constructor(private readonly deps: LiveSessionDeps) {
    this.nowMs = deps.nowMs ?? (() => Date.now());
    this.newId = deps.newId ?? (() => crypto.randomUUID());
  }

  private get sessionTab(): number {
    return this.deps.tabId ?? NO_TAB;
  }

  /**
   * Moves copies left by closed panels into the database, then resumes this tab's session; an
   * aborted `signal` (the panel went away meanwhile) drops the result.
   */
  async open(signal?: AbortSignal): Promise<void> {
    const { db, view } = this.deps;
    try {
      await db.recoverFrom(this.deps.storage);
      const session = await db.openForTab(this.sessionTab, this.nowMs());
      if (signal?.aborted) return;
      view.setSessionProblem(null);
      this.applyBeforeOpen(session);
      if (session?.identity.previousRoundId) await this.loadEarlierRound(session.identity.previousRoundId);
    } catch (error) {
      if (signal?.aborted) return;
      view.setSessionProblem(LIVE_TEXT.newSessionMeanwhile(storageProblem(error, 'read saved sessions')));
      this.applyBeforeOpen(null);
    }
  }

  /** The saved session (or none) takes the place of the one shown meanwhile, with its changes applied again. */
  private applyBeforeOpen(saved: Session | null): void {
    const changes = this.beforeOpen ?? [];
    this.beforeOpen = null;
    if (changes.length === 0) {
      this.base = saved;
      this.deps.view.setLiveSession(saved);
      return;
    }
    if (saved) this.base = changes.reduce((session, change) => change.apply(session, change.nowMs), saved);
    this.publish();
  }

  /** The panel is closing: the capture ends and the session's last copy goes to extension storage. */
  close(): void {
    const wasAnalysing = this.pipeline !== null;
    // Also stops a capture still waiting for the models.
    this.teardown();
    if (!wasAnalysing || !this.base) return;
    const closed = withEvent(this.base, LIVE_TEXT.panelClosedEvent, this.nowMs());
    this.base = closed;
    void this.deps.storage.set({ [`${PENDING_PREFIX}${closed.id}`]: closed });
  }

  /**
   * Starts a capture. With `engineLoading`, the models are still loading: the capture starts now
   * (it takes as long as they do, so neither waits for the other) and the analysis once
   * `engineReady` is called.
   */
  start(how: CaptureSource, engineLoading = false): void {
    const { view, tabId } = this.deps;
    if (!engineLoading && this.deps.clients.current.length < 2) {
      view.setLive({ state: 'failed', message: LIVE_TEXT.modelNotLoaded });
      return;
    }
    if (how === 'call-tab' && tabId === null) {
      view.setLive({ state: 'failed', message: LIVE_TEXT.noTab });
      return;
    }
    // The engine is loading again (another delegate, say): an earlier failure no longer holds.
    if (engineLoading) this.engineProblem = null;
    this.teardown();
    view.setLive({ state: 'starting' });
    view.setLiveSummary(null);
    const asked = ++this.starts;
    this.deps.capture(how, tabId).then(
      (capture) => {
        // The analysis starts in a task of its own, not in the one that delivered the capture:
        // on 2 cores the two together held the page for over 50 ms.
        setTimeout(() => {
          if (asked !== this.starts) capture.stop();
          else this.captured(capture);
        }, 0);
      },
      (error: unknown) => {
        if (asked === this.starts) view.setLive({ state: 'failed', message: captureFailureText(error) });
      },
    );
  }

  /** The models are ready: a capture that waited for them is analysed from now on. */
  engineReady(): void {
    this.engineProblem = null;
    const capture = this.waitingCapture;
    this.waitingCapture = null;
    if (capture) this.captured(capture);
  }

  /** The models could not load: a capture that waited for them ends, with why. */
  engineFailed(message: string): void {
    this.engineProblem = message;
    const capture = this.waitingCapture;
    if (!capture) return;
    this.waitingCapture = null;
    capture.stop();
    this.deps.view.setLive({ state: 'failed', message });
  }

  private captured(capture: Capture): void {
    const [tracker, scanner] = this.deps.clients.current;
    if (tracker && scanner) {
      try {
        this.started(capture, tracker, scanner);
      } catch (error) {
        this.teardown();
        capture.stop();
        this.deps.view.setLive({ state: 'failed', message: captureFailureText(error) });
      }
      return;
    }
    if (this.engineProblem !== null) {
      capture.stop();
      this.deps.view.setLive({ state: 'failed', message: this.engineProblem });
      return;
    }
    this.waitingCapture = capture;
    capture.onEnded(() => {
      if (this.waitingCapture !== capture) return;
      this.waitingCapture = null;
      this.record(LIVE_TEXT.endedEvent);
      this.deps.view.setLive({ state: 'ended', message: LIVE_TEXT.ended });
    });
  }

  setPaused(paused: boolean): void {
    const capture = this.capture;
    if (!capture || !this.pipeline) return;
    this.pipeline.setPaused(paused);
    this.record(paused ? LIVE_TEXT.paused : LIVE_TEXT.resumed);
    this.deps.view.setLive({ state: paused ? 'paused' : 'live', hasAudio: capture.hasAudio });
  }

  stop(): void {
    this.finish(LIVE_TEXT.stoppedEvent, LIVE_TEXT.stopped);
  }

  choose(face: Box): void {
    this.pipeline?.choose(face);
  }

  chooseNext(): void {
    this.pipeline?.chooseNext();
  }

  /** The interviewer read the consent line to the candidate: face identity may compare from now on. */
  consentToIdentity(): void {
    const session = this.update((current, nowMs) => withIdentityConsent(current, nowMs));
    this.pipeline?.setIdentity(identityActive(session));
  }

  /** Face identity on or off for this session (off deletes the stored profile and the round comparison). */
  setIdentityEnabled(enabled: boolean): void {
    const session = this.update((current, nowMs) => withIdentityEnabled(current, enabled, nowMs));
    if (!enabled) this.identityRun = { before: null, savedReads: 0, changeNoted: false };
    this.pipeline?.setIdentity(identityActive(session));
  }

  /** Links this session to the earlier round it follows (null: unlinks), comparing the two candidates. */
  async linkPreviousRound(earlierId: string | null): Promise<void> {
    if (earlierId === null) {
      this.earlierRound = null;
      this.update((session, nowMs) => withPreviousRound(session, null, nowMs));
      return;
    }
    if (!(await this.loadEarlierRound(earlierId))) return;
    const earlier = this.earlierRound;
    if (earlier) this.update((session, nowMs) => withPreviousRound(session, earlier.session, nowMs, earlier.all));
  }

  /** A note stamped at call time `atS` (when the interviewer started typing it). */
  addNote(text: string, atS: number): void {
    // Before the saved session is read, call time runs from the session shown meanwhile: the
    // stamp is kept as a moment, put on the saved session's clock once it is applied there.
    const stampMs = this.beforeOpen ? this.ensureSession().startedAtMs + atS * 1000 : null;
    this.update((session, nowMs) =>
      withNote(session, this.newId(), text, stampMs === null ? atS : sessionTimeS(session, stampMs), nowMs),
    );
  }

  /** Call time now, s (0 before the session exists). */
  callTimeS(): number {
    return this.base ? sessionTimeS(this.base, this.nowMs()) : 0;
  }

  /** The running analysis, which checks checklist answers; null while not capturing. */
  answerChecker(): AnswerChecker | null {
    return this.pipeline;
  }

  /** Applies a change to the session (created if needed), saves it, and returns it. */
  update(apply: (session: Session, nowMs: number) => Session): Session {
    const nowMs = this.nowMs();
    const next = apply(this.ensureSession(), nowMs);
    this.base = next;
    this.beforeOpen?.push({ apply, nowMs });
    this.publish();
    return next;
  }

  /**
   * Ends this tab's session (it stays in the sessions list); the next Start begins a new one. Only
   * while not capturing.
   */
  endSession(): void {
    if (this.pipeline || !this.base || this.beforeOpen) return;
    const { view, db } = this.deps;
    const nowMs = this.nowMs();
    const ended = withEvent(withEnded(this.base, nowMs), LIVE_TEXT.sessionEndedEvent, nowMs);
    this.base = null;
    view.setLiveSession(null);
    view.setLiveSummary(null);
    view.setLive({ state: 'idle' });
    db.put(ended).catch((error: unknown) => {
      this.base = ended;
      view.setLiveSession(ended);
      view.setSessionProblem(storageProblem(error, 'save the ended session'));
    });
  }

  /** A summary from the pipeline: shown, sampled into a signal point when one is due, findings kept. */
  summarise(summary: LiveSummary): void {
    this.deps.view.setLiveSummary(summary);
    this.samplePoint(summary);
    this.keepProfile(summary.identity);
    const next = shiftFindings(summary.findings, this.run.offsetS);
    if (JSON.stringify(this.run.findings) !== JSON.stringify(next)) {
      this.run = { ...this.run, findings: next };
      this.publish();
    }
  }

  private started(capture: Capture, tracker: LandmarkerClient, scanner: LandmarkerClient): void {
    const { view, tabId } = this.deps;
    const session = this.ensureSession();
    this.run = { offsetS: sessionTimeS(session, this.nowMs()), findings: [] };
    this.lastPoint = { atMs: this.nowMs(), frames: { analysed: 0, withFace: 0 } };
    this.capture = capture;
    this.identityRun = {
      before: session.identity.profile && storedProfile(session.identity.profile),
      savedReads: 0,
      changeNoted: false,
    };
    this.pipeline = this.deps.createPipeline(capture.stream, {
      tracker,
      scanner,
      onSummary: (summary) => this.summarise(summary),
      onPreview: this.deps.onPreview,
      identity: identityActive(session),
    });
    capture.onEnded(() => this.finish(LIVE_TEXT.endedEvent, LIVE_TEXT.ended));
    if (capture.source === 'call-tab' && tabId !== null) {
      this.unwatch = this.deps.watchSite(tabId, () => {
        if (this.capture === capture) this.finish(LIVE_TEXT.leftSiteEvent, LIVE_TEXT.leftSite);
      });
    }
    this.record(LIVE_TEXT.started(capture.source));
    view.setLive({ state: 'live', hasAudio: capture.hasAudio });
  }

  /** Ends the capture, notes why on the timeline and tells the interviewer. */
  private finish(event: string, message: string): void {
    this.teardown();
    this.record(event);
    this.deps.view.setLive({ state: 'ended', message });
  }

  /** Every SESSION_SIGNAL_STEP_S the session gets a point of what the signals were like. */
  private samplePoint(summary: LiveSummary): void {
    const last = this.lastPoint;
    const nowMs = this.nowMs();
    if (nowMs - last.atMs < SESSION_SIGNAL_STEP_S * 1000) return;
    this.lastPoint = { atMs: nowMs, frames: summary.frames };
    const inStep = {
      analysed: summary.frames.analysed - last.frames.analysed,
      withFace: summary.frames.withFace - last.frames.withFace,
    };
    const point = signalPoint(sessionTimeS(this.ensureSession(), nowMs), inStep, summary.lipSync);
    if (point) this.update((session) => withSignalPoint(session, point, nowMs));
  }

  /**
   * Saves the candidate's profile when a few more faces were read (every save rewrites the
   * session), merged with the profile of earlier captures of this session when it is the same
   * person, and compares it again with the linked earlier round. Fewer reads than at the last
   * save means another face became the candidate: their profile replaces the stored one.
   */
  private keepProfile({ profile: runProfile, described }: LiveIdentity): void {
    const base = this.base;
    if (!runProfile || !base || !identityActive(base)) return;
    if (described < this.identityRun.savedReads) this.identityRun = { before: null, savedReads: 0, changeNoted: false };
    if (described - this.identityRun.savedReads < DESCRIPTOR.saveEveryFaces) return;
    this.identityRun = { ...this.identityRun, savedReads: described };
    const profile = mergeProfiles(this.identityRun.before, runProfile);
    this.noteCaptureChange(runProfile);
    const earlier = this.earlierRound;
    this.update((session, nowMs) => {
      const kept = withIdentityProfile(session, profile, nowMs);
      return earlier ? refreshRoundFinding(kept, earlier.session, nowMs, earlier.all) : kept;
    });
  }

  /**
   * A capture whose candidate is not the person of the session's earlier captures (a stop and a
   * restart is a classic moment for a hand-over): a person-change finding, once per capture, when
   * the new profile has enough faces to be a person.
   */
  private noteCaptureChange(runProfile: IdentityProfile): void {
    const before = this.identityRun.before;
    if (!before || this.identityRun.changeNoted || runProfile.count < DESCRIPTOR.minRoundFaces) return;
    const distance = descriptorDistance(before.descriptor, runProfile.descriptor);
    if (distance <= DESCRIPTOR.samePersonMax) return;
    this.identityRun = { ...this.identityRun, changeNoted: true };
    const startS = this.run.offsetS;
    this.update((session, nowMs) => {
      const endS = sessionTimeS(session, nowMs);
      const finding: Finding = {
        kind: 'person-change',
        severity: distance >= DESCRIPTOR.highChangeDistance ? 'high' : 'warn',
        startS: findingTimeS(startS * 1000),
        endS: findingTimeS(endS * 1000),
        message: likenessChangeMessage({
          pattern: 'capture',
          beforeMs: startS * 1000,
          afterMs: startS * 1000,
          distance,
          threshold: DESCRIPTOR.samePersonMax,
        }),
        evidence: {
          descriptorDistance: Number(distance.toFixed(3)),
          threshold: DESCRIPTOR.samePersonMax,
          facesEarlierCaptures: before.count,
          facesThisCapture: runProfile.count,
        },
      };
      return { ...session, updatedAtMs: nowMs, findings: [...session.findings, finding] };
    });
  }

  /** Loads the linked earlier round (and all sessions, for round numbers); false with a problem shown. */
  private async loadEarlierRound(id: string): Promise<boolean> {
    const { db, view } = this.deps;
    try {
      const [found, all] = await Promise.all([db.get(id), db.readable()]);
      if (!found || !('session' in found)) {
        view.setSessionProblem(LIVE_TEXT.earlierRoundMissing);
        return false;
      }
      this.earlierRound = { session: found.session, all };
      return true;
    } catch (error) {
      view.setSessionProblem(storageProblem(error, 'read the earlier round'));
      return false;
    }
  }

  private ensureSession(): Session {
    this.base ??= newSession(this.newId(), this.sessionTab, this.nowMs(), this.deps.platform);
    return this.base;
  }

  private record(text: string): void {
    this.update((session, nowMs) => withEvent(session, text, nowMs));
  }

  /**
   * Shows the session with the running capture's findings and saves it. When storage fails the
   * session stays in memory (and on screen) and the next change tries again.
   */
  private publish(): void {
    const base = this.base;
    if (!base) return;
    const { view, db } = this.deps;
    const combined = withRunFindings(base, this.run.findings, this.nowMs());
    view.setLiveSession(combined);
    // Saved only once this tab's saved session is read (see beforeOpen): no second session appears.
    if (this.beforeOpen) return;
    this.saving = db.put(combined).then(
      () => view.setSessionProblem(null),
      (error: unknown) =>
        view.setSessionProblem(LIVE_TEXT.keptUnsaved(storageProblem(error, 'save this session'), this.deps.place)),
    );
  }

  /** Resolves once the latest change is saved (or failed to save, with the problem shown). */
  saved(): Promise<void> {
    return this.saving;
  }

  /** Ends the running capture; its findings join the session. */
  private teardown(): void {
    this.starts++;
    this.waitingCapture?.stop();
    this.waitingCapture = null;
    this.unwatch?.();
    this.unwatch = null;
    this.pipeline?.stop();
    this.capture?.stop();
    this.pipeline = null;
    this.capture = null;
    if (this.base && this.run.findings.length > 0) {
      this.base = withRunFindings(this.base, this.run.findings, this.nowMs());
    }
    this.run = { offsetS: 0, findings: [] };
  }
}
