import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { Finding } from '@/utils/findings/finding';
import { CaptureError, type Capture, type CaptureSource } from '@/utils/live/capture';
import type { LiveSummary } from '@/utils/live/live-summary';
import { LiveSession, type LiveCapture, type LiveSessionDeps, type PipelineControls } from '@/utils/live/live-session';
import type { IdentityProfile } from '@/utils/features/descriptor';
import { newSession, type Session } from '@/utils/sessions/session';
import { PENDING_PREFIX } from '@/utils/storage/session-db';
import { DESCRIPTOR } from '@/utils/common/thresholds';
import { descriptorDistance } from '@/utils/features/descriptor';
import { IDENTITY_EVENTS } from '@/utils/wording/identity';
import { LIVE_TEXT } from '@/utils/wording/live-session';
import { descriptorAt, profileAt, sessionWithProfile } from '../../fixtures/sessions/identity-profiles';
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

function summary(
  frames: { analysed: number; withFace: number },
  findings: Finding[] = [],
  profile: IdentityProfile | null = null,
): LiveSummary {
  return {
    frames,
    findings,
    lipSync: lipSyncEstimate('offset', 500),
    identity: { profile, described: profile?.count ?? 0 },
  } as unknown as LiveSummary;
}

/** A summary whose only news is the candidate's profile so far. */
const profileSummary = (profile: IdentityProfile | null) => summary({ analysed: 0, withFace: 0 }, [], profile);

/** A database that saves nothing and has no sessions; tests override what they need. */
const emptyDb = (): LiveSessionDeps['db'] => ({
  put: async () => undefined,
  recoverFrom: async () => 0,
  openForTab: async () => null,
  get: async () => null,
  readable: async () => [],
});

/** The pipeline as the session drives it, recording what it was told. */
type FakePipeline = PipelineControls & {
  stopped: boolean;
  paused: boolean;
  /** The `identity` option it was created with. */
  identityOption: boolean | undefined;
  /** Every setIdentity call, in order. */
  identity: boolean[];
  onSummary: (s: LiveSummary) => void;
};

/** A set-up session that has read its tab's saved session, as the panel does first. */
async function openedSetUp(overrides: Partial<LiveSessionDeps> = {}) {
  const setup = setUp(overrides);
  await setup.session.open();
  return setup;
}

/** A session with every browser part replaced by a plain object that records what happened. */
function setUp(overrides: Partial<LiveSessionDeps> = {}) {
  const live: LiveCapture[] = [];
  const sessions: (Session | null)[] = [];
  const problems: (string | null)[] = [];
  const saved: Session[] = [];
  const pipelines: FakePipeline[] = [];
  const capture = fakeCapture();
  let leaveSite: (() => void) | null = null;
  const storage = memoryStorage();
  const deps: LiveSessionDeps = {
    place: 'panel',
    tabId: 7,
    platform: 'Google Meet',
    db: { ...emptyDb(), put: async (session) => void saved.push(session) },
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
      const pipeline: FakePipeline = {
        stopped: false,
        paused: false,
        identityOption: options.identity,
        identity: [],
        onSummary: options.onSummary,
        setPaused: (paused: boolean) => void (pipeline.paused = paused),
        choose: () => undefined,
        chooseNext: () => undefined,
        clockMs: () => 0,
        verify: async () => null,
        prepare: () => undefined,
        setIdentity: (on: boolean) => void pipeline.identity.push(on),
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

  it('should refuse to start before the model is loaded, and a call-tab capture without a tab', async () => {
    const early = await openedSetUp({ clients: { current: [] } });
    early.session.start('call-tab');
    expect(early.live.at(-1)).toMatchObject({ state: 'failed', message: expect.stringContaining('not loaded') });
    const page = await openedSetUp({ tabId: null });
    page.session.start('call-tab');
    expect(page.live.at(-1)).toMatchObject({ state: 'failed', message: expect.stringContaining('Pick a tab') });
  });

  it('should start the capture and the pipeline, creating the session with the event', async () => {
    const { session, live, pipelines, events, sessions } = await openedSetUp();
    session.start('call-tab');
    expect(live.at(-1)).toEqual({ state: 'starting' });
    await vi.runAllTimersAsync();
    expect(live.at(-1)).toEqual({ state: 'live', hasAudio: true });
    expect(pipelines).toHaveLength(1);
    expect(events()).toEqual(['Capture started on this tab.']);
    expect(sessions.at(-1)).toMatchObject({ id: 'id-1', tabId: 7, platform: 'Google Meet' });
  });

  it('should start the analysis in a task after the capture came, and not at all when stopped meanwhile', async () => {
    const capture = fakeCapture();
    const waiting: { deliver?: (value: Capture) => void } = {};
    const { session, pipelines, live } = await openedSetUp({
      capture: () => new Promise((resolve) => (waiting.deliver = resolve)),
    });
    session.start('call-tab');
    waiting.deliver?.(capture);
    for (let step = 0; step < 3; step++) await Promise.resolve();
    // The capture has arrived; the task that starts its analysis has not run yet.
    expect(pipelines).toHaveLength(0);
    session.stop();
    await vi.runAllTimersAsync();
    expect(pipelines).toHaveLength(0);
    expect(capture.stopped).toBe(true);
    expect(live.at(-1)).toMatchObject({ state: 'ended' });
  });

  it('should say why a capture could not start', async () => {
    const refused = await openedSetUp({
      capture: async () => Promise.reject(new CaptureError('Sharing was cancelled.')),
    });
    refused.session.start('picked-tab');
    await vi.runAllTimersAsync();
    expect(refused.live.at(-1)).toEqual({ state: 'failed', message: 'Sharing was cancelled.' });
    const broken = await openedSetUp({ capture: async () => Promise.reject(new Error('boom')) });
    broken.session.start('picked-tab');
    await vi.runAllTimersAsync();
    expect(broken.live.at(-1)).toEqual({ state: 'failed', message: 'Capture could not start: boom' });
  });

  it("should keep the pipeline's findings on the session clock and save only when they change", async () => {
    const { session, pipelines, sessions, saved } = await openedSetUp();
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
    const { session, pipelines, sessions } = await openedSetUp();
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
    const { session, pipelines, live, events } = await openedSetUp();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    session.setPaused(true);
    expect(pipelines[0]?.paused).toBe(true);
    expect(live.at(-1)).toEqual({ state: 'paused', hasAudio: true });
    session.setPaused(false);
    expect(events().slice(-2)).toEqual(['Analysis paused.', 'Analysis resumed.']);
  });

  it('should end by itself when the capture ends, keeping the findings', async () => {
    const { session, pipelines, capture, live, sessions, events } = await openedSetUp();
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
    const setup = await openedSetUp();
    setup.session.start('call-tab');
    await vi.runAllTimersAsync();
    setup.leaveSite();
    expect(setup.live.at(-1)).toMatchObject({ state: 'ended', message: expect.stringContaining('another site') });
    expect(setup.events().at(-1)).toBe('The call tab went to another site; capture stopped.');
  });

  it('should leave the last copy in extension storage when the panel closes during a capture', async () => {
    const { session, storage } = await openedSetUp();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    session.close();
    await vi.runAllTimersAsync();
    const copy = (await storage.get(`${PENDING_PREFIX}id-1`))[`${PENDING_PREFIX}id-1`] as Session;
    expect(copy.events.at(-1)?.text).toBe('The panel was closed; capture stopped.');
  });

  it('should end the session only while not capturing', async () => {
    const { session, live, saved } = await openedSetUp();
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
    const { session, problems, sessions } = await openedSetUp({
      db: { ...emptyDb(), put: async () => Promise.reject(full) },
    });
    session.addNote('kept', 1);
    await vi.runAllTimersAsync();
    expect(problems.at(-1)).toMatch(/kept while this panel stays open/);
    expect(sessions.at(-1)?.notes.map((note) => note.text)).toEqual(['kept']);
  });

  it("should resume the tab's saved session on open, unless the panel went away meanwhile", async () => {
    const saved = newSession('saved', 7, T0 - 60_000);
    const db = { ...emptyDb(), openForTab: async () => saved };
    const resumed = setUp({ db });
    await resumed.session.open();
    expect(resumed.sessions.at(-1)).toBe(saved);
    expect(resumed.problems).toEqual([null]);
    const gone = setUp({ db });
    const controller = new AbortController();
    const opening = gone.session.open(controller.signal);
    controller.abort();
    await opening;
    expect(gone.sessions).toEqual([]);
  });

  it('should keep a note typed before the saved session was read, in that session and in no other', async () => {
    const earlier = newSession('saved', 7, T0 - 60_000);
    let read: (session: Session | null) => void = () => undefined;
    const { session, sessions, saved } = setUp({
      db: {
        ...emptyDb(),
        put: async (kept) => void saved.push(kept),
        openForTab: () => new Promise((done) => (read = done)),
      },
    });
    const opening = session.open();
    await vi.advanceTimersByTimeAsync(0);
    session.addNote('typed at once', 3);
    expect(sessions.at(-1)?.notes.map((note) => note.text)).toEqual(['typed at once']);
    expect(saved).toEqual([]);
    read(earlier);
    await opening;
    expect(saved.map((kept) => kept.id)).toEqual(['saved']);
    expect(sessions.at(-1)?.id).toBe('saved');
    // Stamped 3 s into the session shown meanwhile: 63 s into the saved one, begun a minute before.
    expect(sessions.at(-1)?.notes.map((note) => [note.text, note.atS])).toEqual([['typed at once', 63]]);
  });

  it.each([
    ['there is no saved session', emptyDb()],
    ['saved sessions cannot be read', { ...emptyDb(), openForTab: async () => Promise.reject(new Error('blocked')) }],
  ])('should save a note typed before the read as a new session when %s', async (_case, db) => {
    const { session, sessions, saved } = setUp({ db: { ...db, put: async (kept) => void saved.push(kept) } });
    session.addNote('typed at once', 3);
    await session.open();
    expect(saved.map((kept) => kept.notes.map((note) => note.text))).toEqual([['typed at once']]);
    expect(sessions.at(-1)?.notes.map((note) => note.text)).toEqual(['typed at once']);
  });

  it('should say when saved sessions cannot be read', async () => {
    const blocked = new DOMException('blocked', 'SecurityError');
    const { session, problems } = setUp({
      db: { ...emptyDb(), recoverFrom: async () => Promise.reject(blocked) },
    });
    await session.open();
    expect(problems.at(-1)).toMatch(/A new session is kept in this panel meanwhile/);
  });
});

describe('LiveSession face identity', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  const DAY_MS = 86_400_000;
  /** The stored profile's descriptor lies this far along the fixtures' line (they are rounded to 6 decimals). */
  const storedAt = (session: Session | null | undefined, distance: number) =>
    descriptorDistance(session?.identity.profile?.descriptor ?? [], descriptorAt(distance));
  const roundFindings = (session: Session | null | undefined) =>
    (session?.findings ?? []).filter((finding) => finding.kind === 'round-comparison');

  /** A session set up on a tab whose open session is `current`, with `stored` the other sessions on the device. */
  function withSessions(current: Session | null, stored: Session[] = []) {
    const all = current ? [current, ...stored] : stored;
    return setUp({
      db: {
        ...emptyDb(),
        openForTab: async () => current,
        get: async (id) => {
          const found = all.find((session) => session.id === id);
          return found ? { session: found } : null;
        },
        readable: async () => all,
      },
    });
  }

  /** Opened, consented (when `consent`) and capturing; the running pipeline is returned with the setup. */
  async function capturing(setup: ReturnType<typeof setUp>, consent = true) {
    await setup.session.open();
    if (consent) setup.session.consentToIdentity();
    setup.session.start('call-tab');
    await vi.runAllTimersAsync();
    const pipeline = setup.pipelines.at(-1);
    if (!pipeline) throw new Error('no pipeline');
    return { ...setup, pipeline };
  }

  it('should run identity only with consent recorded and identity on, and switch it as they change', async () => {
    const { session, pipelines, sessions, events } = await openedSetUp();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    expect(pipelines[0]?.identityOption).toBe(false);

    vi.advanceTimersByTime(2000);
    session.consentToIdentity();
    expect(pipelines[0]?.identity).toEqual([true]);
    expect(sessions.at(-1)?.identity.consentAtMs).toBe(T0 + 2000);
    expect(events().at(-1)).toBe(IDENTITY_EVENTS.consent);
    session.setIdentityEnabled(false);
    session.setIdentityEnabled(true);
    expect(pipelines[0]?.identity).toEqual([true, false, true]);

    session.stop();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    expect(pipelines[1]?.identityOption).toBe(true);
    session.setIdentityEnabled(false);
    session.stop();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    expect(pipelines[2]?.identityOption).toBe(false);
    // Consent is kept once recorded; identity switched off stays off.
    session.consentToIdentity();
    expect(pipelines[2]?.identity).toEqual([false]);
    expect(sessions.at(-1)?.identity.consentAtMs).toBe(T0 + 2000);
  });

  it(`should save the profile every ${DESCRIPTOR.saveEveryFaces} more faces, and only with consent`, async () => {
    const { session, pipeline, sessions } = await capturing(await openedSetUp(), false);
    pipeline.onSummary(profileSummary(profileAt(0, 10)));
    expect(sessions.at(-1)?.identity.profile).toBeNull();

    session.consentToIdentity();
    pipeline.onSummary(profileSummary(null));
    pipeline.onSummary(profileSummary(profileAt(0, DESCRIPTOR.saveEveryFaces - 1)));
    expect(sessions.at(-1)?.identity.profile).toBeNull();
    pipeline.onSummary(profileSummary(profileAt(0.1, DESCRIPTOR.saveEveryFaces, 0.25)));
    expect(sessions.at(-1)?.identity.profile).toMatchObject({ count: DESCRIPTOR.saveEveryFaces, spread: 0.25 });
    expect(storedAt(sessions.at(-1), 0.1)).toBeLessThan(1e-5);
    pipeline.onSummary(profileSummary(profileAt(0.2, 2 * DESCRIPTOR.saveEveryFaces - 1)));
    expect(sessions.at(-1)?.identity.profile?.count).toBe(DESCRIPTOR.saveEveryFaces);
    pipeline.onSummary(profileSummary(profileAt(0.2, 2 * DESCRIPTOR.saveEveryFaces)));
    expect(sessions.at(-1)?.identity.profile?.count).toBe(2 * DESCRIPTOR.saveEveryFaces);
    expect(storedAt(sessions.at(-1), 0.2)).toBeLessThan(1e-5);
    // Each stored value keeps 6 decimals.
    for (const value of sessions.at(-1)?.identity.profile?.descriptor ?? []) {
      expect(Math.abs(value * 1e6 - Math.round(value * 1e6))).toBeLessThan(1e-6);
    }
  });

  it('should store the new candidate once another face became the candidate (the reads start again)', async () => {
    const { session, pipeline, sessions } = await capturing(await openedSetUp(), false);
    session.consentToIdentity();
    pipeline.onSummary(profileSummary(profileAt(0, 50)));
    expect(sessions.at(-1)?.identity.profile?.count).toBe(50);
    pipeline.onSummary(profileSummary(profileAt(1, DESCRIPTOR.saveEveryFaces)));
    expect(sessions.at(-1)?.identity.profile?.count).toBe(DESCRIPTOR.saveEveryFaces);
    expect(storedAt(sessions.at(-1), 1)).toBeLessThan(1e-5);
  });

  it('should keep saving once the live profile is at its cap (reads go on, the count stays)', async () => {
    const { session, pipeline, sessions } = await capturing(await openedSetUp(), false);
    session.consentToIdentity();
    const capped = (at: number, reads: number): LiveSummary => ({
      ...profileSummary(profileAt(at, DESCRIPTOR.maxProfileFaces)),
      identity: { profile: profileAt(at, DESCRIPTOR.maxProfileFaces), described: reads },
    });
    pipeline.onSummary(capped(0, DESCRIPTOR.maxProfileFaces));
    pipeline.onSummary(capped(0.3, DESCRIPTOR.maxProfileFaces + DESCRIPTOR.saveEveryFaces));
    expect(storedAt(sessions.at(-1), 0.3)).toBeLessThan(1e-5);
  });

  it('should merge the profile with the one stored before this capture, by faces, for the same person', async () => {
    const earlierCapture = sessionWithProfile('s1', T0 - 60_000, profileAt(0, 30, 0.2));
    const setup = await capturing(withSessions(earlierCapture));
    const { session, sessions } = setup;
    setup.pipeline.onSummary(profileSummary(profileAt(0.2, 10, 0.1)));
    // (0 * 30 + 0.2 * 10) / 40 along the line; spread (0.2 * 30 + 0.1 * 10) / 40.
    expect(sessions.at(-1)?.identity.profile).toMatchObject({ count: 40, spread: 0.175 });
    expect(storedAt(sessions.at(-1), 0.05)).toBeLessThan(1e-5);
    // The next save merges the capture's grown profile with the one stored before it, not with its own last save.
    setup.pipeline.onSummary(profileSummary(profileAt(0.2, 20, 0.1)));
    expect(sessions.at(-1)?.identity.profile?.count).toBe(50);
    expect(storedAt(sessions.at(-1), 0.08)).toBeLessThan(1e-5);

    // A second capture of the session starts from what the first one stored.
    session.stop();
    session.start('call-tab');
    await vi.runAllTimersAsync();
    setup.pipelines.at(-1)?.onSummary(profileSummary(profileAt(0.18, 50, 0.1)));
    expect(sessions.at(-1)?.identity.profile?.count).toBe(100);
    expect(storedAt(sessions.at(-1), 0.13)).toBeLessThan(1e-5);
  });

  it('should keep the stored profile when the capture reads someone else', async () => {
    const earlierCapture = sessionWithProfile('s1', T0 - 60_000, profileAt(0, 30, 0.2));
    const { pipeline, sessions } = await capturing(withSessions(earlierCapture));
    pipeline.onSummary(profileSummary(profileAt(DESCRIPTOR.samePersonMax + 0.01, 40)));
    expect(sessions.at(-1)?.identity.profile).toMatchObject({ count: 30, spread: 0.2 });
    expect(storedAt(sessions.at(-1), 0)).toBeLessThan(1e-5);
    pipeline.onSummary(profileSummary(profileAt(DESCRIPTOR.samePersonMax - 0.01, 50)));
    expect(sessions.at(-1)?.identity.profile?.count).toBe(80);
  });

  it('should raise one person-change finding when a capture reads someone else than the earlier ones', async () => {
    const earlierCapture = sessionWithProfile('s1', T0 - 60_000, profileAt(0, 30, 0.2));
    const { pipeline, sessions } = await capturing(withSessions(earlierCapture));
    const changes = () => sessions.at(-1)?.findings.filter((finding) => finding.kind === 'person-change') ?? [];
    // Too few faces yet to be a person: nothing said.
    pipeline.onSummary(profileSummary(profileAt(0.8, DESCRIPTOR.minRoundFaces - 1)));
    expect(changes()).toEqual([]);
    pipeline.onSummary(profileSummary(profileAt(0.8, DESCRIPTOR.minRoundFaces + 5)));
    pipeline.onSummary(profileSummary(profileAt(0.8, DESCRIPTOR.minRoundFaces + 10)));
    expect(changes()).toHaveLength(1);
    expect(changes()[0]).toMatchObject({
      severity: 'high',
      evidence: { descriptorDistance: 0.8, threshold: DESCRIPTOR.samePersonMax, facesEarlierCaptures: 30 },
    });
    expect(changes()[0]?.message).toMatch(/does not match this session's earlier captures/);
  });

  it('should delete the profile when identity is switched off, not merging it back when on again', async () => {
    const earlierCapture = sessionWithProfile('s1', T0 - 60_000, profileAt(0, 30));
    const { session, pipeline, sessions } = await capturing(withSessions(earlierCapture));
    session.setIdentityEnabled(false);
    expect(sessions.at(-1)?.identity).toMatchObject({ enabled: false, profile: null });
    pipeline.onSummary(profileSummary(profileAt(0.1, 10)));
    expect(sessions.at(-1)?.identity.profile).toBeNull();
    session.setIdentityEnabled(true);
    pipeline.onSummary(profileSummary(profileAt(0.1, 15)));
    expect(sessions.at(-1)?.identity.profile?.count).toBe(15);
    expect(storedAt(sessions.at(-1), 0.1)).toBeLessThan(1e-5);
  });

  describe('the earlier round', () => {
    const round1 = sessionWithProfile('round-1', T0 - DAY_MS, profileAt(0, 40), 'Jane Doe');

    it('should link a round, compare the two faces, and unlink it', async () => {
      const current = sessionWithProfile('round-2', T0 - 60_000, profileAt(0.21, 40));
      const { session, sessions, problems } = withSessions(current, [round1]);
      await session.open();
      await session.linkPreviousRound('round-1');
      expect(problems.filter(Boolean)).toEqual([]);
      expect(sessions.at(-1)?.identity.previousRoundId).toBe('round-1');
      const [finding] = roundFindings(sessions.at(-1));
      expect(finding).toMatchObject({
        severity: 'info',
        evidence: { previousRoundId: 'round-1', distance: 0.21, threshold: DESCRIPTOR.samePersonMax },
      });
      expect(finding?.message).toMatch(/^Consistent with round 1 \(Jane Doe, .*face distance 0\.21/);

      await session.linkPreviousRound(null);
      expect(sessions.at(-1)?.identity.previousRoundId).toBeNull();
      expect(roundFindings(sessions.at(-1))).toEqual([]);
    });

    it.each([
      ['not on this device', null],
      ['unreadable', { problem: 'damaged' }],
    ] as const)('should say so and change nothing when the earlier round is %s', async (_case, found) => {
      const current = sessionWithProfile('round-2', T0 - 60_000, profileAt(0.21, 40));
      const setup = setUp({
        db: { ...emptyDb(), openForTab: async () => current, get: async () => found, readable: async () => [current] },
      });
      await setup.session.open();
      await setup.session.linkPreviousRound('round-1');
      expect(setup.problems.at(-1)).toBe(LIVE_TEXT.earlierRoundMissing);
      expect(setup.sessions.at(-1)).toBe(current);
    });

    it('should say when the round a resumed session is linked to is gone', async () => {
      const current = sessionWithProfile('round-2', T0 - 60_000, profileAt(0.21, 40), '', 'round-1');
      const { session, problems, sessions } = withSessions(current);
      await session.open();
      expect(sessions.at(-1)).toBe(current);
      expect(problems.at(-1)).toBe(LIVE_TEXT.earlierRoundMissing);
    });

    it('should compare again as the profile grows, with the round a resumed session was linked to', async () => {
      const current = sessionWithProfile('round-2', T0 - 60_000, profileAt(0.21, 40), '', 'round-1');
      const { pipeline, sessions, problems } = await capturing(withSessions(current, [round1]));
      expect(problems.filter(Boolean)).toEqual([]);
      expect(roundFindings(sessions.at(-1))).toEqual([]);
      // 0.44 from the stored profile (the same person), so merged: (0.21 * 40 + 0.65 * 120) / 160 = 0.54
      // from round 1, past the same-person line and under the high one.
      pipeline.onSummary(profileSummary(profileAt(0.65, 120)));
      expect(sessions.at(-1)?.identity.profile?.count).toBe(160);
      const [finding] = roundFindings(sessions.at(-1));
      expect(finding).toMatchObject({ severity: 'warn', evidence: { previousRoundId: 'round-1', distance: 0.54 } });
      expect(finding?.message).toMatch(/^Possibly a different person from round 1 \(Jane Doe/);
    });

    it('should drop the comparison when identity is switched off, and not compare while it is off', async () => {
      const current = sessionWithProfile('round-2', T0 - 60_000, profileAt(0.21, 40));
      const { session, pipeline, sessions } = await capturing(withSessions(current, [round1]));
      await session.linkPreviousRound('round-1');
      expect(roundFindings(sessions.at(-1))).toHaveLength(1);
      session.setIdentityEnabled(false);
      expect(roundFindings(sessions.at(-1))).toEqual([]);
      expect(sessions.at(-1)?.identity.previousRoundId).toBe('round-1');
      pipeline.onSummary(profileSummary(profileAt(0.3, 50)));
      expect(roundFindings(sessions.at(-1))).toEqual([]);
      expect(sessions.at(-1)?.identity.profile).toBeNull();
    });
  });
});
