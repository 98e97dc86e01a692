import { describe, expect, it } from 'vitest';
import type { LandmarkerClient } from '@/utils/engine/landmarker-client';
import type { DelegateChoice, EngineStatus, LandmarkerInfo } from '@/utils/engine/landmarks';
import type { Capture } from '@/utils/live/capture';
import type { HostState } from '@/utils/live/host-protocol';
import { LiveHost, type LiveHostDeps } from '@/utils/live/live-host';
import type { PipelineControls } from '@/utils/live/live-session';
import type { Session } from '@/utils/sessions/session';
import { defaultTemplate } from '@/utils/checklist/prompts';
import { memoryStorage } from '../../support/memory-storage';

const client = {} as LandmarkerClient;
const info = { delegate: 'CPU', loadMs: 10 } as LandmarkerInfo;

/** Engines whose loading the test finishes by hand, one per start. */
function engines() {
  const started: Array<{ delegate: DelegateChoice; closed: boolean; finish: (status: EngineStatus) => void }> = [];
  const startEngine: LiveHostDeps['startEngine'] = (delegate, onStatus) => {
    const set = { current: [] as LandmarkerClient[], close: () => void (entry.closed = true) };
    const entry = {
      delegate,
      closed: false,
      finish: (status: EngineStatus) => {
        if (status.state === 'ready') set.current = [client, client];
        onStatus(status);
      },
    };
    started.push(entry);
    onStatus({ state: 'loading', delegate });
    return set;
  };
  return { started, startEngine };
}

function setUp({ pipelineFails = false } = {}) {
  const { started, startEngine } = engines();
  const changes: Partial<HostState>[] = [];
  const saved: Session[] = [];
  const badge: boolean[] = [];
  let captures = 0;
  let stops = 0;
  const capture: Capture = {
    stream: {} as MediaStream,
    source: 'call-tab',
    hasAudio: true,
    onEnded: () => undefined,
    stop: () => void stops++,
  };
  const pipeline = {
    setPaused: () => undefined,
    choose: () => undefined,
    chooseNext: () => undefined,
    clockMs: () => 0,
    verify: async () => null,
    prepare: () => undefined,
    setIdentity: () => undefined,
    stop: () => undefined,
  } as PipelineControls;
  const host = new LiveHost({
    place: 'offscreen',
    tabId: 7,
    platform: 'Google Meet',
    delegate: 'CPU',
    db: {
      put: async (session) => void saved.push(session),
      recoverFrom: async () => 0,
      openForTab: async () => null,
      get: async () => null,
      readable: async () => [],
    },
    storage: memoryStorage(),
    startEngine,
    capture: async () => {
      captures++;
      return capture;
    },
    createPipeline: () => {
      if (pipelineFails) throw new Error('no MediaStreamTrackProcessor');
      return pipeline;
    },
    watchSite: () => () => undefined,
    onPreview: () => undefined,
    onState: (change) => void changes.push(change),
    onAnalysing: (analysing) => void badge.push(analysing),
  });
  return { host, started, changes, saved, badge, captures: () => captures, stopped: () => stops };
}

/** Lets pending work run: the capture's promise, then the task the session starts its analysis in. */
const flush = async () => {
  for (let task = 0; task < 2; task++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('LiveHost', () => {
  it('should start the capture at once while the engine loads, and analyse it once ready, with the badge', async () => {
    const { host, started, captures, badge, stopped } = setUp();
    await host.open();
    host.run({ kind: 'start', how: 'call-tab' });
    await flush();
    expect(captures()).toBe(1);
    expect(host.snapshot().live).toEqual({ state: 'starting' });
    expect(badge).toEqual([]);
    started[0]?.finish({ state: 'ready', info });
    expect(host.snapshot().live).toEqual({ state: 'live', hasAudio: true });
    expect(badge).toEqual([true]);
    host.run({ kind: 'stop' });
    expect(badge).toEqual([true, false]);
    expect(stopped()).toBe(1);
  });

  it('should stop a waiting capture and show the engine’s own message when the engine cannot load', async () => {
    const { host, started, captures, stopped } = setUp();
    host.run({ kind: 'start', how: 'call-tab' });
    await flush();
    started[0]?.finish({ state: 'failed', delegate: 'CPU', message: 'model file missing' });
    expect(host.snapshot().live).toEqual({ state: 'failed', message: 'model file missing' });
    expect(captures()).toBe(1);
    expect(stopped()).toBe(1);
  });

  it('should stop a capture that arrives after the engine failed, with the engine’s message', async () => {
    const { host, started, stopped } = setUp();
    host.run({ kind: 'start', how: 'call-tab' });
    started[0]?.finish({ state: 'failed', delegate: 'CPU', message: 'model file missing' });
    await flush();
    expect(host.snapshot().live).toEqual({ state: 'failed', message: 'model file missing' });
    expect(stopped()).toBe(1);
  });

  it('should not hold an earlier engine failure against a start while the engine loads again', async () => {
    const { host, started, stopped } = setUp();
    started[0]?.finish({ state: 'failed', delegate: 'CPU', message: 'old failure' });
    host.run({ kind: 'delegate', delegate: 'GPU' });
    host.run({ kind: 'start', how: 'call-tab' });
    await flush();
    started[1]?.finish({ state: 'ready', info });
    expect(host.snapshot().live).toEqual({ state: 'live', hasAudio: true });
    expect(stopped()).toBe(0);
  });

  it('should stop the capture and say why when the analysis cannot start on it', async () => {
    const { host, started, stopped, badge } = setUp({ pipelineFails: true });
    host.run({ kind: 'start', how: 'call-tab' });
    await flush();
    started[0]?.finish({ state: 'ready', info });
    expect(host.snapshot().live).toMatchObject({
      state: 'failed',
      message: expect.stringContaining('MediaStreamTrackProcessor'),
    });
    expect(stopped()).toBeGreaterThan(0);
    expect(badge.at(-1) ?? false).toBe(false);
  });

  it('should stop a capture still waiting for the engine when the host closes', async () => {
    const { host, stopped } = setUp();
    host.run({ kind: 'start', how: 'call-tab' });
    await flush();
    host.close();
    expect(stopped()).toBe(1);
  });

  it('should restart the engine for another delegate, but only once a running capture ends', async () => {
    const { host, started } = setUp();
    await host.open();
    started[0]?.finish({ state: 'ready', info });
    host.run({ kind: 'start', how: 'call-tab' });
    await flush();
    host.run({ kind: 'delegate', delegate: 'GPU' });
    expect(started).toHaveLength(1);
    host.run({ kind: 'stop' });
    expect(started.map((engine) => engine.delegate)).toEqual(['CPU', 'GPU']);
    expect(started[0]?.closed).toBe(true);
  });

  it('should apply plain commands to the session and say every change', async () => {
    const { host, changes, saved } = setUp();
    await host.open();
    host.run({ kind: 'details', change: { name: 'Ada Lovelace' } });
    host.run({ kind: 'add-note', text: 'First note', atS: 0 });
    const noteId = host.snapshot().liveSession?.notes[0]?.id ?? '';
    host.run({ kind: 'edit-note', id: noteId, text: 'Edited note' });
    await host.saved();
    const session = host.snapshot().liveSession;
    expect(session?.candidate.name).toBe('Ada Lovelace');
    expect(session?.notes.map((note) => note.text)).toEqual(['Edited note']);
    expect(saved.at(-1)).toEqual(session);
    expect(changes.some((change) => change.engine?.state === 'loading')).toBe(true);
    expect(changes.filter((change) => 'liveSession' in change).length).toBeGreaterThanOrEqual(3);
  });

  it('should run the checklist commands on the session', async () => {
    const { host } = setUp();
    await host.open();
    host.run({ kind: 'checklist-start', template: defaultTemplate() });
    host.run({ kind: 'checklist-mark', index: 0, mark: 'skipped' });
    host.run({ kind: 'checklist-note', index: 0, text: 'Asked twice' });
    expect(host.snapshot().liveSession?.checklist?.items[0]).toMatchObject({ mark: 'skipped', note: 'Asked twice' });
  });
});
