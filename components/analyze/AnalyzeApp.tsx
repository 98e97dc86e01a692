import { useCallback, useMemo, useState } from 'react';
import { BLINK, IDENTITY, PULSE } from '@/utils/common/thresholds';
import type { LandmarkerRole } from '@/utils/engine/landmarks';
import { useLandmarkers } from '@/utils/hooks/use-landmarkers';
import { RECORDING_MAX_FPS } from '@/utils/report/recording-pass';
import { useRecordingAnalysis } from '@/utils/hooks/use-recording-analysis';
import type { FileAnalysis } from '@/utils/recording/analyze-file';
import { chartSeries } from '@/utils/report/chart-series';
import { signalsToJson } from '@/utils/report/signals-export';
import { withDescriptors } from '@/utils/report/build-report';
import { INCLUDE_DESCRIPTORS_LABEL } from '@/utils/wording/identity';
import { RECORDING_DAMAGE_TEXT } from '@/utils/wording/recording';
import { sessionFromRecording } from '@/utils/sessions/from-recording';
import { useAppStore } from '@/utils/store';
import {
  firstVerdictText,
  lipSyncVerdictDetail,
  lipSyncVerdictTitle,
  NO_AUDIO_DETAIL,
  NO_AUDIO_TITLE,
} from '@/utils/wording/lip-sync';
import { Brand } from '../shared/Brand';
import { downloadText } from '../shared/download';
import { EngineStatusCard } from '../shared/EngineStatusCard';
import { FindingsList } from '../shared/FindingsList';
import { SessionExportButtons } from '../shared/SessionExportButtons';
import { ChallengesCard, readStretch, type StretchInput } from './ChallengesCard';
import { SignalChart, type ChartStretch } from './SignalChart';

/** One recording worker per core, up to four: recordings are cut into stretches analysed side by side. */
const RECORDING_ROLES: readonly LandmarkerRole[] = Array.from(
  { length: Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) },
  () => 'recording',
);

function LipSyncCard({ analysis }: { analysis: FileAnalysis }) {
  const { overall, verdictAfterSpeechS } = analysis.lipSync;
  if (!analysis.pass.hasAudio) {
    return (
      <section className="card" aria-labelledby="lipsync-title" data-testid="lipsync">
        <h2 id="lipsync-title">Lip-sync</h2>
        <div className="verdict insufficient" data-testid="lipsync-verdict" data-verdict="no-audio">
          {NO_AUDIO_TITLE}
        </div>
        <p className="muted">{NO_AUDIO_DETAIL}</p>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="lipsync-title" data-testid="lipsync">
      <h2 id="lipsync-title">Lip-sync</h2>
      <div className={`verdict ${overall.verdict}`} data-testid="lipsync-verdict" data-verdict={overall.verdict}>
        {lipSyncVerdictTitle(overall)}
      </div>
      <p className="muted">{lipSyncVerdictDetail(overall)}</p>
      {Number.isFinite(verdictAfterSpeechS) && <p className="small muted">{firstVerdictText(verdictAfterSpeechS)}</p>}
    </section>
  );
}

const number = (value: number | null, digits: number, unit = '') =>
  value === null ? 'not measured' : `${value.toFixed(digits)}${unit}`;

/** What each face-consistency check measured, in one table (findings carry the judgements). */
function FaceChecksCard({ analysis }: { analysis: FileAnalysis }) {
  const checks = analysis.report.faceChecks;
  const identity = analysis.report.identity;
  const kinds = new Set(analysis.face.findings.map((finding) => finding.kind));
  const rows: [string, string, string, boolean][] = [
    [
      'faces',
      'Faces in the picture',
      `most ${checks.maxFaces}; longest without a face ${number(checks.longestNoFaceS, 1, ' s')}`,
      kinds.has('no-face') || kinds.has('multiple-faces'),
    ],
    [
      'likeness',
      'Same face throughout',
      identity.describedFrames === 0
        ? 'no face large and frontal enough to describe'
        : `${identity.describedFrames} faces described; largest change ${number(identity.maxChangeDistance, 2)}` +
          `${identity.maxChangeAtS === null ? '' : ` at ${identity.maxChangeAtS.toFixed(1)} s`}, ` +
          `start to end ${number(identity.startToEndDistance, 2)} (same person up to ${identity.threshold})`,
      kinds.has('person-change') || kinds.has('look-alike-face'),
    ],
    [
      'identity',
      'Same face shape throughout',
      `largest change ${number(checks.identityMaxScore, 2)} (flagged from ${IDENTITY.warnScore})` +
        `${checks.identityMaxAtS === null ? '' : ` at ${checks.identityMaxAtS.toFixed(1)} s`}; ` +
        `start to end ${number(checks.identityStartToEnd, 2)}`,
      kinds.has('person-change'),
    ],
    [
      'freeze',
      'Picture moving',
      `longest still ${number(checks.longestFrozenS, 1, ' s')}; longest repeat ${number(checks.longestLoopS, 1, ' s')}`,
      kinds.has('freeze'),
    ],
    [
      'jitter',
      'Face shape steady',
      `median flicker ${number(checks.jitterMedian, 4)}; worst 3 s ${number(checks.jitterWorstWindow, 4)}`,
      kinds.has('landmark-jitter'),
    ],
    [
      'seam',
      'Face edge',
      `texture ratio ${number(checks.seamGradientRatio, 2)}; colour step ${number(checks.seamChromaDelta, 1)}`,
      kinds.has('boundary-artifact'),
    ],
    [
      'blink',
      'Blinking',
      `${number(checks.blinksPerMinute, 1, ' a minute')} over ${number(checks.blinkWatchedS, 0, ' s')} ` +
        `(judged from ${BLINK.minWatchMs / 1000} s)`,
      kinds.has('blink-anomaly'),
    ],
    [
      'pulse',
      'Pulse in the skin',
      kinds.has('pulse-absent')
        ? 'no pulse seen'
        : checks.pulseBpm === null
          ? `not measured (needs ${PULSE.minWindowMs / 1000} s of a steady face)`
          : `${number(checks.pulseBpm, 0, ' bpm')} at SNR ${number(checks.pulseSnrDb, 1, ' dB')}`,
      kinds.has('pulse-absent'),
    ],
  ];
  return (
    <section className="card" aria-labelledby="face-checks-title" data-testid="face-checks">
      <h2 id="face-checks-title">Face checks</h2>
      <dl className="facts">
        {rows.map(([key, label, measured, flagged]) => (
          <div key={key} className="contents" data-check={key} data-flagged={flagged}>
            <dt>{label}</dt>
            <dd>
              {flagged && <span className="pill warn">see findings</span>} {measured}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function FramesCard({ analysis }: { analysis: FileAnalysis }) {
  const { pass, report } = analysis;
  const summary = pass.landmarks;
  const share = summary.framesAnalyzed > 0 ? summary.framesWithOneFullFace / summary.framesAnalyzed : 0;
  const sharePercent = (share * 100).toFixed(1);
  return (
    <section className="card" aria-labelledby="frames-title" data-testid="result">
      <h2 id="frames-title">Frames and speed</h2>
      <dl className="facts">
        <dt>File</dt>
        <dd>{report.file}</dd>
        <dt>Duration</dt>
        <dd>
          {pass.durationS.toFixed(2)} s, {pass.width}×{pass.height}
        </dd>
        <dt>Frames analysed</dt>
        <dd data-testid="frames-analyzed">{summary.framesAnalyzed}</dd>
        <dt>Exactly one full face</dt>
        <dd>
          <span data-testid="frames-one-face">{summary.framesWithOneFullFace}</span> frames ({sharePercent} %)
        </dd>
        <dt>Most faces in a frame</dt>
        <dd data-testid="max-faces">{summary.maxFacesInFrame}</dd>
        <dt>Model time per frame</dt>
        <dd>
          median <span data-testid="detect-ms-median">{summary.detectMsMedian.toFixed(1)}</span> ms, p95{' '}
          <span data-testid="detect-ms-p95">{summary.detectMsP95.toFixed(1)}</span> ms
        </dd>
        <dt>Face checks per frame</dt>
        <dd>
          pixel measures <span data-testid="pixels-ms">{number(report.performance.pixelsMsPerFrame, 2)}</span> ms,
          analyzers <span data-testid="face-checks-ms">{number(report.performance.faceChecksMsPerFrame, 2)}</span> ms
        </dd>
        <dt>Speed</dt>
        <dd data-testid="realtime-factor">{pass.performance.realtimeFactor.toFixed(2)}× real time</dd>
      </dl>
    </section>
  );
}

function ResultView({ analysis }: { analysis: FileAnalysis }) {
  const series = useMemo(() => chartSeries(analysis.pass.signals.mouth, analysis.pass.signals.speech), [analysis]);
  const { report } = analysis;
  // A new analysis mounts a new view (the page shows progress in between), so this runs once per analysis.
  const [session] = useState(() =>
    sessionFromRecording(
      crypto.randomUUID(),
      analysis.report,
      analysis.pass.signals.faces,
      analysis.lipSync.windows,
      Date.now(),
    ),
  );
  const [withFaceDescriptors, setWithFaceDescriptors] = useState(false);
  const challenges = useAppStore((state) => state.recordingChallenges);
  const exportedReport = () => ({
    ...(withFaceDescriptors ? withDescriptors(report, analysis.pass.signals.faces) : report),
    challenges,
  });
  // The challenge stretch, typed or dragged on the chart; the chart shades it while it is valid.
  const [stretchInput, setStretchInput] = useState<StretchInput>({ start: '', end: '' });
  const { durationS } = analysis.pass;
  const marked = useMemo(() => {
    const read = readStretch(stretchInput, durationS);
    return 'stretch' in read ? read.stretch : null;
  }, [stretchInput, durationS]);
  const markOnChart = useCallback(
    ({ startS, endS }: ChartStretch) => {
      // Tenths of a second, clamped after rounding so the very end stays inside the recording.
      const inRecording = (seconds: number) => String(Math.min(durationS, Math.max(0, Math.round(seconds * 10) / 10)));
      setStretchInput({ start: inRecording(startS), end: inRecording(endS) });
    },
    [durationS],
  );
  const { coverage } = analysis;
  return (
    <>
      {coverage.endsEarly && (
        <p className="alert notice" role="status" data-testid="coverage">
          {RECORDING_DAMAGE_TEXT.endsEarly(coverage.videoReadS, coverage.declaredS)}
        </p>
      )}
      <div className="grid-2">
        <LipSyncCard analysis={analysis} />
        <section className="card" aria-labelledby="export-title">
          <h2 id="export-title">Export</h2>
          <p className="small muted">Numbers only: no video frames or audio are ever exported.</p>
          <div className="row">
            <button
              type="button"
              onClick={() =>
                downloadText(
                  `${report.file}.liveproof.json`,
                  JSON.stringify(exportedReport(), null, 2),
                  'application/json',
                )
              }
            >
              Export report (JSON)
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                downloadText(
                  `${report.file}.signals.json`,
                  signalsToJson(report.file, analysis.pass.signals),
                  'application/json',
                )
              }
            >
              Export signals
            </button>
          </div>
          <label className="small">
            <input
              type="checkbox"
              checked={withFaceDescriptors}
              onChange={(event) => setWithFaceDescriptors(event.target.checked)}
            />{' '}
            {INCLUDE_DESCRIPTORS_LABEL}
          </label>
          <p className="small muted">As a session, in the forms hiring panels use:</p>
          <SessionExportButtons session={session} />
        </section>
      </div>
      <section className="card" aria-labelledby="chart-title">
        <h2 id="chart-title">Mouth motion and speech</h2>
        <SignalChart series={series} durationS={durationS} selection={marked} onSelect={markOnChart} />
      </section>
      <ChallengesCard analysis={analysis} input={stretchInput} onInput={setStretchInput} />
      <section className="card" aria-labelledby="findings-title">
        <h2 id="findings-title">Findings</h2>
        <FindingsList findings={report.findings} />
      </section>
      <FaceChecksCard analysis={analysis} />
      <FramesCard analysis={analysis} />
    </>
  );
}

/** The "Analyze a recording" page: pick or drop a video, run the engine over every frame. */
export function AnalyzeApp() {
  // One worker per core: a recording is cut into that many stretches analysed side by side.
  const clientsRef = useLandmarkers(RECORDING_ROLES);
  const engineReady = useAppStore((state) => state.engine.state === 'ready');
  const run = useAppStore((state) => state.recording);
  const everyFrame = useAppStore((state) => state.analyzeEveryFrame);
  const setEveryFrame = useAppStore((state) => state.setAnalyzeEveryFrame);
  const [dragOver, setDragOver] = useState(false);

  const analyze = useRecordingAnalysis(clientsRef);

  const busy = run.state === 'running';
  const accept = (files: FileList | null) => {
    const file = files?.[0];
    if (file && !busy) void analyze(file, everyFrame);
  };

  return (
    <main className="app">
      <Brand tagline="Analyze a recording: nothing is uploaded, frames are not stored" />
      <div
        className={`dropzone${dragOver ? ' over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragOver(false);
          accept(event.dataTransfer.files);
        }}
      >
        <p>Drop a video file here, or</p>
        <label className="button" aria-disabled={!engineReady || busy}>
          Choose a file…
          <input
            type="file"
            accept="video/*"
            hidden
            disabled={!engineReady || busy}
            data-testid="file-input"
            onChange={(event) => {
              accept(event.target.files);
              event.target.value = '';
            }}
          />
        </label>
        {!engineReady && <p className="small muted">Waiting for the face model to load…</p>}
        <label className="row small muted centered">
          <input type="checkbox" checked={everyFrame} onChange={(event) => setEveryFrame(event.target.checked)} />
          Analyse every frame (slower; by default at most {RECORDING_MAX_FPS} frames a second)
        </label>
      </div>
      {run.state === 'running' && (
        <section className="card" aria-live="polite">
          <div className="row spread">
            <strong>Analysing {run.fileName}</strong>
            <span className="muted">{Math.round(run.progress * 100)} %</span>
          </div>
          <progress max={1} value={run.progress} />
        </section>
      )}
      {run.state === 'failed' && (
        <p className="alert bad" role="alert" data-testid="run-error">
          {run.fileName}: {run.message}
        </p>
      )}
      {run.state === 'done' && <ResultView analysis={run.analysis} />}
      <EngineStatusCard />
    </main>
  );
}
