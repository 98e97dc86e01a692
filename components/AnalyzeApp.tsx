import { useState } from 'react';
import { useLandmarker } from '@/utils/engine/use-landmarker';
import { UnsupportedRecordingError } from '@/utils/recording/open-recording';
import { runRecordingPass, type RecordingPass } from '@/utils/recording/analyze-recording';
import { signalsToJson } from '@/utils/recording/signals-export';
import { downloadText } from './download';
import { useAppStore } from '@/utils/store';
import { Brand } from './Brand';
import { EngineStatusCard } from './EngineStatusCard';

type RunState =
  | { state: 'idle' }
  | { state: 'running'; fileName: string; progress: number }
  | { state: 'done'; fileName: string; result: RecordingPass }
  | { state: 'failed'; fileName: string; message: string };

function ResultCard({ fileName, result }: { fileName: string; result: RecordingPass }) {
  const summary = result.landmarks;
  const share = summary.framesAnalyzed > 0 ? summary.framesWithOneFullFace / summary.framesAnalyzed : 0;
  return (
    <section className="card" aria-labelledby="result-title" data-testid="result">
      <h2 id="result-title">Face landmarks</h2>
      <dl className="facts">
        <dt>File</dt>
        <dd>{fileName}</dd>
        <dt>Duration</dt>
        <dd>
          {result.durationS.toFixed(2)} s, {result.width}×{result.height}
        </dd>
        <dt>Frames analysed</dt>
        <dd data-testid="frames-analyzed">{summary.framesAnalyzed}</dd>
        <dt>Exactly one full face</dt>
        <dd>
          <span data-testid="frames-one-face">{summary.framesWithOneFullFace}</span> frames (
          {(share * 100).toFixed(1)} %)
        </dd>
        <dt>Any face</dt>
        <dd data-testid="frames-with-face">{summary.framesWithFace} frames</dd>
        <dt>Most faces in a frame</dt>
        <dd data-testid="max-faces">{summary.maxFacesInFrame}</dd>
        <dt>Model time per frame</dt>
        <dd>
          median <span data-testid="detect-ms-median">{summary.detectMsMedian.toFixed(1)}</span> ms, p95{' '}
          <span data-testid="detect-ms-p95">{summary.detectMsP95.toFixed(1)}</span> ms
        </dd>
        <dt>Speed</dt>
        <dd data-testid="realtime-factor">{result.performance.realtimeFactor.toFixed(2)}× real time</dd>
      </dl>
      <div className="row">
        <button
          type="button"
          className="secondary"
          onClick={() => downloadText(`${fileName}.signals.json`, signalsToJson(fileName, result.signals), 'application/json')}
        >
          Export signals
        </button>
      </div>
    </section>
  );
}

/** The "Analyze a recording" page: pick or drop a video, run the engine over every frame. */
export function AnalyzeApp() {
  const clientRef = useLandmarker();
  const engineReady = useAppStore((state) => state.engine.state === 'ready');
  const [run, setRun] = useState<RunState>({ state: 'idle' });
  const [dragOver, setDragOver] = useState(false);

  const analyze = async (file: File) => {
    const client = clientRef.current;
    if (!client) return;
    setRun({ state: 'running', fileName: file.name, progress: 0 });
    try {
      const result = await runRecordingPass(file, client, (progress) =>
        setRun({ state: 'running', fileName: file.name, progress }),
      );
      setRun({ state: 'done', fileName: file.name, result });
    } catch (error) {
      const message =
        error instanceof UnsupportedRecordingError
          ? error.message
          : `The analysis stopped: ${error instanceof Error ? error.message : String(error)}`;
      setRun({ state: 'failed', fileName: file.name, message });
    }
  };

  const busy = run.state === 'running';
  const accept = (files: FileList | null) => {
    const file = files?.[0];
    if (file && !busy) void analyze(file);
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
      {run.state === 'done' && <ResultCard fileName={run.fileName} result={run.result} />}
      <EngineStatusCard />
    </main>
  );
}
