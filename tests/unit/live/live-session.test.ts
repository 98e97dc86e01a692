import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { Finding } from '@/utils/findings/finding';
import { CaptureError, type Capture, type CaptureSource } from '@/utils/live/capture';
import type { LiveSummary } from '@/utils/live/live-summary';
import { LiveSession, type LiveCapture, type LiveSessionDeps, type PipelineControls } from '@/utils/live/live-session';
import type { Session } from '@/utils/sessions/session';
import { PENDING_PREFIX } from '@/utils/storage/session-db';
import { lipSyncEstimate } from '../../support/face-samples';
import { memoryStorage } from '../../support/memory-storage';

const T0 = Date.UTC(2026, 10, 28, 10, 0, 0);
const client = {} as LandmarkerClient;
const finding: Finding = {
  kind: 'av-offset',
  severity: 'warn',
  startS: 2,
  endS: 12,
  message: 'late sound',
  evidence: {},
};

/** A capture whose end can be acted out. */
function fakeCapture(source: CaptureSource = 'call-tab') {
  let ended: (() => void) | null = null;
  const capture: Capture & { end: () => void; stopped: boolean } = {
    stream: {} as MediaStream,
    source,
    hasAudio: true,
    stopped: false,
    onEnded: (listener) => void (ended = listener),
    stop: () => void (capture.stopped = true),
    end: () => ended?.(),
  };
  return capture;
}

function summary(frames: { analysed: number; withFace: number }, findings: Finding[] = []): LiveSummary {
  return { frames, findings, lipSync: lipSyncEstimate('offset', 500) } as unknown as LiveSummary;
}

/** A session with every browser part replaced by a plain object that records what happened. */
function setUp(overrides: Partial<LiveSessionDeps> = {}) {
  const live: LiveCapture[] = [];
  const sessions: (Session | null)[] = [];
  const problems: (string | null)[] = [];
  const saved: Session[] = [];
  const pipelines: (PipelineControls & { stopped: boolean; paused: boolean; onSummary: (s: LiveSummary) => void })[] =
    [];
  const capture = fakeCapture();
  let leaveSite: (() => void) | null = null;
  const storage = memoryStorage();
  const deps: LiveSessionDeps = {
    tabId: 7,
    platform: 'Google Meet',
    db: {
      put: async (session) => void saved.push(session),
      recoverFrom: async () => 0,
      openForTab: async () => null,
    },
    storage,
    view: {
      setLive: (state) => void live.push(state),
      setLiveSummary: () => undefined,
      setLiveSession: (session) => void sessions.push(session),
      setSessionProblem: (problem) => void problems.push(problem),
    },
    clients: { current: [client, client] },
    capture: async () => capture,
    createPipeline: (_stream, options) => {
      const pipeline = {
        stopped: false,
        paused: false,
        onSummary: options.onSummary,
        setPaused: (paused: boolean) => void (pipeline.paused = paused),
        choose: () => undefined,
        clockMs: () => 0,
        verify: async () => null,
        stop: () => void (pipeline.stopped = true),
      };
      pipelines.push(pipeline);
      return pipeline;
    },
    watchSite: (_tabId, onLeft) => {
      leaveSite = onLeft;
      return () => (leaveSite = null);
    },
    onPreview: () => undefined,
    nowMs: () => Date.now(),
    newId: (() => {
      let next = 0;
      return () => `id-${++next}`;
    })(),
    ...overrides,
  };
  const session = new LiveSession(deps);
  const events = () => (sessions.at(-1)?.events ?? []).map((event) => event.text);
  return {
    session,
    live,
    sessions,
    problems,
    saved,
    pipelines,
    capture,
    storage,
    events,
    leaveSite: () => leaveSite?.(),
  };
}

describe('LiveSession', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('should refuse to start before the model is loaded, and a call-tab capture without a tab', () => {
    const early = setUp({ clients: { current: [] } });
    early.session.start('call-tab');
    expect(early.live.at(-1)).toMatchObject({ state: 'failed', message: expect.stringContaining('not loaded') });
    const page = setUp({ tabId: null });
    page.session.start('call-tab');
    expect(page.live.at(-1)).toMatchObject({ state: 'failed', message: expect.stringContaining('Pick a tab') });
  });

  it('should start the capture and the pipeline, creating the session with the event', async () => {
    const { session, live, pipelines, events, sessions } = setUp();
    session.start('call-tab');
    expect(live.at(-1)).toEqual({ state: 'starting' });
    await vi.runAllTimersAsync();
    expect(live.at(-1)).toEqual({ state: 'live', hasAudio: true });
    expect(pipelines).toHaveLength(1);
    expect(events()).toEqual(['Capture started on this tab.']);
    expect(sessions.at(-1)).toMatchObject({ id: 'id-1', tabId: 7, platform: 'Google Meet' });
  });

  it('should say why a capture could not start', async () => {
    const refused = setUp({ capture: async () => Promise.reject(new CaptureError('Sharing was cancelled.')) });
    refused.session.start('picked-tab');
    await vi.runAllTimersAsync();
    expect(refused.live.at(-1)).toEqual({ state: 'failed', message: 'Sharing was cancelled.' });
    const broken = setUp({ capture: async () => Promise.reject(new Error('boom')) });
    broken.session.start('picked-tab');
    await vi.runAllTimersAsync();
    expect(broken.live.at(-1)).toEqual({ state: 'failed', message: 'Capture could not start: boom' });
  });

  it("should keep the pipeline's findings on the session clock and save only when they change", async () => {
    const { session, pipelines, sessions, saved } = setUp();
    session.addNote('the session starts here', 0);
    vi.advanceTimersByTime(30_000);
    session.start('call-tab');
    await vi.runAllTimersAsync();
    const pipeline = pipelines[0];
    if (!pipeline) throw new Error('no pipeline');
    pipeline.onSummary(summary({ analysed: 1, withFace: 1 }, [finding]));
    const savesAfterFirst = saved.length;
    expect(sessions.at(-1)?.findings).toEqual([{ ...finding, startS: 32, endS: 42 }]);
    pipeline.onSummary(summary({ analysed: 2, withFace: 2 }, [finding]));
    expect(saved.length).toBe(savesAfterFirst);
  });

  it('should add a signal point each step from its analysed frames, none for a step without frames', async () => {
    const { session, pipelines, sessions } = setUp();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    const pipeline = pipelines[0];
    if (!pipeline) throw new Error('no pipeline');
    vi.advanceTimersByTime(4_999);
    pipeline.onSummary(summary({ analysed: 40, withFace: 40 }));
    expect(sessions.at(-1)?.signals).toEqual([]);
    vi.advanceTimersByTime(1);
    pipeline.onSummary(summary({ analysed: 50, withFace: 40 }));
    expect(sessions.at(-1)?.signals).toEqual([
      { atS: 5, faceShare: 0.8, lipSync: 'offset', offsetMs: 500, confidence: 0.8 },
    ]);
    vi.advanceTimersByTime(5_000);
    pipeline.onSummary(summary({ analysed: 50, withFace: 40 }));
    expect(sessions.at(-1)?.signals).toHaveLength(1);
  });

  it('should pause and resume the pipeline and note both', async () => {
    const { session, pipelines, live, events } = setUp();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    session.setPaused(true);
    expect(pipelines[0]?.paused).toBe(true);
    expect(live.at(-1)).toEqual({ state: 'paused', hasAudio: true });
    session.setPaused(false);
    expect(events().slice(-2)).toEqual(['Analysis paused.', 'Analysis resumed.']);
  });

  it('should end by itself when the capture ends, keeping the findings', async () => {
    const { session, pipelines, capture, live, sessions, events } = setUp();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    pipelines[0]?.onSummary(summary({ analysed: 1, withFace: 1 }, [finding]));
    capture.end();
    expect(pipelines[0]?.stopped).toBe(true);
    expect(capture.stopped).toBe(true);
    expect(live.at(-1)).toMatchObject({ state: 'ended', message: expect.stringContaining('The capture ended') });
    expect(events().at(-1)).toMatch(/ended by itself/);
    expect(sessions.at(-1)?.findings).toHaveLength(1);
    expect(session.answerChecker()).toBeNull();
  });

  it('should stop when the call tab goes to another site', async () => {
    const setup = setUp();
    setup.session.start('call-tab');
    await vi.runAllTimersAsync();
    setup.leaveSite();
    expect(setup.live.at(-1)).toMatchObject({ state: 'ended', message: expect.stringContaining('another site') });
    expect(setup.events().at(-1)).toBe('The call tab went to another site; capture stopped.');
  });

  it('should leave the last copy in extension storage when the panel closes during a capture', async () => {
    const { session, storage } = setUp();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    session.close();
    await vi.runAllTimersAsync();
    const copy = (await storage.get(`${PENDING_PREFIX}id-1`))[`${PENDING_PREFIX}id-1`] as Session;
    expect(copy.events.at(-1)?.text).toBe('The panel was closed; capture stopped.');
  });

  it('should end the session only while not capturing', async () => {
    const { session, live, saved } = setUp();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    session.endSession();
    expect(live.at(-1)).toEqual({ state: 'live', hasAudio: true });
    session.stop();
    session.endSession();
    await vi.runAllTimersAsync();
    expect(live.at(-1)).toEqual({ state: 'idle' });
    expect(saved.at(-1)?.endedAtMs).toBe(Date.now());
    expect(session.callTimeS()).toBe(0);
  });

  it('should say when the session cannot be saved and keep it on screen', async () => {
    const full = new DOMException('full', 'QuotaExceededError');
    const { session, problems, sessions } = setUp({
      db: { put: async () => Promise.reject(full), recoverFrom: async () => 0, openForTab: async () => null },
    });
    session.addNote('kept', 1);
    await vi.runAllTimersAsync();
    expect(problems.at(-1)).toMatch(/kept while this panel stays open/);
    expect(sessions.at(-1)?.notes.map((note) => note.text)).toEqual(['kept']);
  });

  it("should resume the tab's saved session on open, unless the panel went away meanwhile", async () => {
    const saved = { id: 'saved' } as Session;
    const db = { put: async () => undefined, recoverFrom: async () => 0, openForTab: async () => saved };
    const resumed = setUp({ db });
    await resumed.session.open();
    expect(resumed.sessions.at(-1)).toBe(saved);
    const gone = setUp({ db });
    const controller = new AbortController();
    const opening = gone.session.open(controller.signal);
    controller.abort();
    await opening;
    expect(gone.sessions).toEqual([]);
  });

  it('should say when saved sessions cannot be read', async () => {
    const blocked = new DOMException('blocked', 'SecurityError');
    const { session, problems } = setUp({
      db: {
        put: async () => undefined,
        recoverFrom: async () => Promise.reject(blocked),
        openForTab: async () => null,
      },
    });
    await session.open();
    expect(problems.at(-1)).toMatch(/A new session is kept in this panel meanwhile/);
  });
});
