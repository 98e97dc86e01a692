import { useEffect, useState } from 'react';
import type { LiveControls } from '@/utils/hooks/use-live-capture';
import type { LiveSummary } from '@/utils/live/live-summary';
import { useAppStore } from '@/utils/store';
import { FindingsList } from '../shared/FindingsList';
import { formatClock } from '@/utils/common/format-time';
import { LivePreview } from './LivePreview';
import { IdentityCard } from './IdentityCard';
import type { SessionDb } from '@/utils/storage/session-db';
import { SessionNotes } from '../shared/SessionNotes';
import { useSettingsSaver } from '@/utils/hooks/use-sessions';
import { lipSyncMeterText } from '@/utils/wording/lip-sync';
import { downloadSession } from '../shared/SessionExportButtons';
import { FACE_CHECKS_TRACK } from '@/utils/analyzers/windows';
import { PLACE_TEXT } from '@/utils/wording/capture';
import { degradation, watchDegradation, type Degradation, type DegradedWatch } from '@/utils/tracking/degraded';
import { degradedText } from '@/utils/wording/live-session';

const CANDIDATE_TEXT = {
  searching: 'Looking for faces…',
  proposed: 'Candidate proposed (largest face). Click another face to change.',
  chosen: 'Candidate chosen.',
  lost: 'Candidate lost; looking again…',
} as const;

const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** A box as "x,y,width,height" in whole pixels, for the tests' data attributes. */
const boxAttribute = (box: { x: number; y: number; width: number; height: number }) =>
  [box.x, box.y, box.width, box.height].map(Math.round).join(',');

function faceChecksText(checks: NonNullable<LiveSummary['faceChecks']>): string {
  const blinks = Number.isFinite(checks.blink.perMinute) ? `${fixed(checks.blink.perMinute)}/min` : '–';
  const pulse = Number.isFinite(checks.pulse.bpm)
    ? `${fixed(checks.pulse.bpm)} bpm (${fixed(checks.pulse.snrDb, 1)} dB)`
    : '–';
  return (
    `last ${Math.round(FACE_CHECKS_TRACK.windowMs / 1000)} s: most ${checks.presence.maxFaces} face(s); ` +
    `still picture ${fixed(checks.freeze.longestFrozenS, 1)} s; blinks ${blinks}; pulse ${pulse}`
  );
}

function Meters({ summary }: { summary: LiveSummary }) {
  const { pose, health, faceChecks: checks } = summary;
  const poseText = pose
    ? `yaw ${fixed(pose.yawDeg)}°, pitch ${fixed(pose.pitchDeg)}°, roll ${fixed(pose.rollDeg)}°`
    : '–';
  return (
    <dl
      className="facts"
      data-testid="live-meters"
      data-frame={`${summary.frame.width}x${summary.frame.height}`}
      data-faces={summary.faces.map(boxAttribute).join(';')}
    >
      <dt>Candidate</dt>
      <dd
        data-testid="live-candidate"
        data-state={summary.candidate.state}
        data-box={summary.candidate.box ? boxAttribute(summary.candidate.box) : ''}
      >
        {CANDIDATE_TEXT[summary.candidate.state]}
      </dd>
      <dt>Face</dt>
      <dd
        data-testid="live-face"
        data-found={summary.faceFound}
        data-mouth-visible={summary.mouth.visible}
        data-mouth-luma-std={fixed(summary.mouth.lumaStd, 1)}
        data-mouth-flat-rows={fixed(summary.mouth.flatRowShare, 2)}
      >
        {!summary.faceFound
          ? 'Not found'
          : summary.mouth.visible
            ? 'Found'
            : 'Found, but the mouth is hidden or cut off (lip sync waits)'}
      </dd>
      <dt>Lip sync</dt>
      <dd
        data-testid="live-lipsync"
        data-verdict={summary.lipSync?.verdict ?? ''}
        data-offset={fixed(summary.lipSync?.offsetMs ?? Number.NaN)}
        data-evidence={
          summary.lipSync
            ? `z=${fixed(summary.lipSync.peakZ, 2)} r=${fixed(summary.lipSync.peakCorrelation, 3)} ` +
              `chance=${fixed(summary.lipSync.chanceStd, 3)} speech=${fixed(summary.lipSync.speechS, 1)}s ` +
              `face=${fixed(summary.lipSync.faceShare, 2)}`
            : ''
        }
      >
        {lipSyncMeterText(summary.lipSync)}
      </dd>
      <dt>Face checks</dt>
      <dd
        data-testid="live-face-checks"
        data-max-faces={checks?.presence.maxFaces ?? ''}
        data-identity-score={fixed(checks?.identity.maxScore ?? Number.NaN, 2)}
        data-ms-per-sample={checks && checks.samples > 0 ? fixed(checks.computeMs / checks.samples, 3) : ''}
      >
        {checks ? faceChecksText(checks) : `first results after ${Math.round(FACE_CHECKS_TRACK.everyMs / 1000)} s`}
      </dd>
      <dt>Head pose</dt>
      <dd>{poseText}</dd>
      <dt>Call audio</dt>
      <dd data-testid="live-audio">
        {Number.isFinite(health.audioLevelDb) ? `${fixed(health.audioLevelDb)} dBFS` : 'no sound yet'}
      </dd>
      <dt>Engine</dt>
      <dd
        data-testid="live-health"
        data-fps={fixed(health.analysedFps, 1)}
        data-offered-fps={fixed(health.offeredFps, 1)}
        data-frames-analysed={summary.frames.analysed}
        data-p95={fixed(health.msPerFrameP95, 1)}
        data-longest-task={fixed(health.longestTaskMs)}
        data-startup={[
          health.startup.pipelineAtMs,
          health.startup.firstFrameAtMs,
          health.startup.candidateAtMs,
          health.startup.firstLandmarksAtMs,
        ]
          .map((value) => fixed(value))
          .join(',')}
        data-model-ms={fixed(health.modelMsMedian, 1)}
        data-work-p95={fixed(health.workMsP95, 1)}
        data-model-p95={fixed(health.modelMsP95, 1)}
        data-pixels-ms={fixed(health.pixelsMsMedian, 2)}
        data-describe-ms={fixed(health.describeMsMedian, 1)}
        data-tracker-busy={fixed(health.trackerBusy, 2)}
        data-page-ms={fixed(health.pageMsPerResult, 2)}
        data-page-busy={fixed(health.pageBusy, 3)}
      >
        {fixed(health.analysedFps, 1)} fps analysed of {fixed(health.offeredFps, 1)}; {fixed(health.msPerFrameP95)} ms
        p95 per frame, model {fixed(health.modelMsMedian)} ms
      </dd>
    </dl>
  );
}

/**
 * Shown the first time a capture runs, until acknowledged: what happens to the call, and that the
 * candidate should be told. It does not block the capture.
 */
function ConsentNotice() {
  const settings = useAppStore((state) => state.settings);
  const saveSettings = useSettingsSaver();
  if (!settings || settings.consentAcknowledged) return null;
  const acknowledge = () => saveSettings({ ...settings, consentAcknowledged: true });
  const kept =
    settings.retentionDays === null ? 'until you delete them' : `${settings.retentionDays} days after the session ends`;
  return (
    <div className="alert notice" role="status" data-testid="consent-notice">
      <strong>Before you go on.</strong> Liveproof analyses this call on this device only: nothing is uploaded, and no
      video or audio is kept, only what was measured, your checklist and notes (kept {kept}; change this under All
      sessions). Tell the candidate that the call is being checked for video manipulation.{' '}
      <button type="button" className="secondary" onClick={acknowledge}>
        Got it
      </button>
    </div>
  );
}

const openSessions = () => {
  browser.tabs.create({ url: browser.runtime.getURL('/sessions.html') }).catch(console.error);
};

/** The degradation to warn about, held steady (see watchDegradation) as summaries come in. */
function useSteadyDegradation(): Degradation | null {
  const [shown, setShown] = useState<Degradation | null>(null);
  useEffect(() => {
    let watch: DegradedWatch = { shown: null, changedAtMs: null };
    return useAppStore.subscribe((state, previous) => {
      const summary = state.liveSummary;
      if (summary === previous.liveSummary) return;
      const reading = summary && degradation(summary.health.analysedFps, summary.frames.analysed);
      watch = watchDegradation(watch, reading, Date.now());
      setShown(watch.shown);
    });
  }, []);
  return shown;
}

/** Live capture of the call: controls, preview with the candidate, meters, events and findings. */
export function LiveCard({
  controls,
  engineStarted,
  db,
}: {
  controls: LiveControls;
  /**
   * The face models are loading or loaded: false before the host has said so, and when they could
   * not load (the engine card says why).
   */
  engineStarted: boolean;
  db: Pick<SessionDb, 'readable'>;
}) {
  const live = useAppStore((state) => state.live);
  const summary = useAppStore((state) => state.liveSummary);
  const session = useAppStore((state) => state.liveSession);
  const sessionProblem = useAppStore((state) => state.sessionProblem);
  const place = useAppStore((state) => state.livePlace);
  const degraded = useSteadyDegradation();
  const capturing = live.state === 'live' || live.state === 'paused';
  const details = controls.setDetails;
  const editNote = controls.editNote;
  const pill = capturing ? (live.state === 'live' ? 'ok' : 'idle') : live.state === 'failed' ? 'bad' : 'idle';
  const stateText =
    live.state === 'live'
      ? 'Analysing'
      : live.state === 'paused'
        ? 'Paused'
        : live.state === 'starting'
          ? 'Starting…'
          : 'Not capturing';
  // Start works while the models load: the capture starts meanwhile and the analysis once they are ready.
  const starting = !engineStarted || live.state === 'starting';

  return (
    <section className="card" aria-labelledby="live-title" data-testid="live-card">
      <div className="row spread">
        <h2 id="live-title">Live call</h2>
        <span className={`pill ${pill}`} data-testid="live-state">
          {stateText}
        </span>
      </div>
      {live.state === 'starting' && (
        <div className="row">
          <button type="button" onClick={() => controls.stop()}>
            Stop
          </button>
        </div>
      )}
      {!capturing && live.state !== 'starting' && (
        <div className="row">
          <button type="button" disabled={starting} onClick={() => controls.start('call-tab')}>
            Start on this tab
          </button>
          <button type="button" className="secondary" disabled={starting} onClick={() => controls.start('picked-tab')}>
            Pick a tab…
          </button>
        </div>
      )}
      {capturing && (
        <div className="row">
          <button type="button" onClick={() => controls.setPaused(live.state === 'live')}>
            {live.state === 'live' ? 'Pause' : 'Resume'}
          </button>
          <button type="button" className="secondary" onClick={controls.stop}>
            Stop
          </button>
        </div>
      )}
      {(live.state === 'failed' || live.state === 'ended') && (
        <p className={`alert ${live.state === 'failed' ? 'bad' : ''}`} role="status" data-testid="live-message">
          {live.message}
        </p>
      )}
      {capturing && place && (
        <p className="small muted" data-testid="live-place" data-place={place}>
          {PLACE_TEXT[place]}
        </p>
      )}
      {capturing && degraded && (
        <p
          className="alert"
          role="status"
          data-testid="live-degraded"
          data-checks={degraded.affected.map((item) => item.check).join(',')}
        >
          {degradedText(degraded.analysedFps, degraded.affected)}
        </p>
      )}
      {capturing && <ConsentNotice />}
      {capturing && !live.hasAudio && (
        <p className="alert" role="status">
          This capture has no sound, so lip sync cannot be checked. With "Pick a tab", tick "Share tab audio".
        </p>
      )}
      {capturing && <LivePreview sink={controls.previewSink} onChoose={controls.choose} />}
      {capturing && summary && summary.faces.length > 1 && (
        <button type="button" className="secondary" onClick={controls.chooseNext}>
          Next face as candidate
        </button>
      )}
      {summary && <Meters summary={summary} />}
      {summary && summary.events.length > 0 && (
        <ul className="events small muted" data-testid="live-events">
          {summary.events.slice(-3).map((event) => (
            <li key={`${event.atS}-${event.text}`}>{event.text}</li>
          ))}
        </ul>
      )}
      {sessionProblem && (
        <div className="alert bad" role="alert" data-testid="session-problem">
          {sessionProblem}
          {session && (
            <>
              {' '}
              <button
                type="button"
                className="link"
                onClick={() => downloadSession(session, 'json')}
                data-testid="session-save-copy"
              >
                Save a copy (JSON)
              </button>
            </>
          )}
        </div>
      )}
      {session && (
        <div data-testid="live-session" data-session-id={session.id}>
          <div className="row spread">
            <h3>This session</h3>
            <span className="small muted">started {new Date(session.startedAtMs).toLocaleTimeString()}</span>
          </div>
          <div className="details-grid">
            <input
              type="text"
              value={session.candidate.name}
              onChange={(event) => details({ name: event.target.value })}
              placeholder="Candidate"
              aria-label="Candidate name"
              maxLength={120}
              data-testid="session-candidate"
            />
            <input
              type="text"
              value={session.candidate.role}
              onChange={(event) => details({ role: event.target.value })}
              placeholder="Role"
              aria-label="Role"
              maxLength={120}
            />
            <input
              type="text"
              value={session.interviewer}
              onChange={(event) => details({ interviewer: event.target.value })}
              placeholder="Interviewer"
              aria-label="Interviewer"
              maxLength={120}
            />
          </div>
          {!capturing && session.events.length > 0 && (
            <p className="small muted" data-testid="session-last-event">
              {formatClock(session.events.at(-1)?.atS ?? 0)} {session.events.at(-1)?.text}
            </p>
          )}
          <IdentityCard session={session} controls={controls} db={db} />
          <FindingsList findings={session.findings} />
        </div>
      )}
      <SessionNotes
        notes={session?.notes ?? []}
        callTimeS={controls.callTimeS}
        onAdd={controls.addNote}
        onEdit={editNote}
      />
      <div className="row spread">
        {session && !capturing ? (
          <button type="button" className="link" onClick={controls.endSession} data-testid="end-session">
            End this session
          </button>
        ) : (
          <span />
        )}
        <button type="button" className="link" onClick={openSessions}>
          All sessions
        </button>
      </div>
    </section>
  );
}
