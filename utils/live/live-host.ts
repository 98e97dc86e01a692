/**
 * Everything live for one tab, wherever it runs (the offscreen document or the panel): the face
 * engine, the session with its capture (utils/live/live-session.ts) and the checklist, driven by
 * plain commands (host-protocol.ts) and showing itself as plain state, so a panel can attach to
 * a host in another document and detach again without the analysis noticing.
 */
import { startLandmarkers, type LandmarkerSet } from '@/utils/engine/landmarker-set';
import type { DelegateChoice, EngineStatus } from '@/utils/engine/landmarks';
import { withDetails, withNoteEdited } from '@/utils/sessions/session';
import { ChecklistController } from './checklist-controller';
import type { HostCommand, HostPlace, HostState } from './host-protocol';
import { LiveSession, type LiveSessionDeps } from './live-session';

export interface LiveHostDeps extends Omit<LiveSessionDeps, 'view' | 'clients'> {
  place: HostPlace;
  delegate: DelegateChoice;
  /** Starts the tracker and scanner workers with `delegate`. */
  startEngine: (delegate: DelegateChoice, onStatus: (status: EngineStatus) => void) => LandmarkerSet;
  /** Every change of the state, as the keys that changed. */
  onState: (change: Partial<HostState>) => void;
  /** Whether a capture runs (for the toolbar badge). */
  onAnalysing?: (analysing: boolean) => void;
}

/** The live engine's two workers: one follows the candidate frame to frame, one scans the call's layout. */
const LIVE_ROLES = ['tracker', 'scanner'] as const;

/** The live engine as every host starts it (the panel's and the offscreen document's). */
export const startLiveEngine: LiveHostDeps['startEngine'] = (delegate, onStatus) =>
  startLandmarkers(LIVE_ROLES, delegate, onStatus);

const isCapturing = (live: HostState['live']) => live.state === 'live' || live.state === 'paused';

export class LiveHost {
  private state: HostState;
  private engine: LandmarkerSet;
  private delegate: DelegateChoice;
  /** A delegate chosen during a capture; the engine restarts with it once the capture ends. */
  private pendingDelegate: DelegateChoice | null = null;
  private readonly session: LiveSession;
  private readonly checklist: ChecklistController;

  constructor(private readonly deps: LiveHostDeps) {
    this.state = {
      place: deps.place,
      engine: { state: 'idle' },
      live: { state: 'idle' },
      liveSummary: null,
      liveSession: null,
      sessionProblem: null,
    };
    this.delegate = deps.delegate;
    const engineNow = () => this.engine;
    this.session = new LiveSession({
      ...deps,
      clients: {
        get current() {
          return engineNow().current;
        },
      },
      view: {
        setLive: (live) => this.setLive(live),
        setLiveSummary: (liveSummary) => this.set({ liveSummary }),
        setLiveSession: (liveSession) => this.set({ liveSession }),
        setSessionProblem: (sessionProblem) => this.set({ sessionProblem }),
      },
    });
    this.checklist = new ChecklistController({
      update: (apply) => this.session.update(apply),
      answerChecker: () => this.session.answerChecker(),
    });
    this.engine = this.startEngine(this.delegate);
  }

  /** Reads the tab's saved session (see LiveSession.open). */
  open(signal?: AbortSignal): Promise<void> {
    return this.session.open(signal);
  }

  snapshot(): HostState {
    return this.state;
  }

  capturing(): boolean {
    return isCapturing(this.state.live) || this.state.live.state === 'starting';
  }

  run(command: HostCommand): void {
    const { session, checklist } = this;
    switch (command.kind) {
      case 'start':
        return session.start(command.how, this.state.engine.state === 'loading');
      case 'pause':
        return session.setPaused(command.paused);
      case 'stop':
        return session.stop();
      case 'choose':
        return session.choose(command.face);
      case 'choose-next':
        return session.chooseNext();
      case 'add-note':
        return session.addNote(command.text, command.atS);
      case 'edit-note':
        session.update((current, nowMs) => withNoteEdited(current, command.id, command.text, nowMs));
        return;
      case 'details':
        session.update((current, nowMs) => withDetails(current, command.change, nowMs));
        return;
      case 'end-session':
        return session.endSession();
      case 'consent-identity':
        return session.consentToIdentity();
      case 'identity':
        return session.setIdentityEnabled(command.enabled);
      case 'link-round':
        void session.linkPreviousRound(command.earlierId);
        return;
      case 'delegate':
        return this.setDelegate(command.delegate);
      case 'checklist-start':
        return checklist.start(command.template);
      case 'checklist-discard':
        return checklist.discard();
      case 'checklist-ask':
        return checklist.ask(command.index);
      case 'checklist-answer':
        return checklist.answer(command.index);
      case 'checklist-mark':
        return checklist.mark(command.index, command.mark);
      case 'checklist-note':
        return checklist.note(command.index, command.text);
      case 'checklist-go-to':
        return checklist.goTo(command.index);
    }
  }

  /** Resolves once the session's last change is in the database (before another host takes it over). */
  saved(): Promise<void> {
    return this.session.saved();
  }

  /** Ends the capture (its last copy kept, see LiveSession.close) and stops the engine. */
  close(): void {
    this.checklist.dispose();
    this.session.close();
    this.engine.close();
    if (isCapturing(this.state.live)) this.deps.onAnalysing?.(false);
  }

  private set(change: Partial<HostState>): void {
    this.state = { ...this.state, ...change };
    this.deps.onState(change);
  }

  private setLive(live: HostState['live']): void {
    const was = isCapturing(this.state.live);
    this.set({ live });
    const now = isCapturing(live);
    if (was !== now) this.deps.onAnalysing?.(now);
    if (!now && live.state !== 'starting' && this.pendingDelegate) {
      const delegate = this.pendingDelegate;
      this.pendingDelegate = null;
      this.setDelegate(delegate);
    }
  }

  private setDelegate(delegate: DelegateChoice): void {
    if (delegate === this.delegate) return;
    if (this.capturing()) {
      this.pendingDelegate = delegate;
      return;
    }
    this.delegate = delegate;
    this.engine.close();
    this.engine = this.startEngine(delegate);
  }

  private startEngine(delegate: DelegateChoice): LandmarkerSet {
    return this.deps.startEngine(delegate, (engine) => {
      this.set({ engine });
      if (engine.state === 'ready') this.session.engineReady();
      else if (engine.state === 'failed') this.session.engineFailed(engine.message);
    });
  }
}
