import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '@/utils/store';
import type { EngineStatus } from '@/utils/store/engine-slice';
import { WORKER_TEXT } from '@/utils/wording/worker-restart';
import { ENGINE_TEXT } from '@/utils/wording/engine';
import type { DelegateChoice } from '@/utils/engine/landmarks';

function StatusPill({ engine }: { engine: EngineStatus }) {
  switch (engine.state) {
    case 'idle':
      return <span className="pill idle">Not started</span>;
    case 'loading':
      return <span className="pill busy">Loading model…</span>;
    case 'ready':
      return <span className="pill ok">Model loaded</span>;
    case 'failed':
      return <span className="pill bad">Model failed</span>;
  }
}

/** The on-device engine: whether the model is loaded, which one, and how long it took. */
export function EngineStatusCard() {
  const engine = useAppStore((state) => state.engine);
  const preferredDelegate = useAppStore((state) => state.preferredDelegate);
  const setPreferredDelegate = useAppStore((state) => state.setPreferredDelegate);
  // Plain values, so the card renders again only when a fault happens, not with every summary.
  const faults = useAppStore(
    useShallow((state) => {
      const workers = state.liveSummary?.health.workers;
      const last = workers?.last;
      return {
        restarts: workers?.restarts ?? 0,
        stopped: last ? !last.restarted : false,
        text: last && workers ? WORKER_TEXT.panel(last.worker, last.fault, workers.restarts, last.restarted) : null,
      };
    }),
  );

  return (
    <section className="card" aria-labelledby="engine-title" data-testid="engine-card">
      <div className="row spread">
        <h2 id="engine-title">On-device engine</h2>
        <StatusPill engine={engine} />
      </div>
      {engine.state === 'ready' && (
        <dl className="facts">
          <dt>Model</dt>
          <dd data-testid="engine-model">
            {engine.info.modelName} v{engine.info.modelVersion}
          </dd>
          <dt>Runtime</dt>
          <dd>MediaPipe Tasks Vision {engine.info.libraryVersion}</dd>
          <dt>Runs on</dt>
          <dd data-testid="engine-runs-on" data-delegate={engine.info.delegate}>
            {engine.info.delegate === 'GPU' ? 'GPU (WebGL)' : 'CPU (WebAssembly)'}
            {engine.info.delegateReason && (
              <span className="small muted" data-testid="engine-delegate-reason">
                {' '}
                {ENGINE_TEXT.chosenBecause(engine.info.delegate, engine.info.delegateReason)}
              </span>
            )}
          </dd>
          {engine.gpuProblem && (
            <>
              <dt>GPU</dt>
              <dd className="alert" data-testid="engine-gpu-problem">
                {ENGINE_TEXT.gpuFellBack(engine.gpuProblem)}
              </dd>
            </>
          )}
          <dt>Load time</dt>
          <dd data-testid="engine-load-ms">{Math.round(engine.info.loadMs)} ms</dd>
          {engine.info.descriptorProblem && (
            <>
              <dt>Face identity</dt>
              <dd className="alert bad" data-testid="engine-descriptor-problem">
                unavailable (the face checks run without it): {engine.info.descriptorProblem}
              </dd>
            </>
          )}
        </dl>
      )}
      {faults.text && (
        <p
          className={`alert ${faults.stopped ? 'bad' : 'notice'}`}
          role="status"
          data-testid="engine-restarts"
          data-restarts={faults.restarts}
        >
          {faults.text}
        </p>
      )}
      {engine.state === 'failed' && (
        <p className="alert bad" role="alert">
          The face model could not start on the {engine.delegate}: {engine.message}
          {engine.delegate === 'GPU'
            ? ' Choose the CPU below.'
            : ' Reload the extension; if it persists, reinstall it.'}
        </p>
      )}
      <label className="delegate-choice small muted">
        Run the model on
        <select
          value={preferredDelegate}
          onChange={(event) => setPreferredDelegate(event.target.value as DelegateChoice)}
          data-testid="engine-delegate"
        >
          {Object.entries(ENGINE_TEXT.choice).map(([choice, words]) => (
            <option key={choice} value={choice}>
              {words}
            </option>
          ))}
        </select>
      </label>
      <p className="small muted">Everything runs in this browser. No video, audio or result leaves the device.</p>
    </section>
  );
}
