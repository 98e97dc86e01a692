import { useEffect, useRef, useState } from 'react';
import { BUILT_IN_PROMPTS } from '@/utils/checklist/prompts';
import { QUICK_DRILL_CLIPS } from '@/utils/drills/quick-drill';
import type { PackItem } from '@/utils/drills/pack';
import { newSeed, SEED_MAX } from '@/utils/drills/order';
import {
  CUES,
  drillResults,
  itemOutcome,
  resultsToJson,
  scoreDrill,
  type Answer,
  type Cue,
} from '@/utils/drills/scoring';
import { useDrill, type DrillRun, type ItemAnalysis } from '@/utils/hooks/use-drill';
import { useLandmarkers } from '@/utils/hooks/use-landmarkers';
import type { LandmarkerRole } from '@/utils/engine/landmarks';
import {
  CONFIDENCE_WORDS,
  CUE_WORDS,
  keyText,
  MANIPULATION_WORDS,
  OUTCOME_TITLES,
  OUTCOME_WORDS,
  stretchText,
} from '@/utils/wording/drills';
import { downloadText } from '../shared/download';
import { FindingsList } from '../shared/FindingsList';

const LIVENESS_PROMPTS = BUILT_IN_PROMPTS.filter((prompt) => prompt.group === 'liveness');
const CONFIDENCES = [1, 2, 3, 4, 5] as const;
/** One recording worker: the drill's clips are analysed one by one while the trainee watches. */
const DRILL_ROLES: readonly LandmarkerRole[] = ['recording'];

const keyInWords = (item: PackItem) =>
  item.key.genuine
    ? keyText(null, 0, 0, '')
    : keyText(MANIPULATION_WORDS[item.key.manipulation], item.key.startS, item.key.endS, item.key.description);

/** How to start: a quick drill from the trainer's own clips, or a pack; who answers; the order's seed. */
function DrillSetupCard({ drill }: { drill: ReturnType<typeof useDrill> }) {
  const [trainee, setTrainee] = useState('');
  const [seed, setSeed] = useState(() => newSeed(Math.random));
  const [engineOn, setEngineOn] = useState(false);
  const [clips, setClips] = useState<File[]>([]);
  const setup = { trainee: trainee.trim() || 'Trainee', seed, engineOn };
  const tooFew = clips.length > 0 && clips.length < QUICK_DRILL_CLIPS.fewest;
  const { preparing } = drill;
  return (
    <section className="card" aria-labelledby="drill-setup-title" data-testid="drill-setup">
      <h2 id="drill-setup-title">Run a drill</h2>
      <div className="row">
        <input
          type="text"
          value={trainee}
          onChange={(event) => setTrainee(event.target.value)}
          placeholder="Trainee's name"
          aria-label="Trainee's name"
          maxLength={120}
        />
        <label className="small">
          Order (seed){' '}
          <input
            type="number"
            min={0}
            max={SEED_MAX}
            value={seed}
            onChange={(event) => setSeed(Math.max(0, Math.min(SEED_MAX, Math.floor(Number(event.target.value)))))}
            aria-label="Order seed"
            data-testid="drill-seed"
          />
        </label>
        <label className="small">
          <input type="checkbox" checked={engineOn} onChange={(event) => setEngineOn(event.target.checked)} /> Show
          Liveproof&apos;s findings while answering (an &quot;AI support&quot; drill)
        </label>
      </div>
      <p className="small muted">
        Give everyone the same seed for the same order. By default the trainee judges alone; Liveproof&apos;s findings
        come in the debrief after each answer.
      </p>
      <h3>Quick drill from your clips</h3>
      <p className="small muted">
        Pick {QUICK_DRILL_CLIPS.fewest} to {QUICK_DRILL_CLIPS.most} clips you own: each is shown once as it is and once
        changed, so half the items are genuine.
      </p>
      <div className="row">
        <input
          type="file"
          accept="video/*"
          multiple
          aria-label="Clips for a quick drill"
          data-testid="quick-drill-clips"
          onChange={(event) => setClips([...(event.target.files ?? [])])}
          disabled={preparing !== null}
        />
        <button
          type="button"
          onClick={() => void drill.quickDrill(clips, setup)}
          disabled={preparing !== null || clips.length < QUICK_DRILL_CLIPS.fewest}
          data-testid="start-quick-drill"
        >
          Start the quick drill
        </button>
      </div>
      {tooFew && (
        <p className="small field-error">
          Pick at least {QUICK_DRILL_CLIPS.fewest} clips ({clips.length} chosen).
        </p>
      )}
      {preparing && (
        <p className="small" role="status" data-testid="drill-preparing">
          Making {preparing.current || 'the items'}: {preparing.done + 1} of {preparing.total}
        </p>
      )}
      <h3>Or open a drill pack</h3>
      <input
        type="file"
        accept=".zip,application/zip"
        aria-label="Drill pack (.zip)"
        data-testid="drill-pack-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void drill.openPack(file, setup);
          event.target.value = '';
        }}
      />
      {drill.problem && (
        <p className="alert bad" role="alert" data-testid="drill-problem">
          {drill.problem}
        </p>
      )}
    </section>
  );
}

function AnalysisState({ analysis }: { analysis: ItemAnalysis | undefined }) {
  if (!analysis || analysis.state === 'waiting')
    return <p className="small muted">Liveproof has not started this clip yet.</p>;
  if (analysis.state === 'running')
    return (
      <p className="small muted" role="status">
        Liveproof is analysing this clip ({Math.round(analysis.progress * 100)} %).
      </p>
    );
  if (analysis.state === 'failed')
    return <p className="alert bad">Liveproof could not analyse it: {analysis.message}</p>;
  return (
    <div data-testid="drill-findings">
      <p className="small">{analysis.lipSync}</p>
      <FindingsList findings={analysis.findings} />
    </div>
  );
}

/** The clip in a call-like frame, "Ask" buttons for its response segments, the checklist beside. */
function ItemStage({
  entry,
  showFindings,
  analysis,
}: {
  entry: DrillRun['items'][number];
  showFindings: boolean;
  analysis: ItemAnalysis | undefined;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const ask = (startS: number, endS: number) => {
    const player = video.current;
    if (!player) return;
    player.currentTime = startS;
    void player.play();
    const stop = () => {
      if (player.currentTime >= endS) {
        player.pause();
        player.removeEventListener('timeupdate', stop);
      }
    };
    player.addEventListener('timeupdate', stop);
  };
  return (
    <div className="grid-2">
      <div className="call-frame">
        <video ref={video} src={entry.url} controls playsInline data-testid="drill-video" aria-label="The candidate" />
        <p className="small muted">Candidate</p>
        {entry.item.segments?.map((segment) => (
          <button
            key={`${segment.startS}-${segment.label}`}
            type="button"
            className="secondary"
            onClick={() => ask(segment.startS, segment.endS)}
          >
            Ask: {segment.label}
          </button>
        ))}
      </div>
      <div>
        <h3>Checklist</h3>
        <ul className="small">
          {LIVENESS_PROMPTS.map((prompt) => (
            <li key={prompt.id}>{prompt.say.replace('{side}', 'left').replace('{phrase}', '…')}</li>
          ))}
        </ul>
        {showFindings && <AnalysisState analysis={analysis} />}
      </div>
    </div>
  );
}

function AnswerForm({ onAnswer }: { onAnswer: (answer: Omit<Answer, 'itemId' | 'answerMs' | 'engineOn'>) => void }) {
  const [saidGenuine, setSaidGenuine] = useState<boolean | null>(null);
  const [cues, setCues] = useState<Cue[]>([]);
  const [confidence, setConfidence] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const ready = saidGenuine !== null && confidence !== null;
  return (
    <form
      className="drill-answer"
      data-testid="drill-answer"
      onSubmit={(event) => {
        event.preventDefault();
        if (saidGenuine === null || confidence === null) return;
        onAnswer({ saidGenuine, cues, confidence, note });
      }}
    >
      <fieldset>
        <legend>Is this the real person, speaking for themselves?</legend>
        {([true, false] as const).map((genuine) => (
          <label key={String(genuine)}>
            <input
              type="radio"
              name="verdict"
              checked={saidGenuine === genuine}
              onChange={() => setSaidGenuine(genuine)}
            />{' '}
            {genuine ? 'Genuine' : 'Manipulated (fake)'}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>What did you notice?</legend>
        {CUES.map((cue) => (
          <label key={cue}>
            <input
              type="checkbox"
              checked={cues.includes(cue)}
              onChange={(event) =>
                setCues((all) => (event.target.checked ? [...all, cue] : all.filter((other) => other !== cue)))
              }
            />{' '}
            {CUE_WORDS[cue]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>How sure are you?</legend>
        {CONFIDENCES.map((level) => (
          <label key={level}>
            <input
              type="radio"
              name="confidence"
              checked={confidence === level}
              onChange={() => setConfidence(level)}
            />{' '}
            {level} {CONFIDENCE_WORDS[level]}
          </label>
        ))}
      </fieldset>
      <textarea
        value={note}
        onChange={(event) => setNote(event.target.value)}
        placeholder="Note (optional)"
        aria-label="Note"
        maxLength={2000}
      />
      <button type="submit" disabled={!ready}>
        Answer
      </button>
    </form>
  );
}

/** The answer key in words, where the manipulation is, what Liveproof measured, the prompt that exposes it. */
function Debrief({
  item,
  answer,
  analysis,
  durationS,
}: {
  item: PackItem;
  answer: Answer;
  analysis: ItemAnalysis | undefined;
  durationS: number;
}) {
  const outcome = itemOutcome(item.key, answer.saidGenuine);
  const promptId = item.key.genuine ? undefined : item.key.promptId;
  const prompt = promptId ? BUILT_IN_PROMPTS.find((p) => p.id === promptId) : undefined;
  return (
    <section className="card" aria-labelledby="debrief-title" data-testid="drill-debrief" data-outcome={outcome}>
      <h2 id="debrief-title">{OUTCOME_WORDS[outcome]}</h2>
      <p data-testid="drill-key">{keyInWords(item)}</p>
      {!item.key.genuine && (
        <div className="drill-timeline" aria-label={`Where: ${stretchText(item.key.startS, item.key.endS)}`}>
          <div
            className="drill-timeline-mark"
            style={{
              left: `${(item.key.startS / durationS) * 100}%`,
              width: `${Math.max(1, ((item.key.endS - item.key.startS) / durationS) * 100)}%`,
            }}
          />
          <span className="small">
            {stretchText(item.key.startS, item.key.endS)} of {stretchText(0, durationS).replace(/^0–/, '')}
          </span>
        </div>
      )}
      <h3>What Liveproof measured on this clip</h3>
      <AnalysisState analysis={analysis} />
      {prompt && (
        <p className="small" data-testid="drill-prompt">
          <strong>The prompt that would expose it:</strong> “
          {prompt.say.replace('{side}', 'left').replace('{phrase}', '…')}” — {prompt.why}
        </p>
      )}
    </section>
  );
}

function ScoreCard({ run, answers }: { run: DrillRun; answers: Answer[] }) {
  const score = scoreDrill(
    run.items.map(({ item }) => item),
    answers,
  );
  const percent = (value: number | null) => (value === null ? '–' : `${Math.round(value * 100)} %`);
  const seconds = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);
  const download = () => {
    const results = drillResults(run.open.pack, {
      packId: run.packId,
      trainee: run.trainee,
      seed: run.seed,
      startedAtMs: run.startedAtMs,
      answers,
    });
    downloadText(
      `${run.trainee.replace(/[^\w.-]+/g, '-')}.liveproof-drill-results.json`,
      resultsToJson(results),
      'application/json',
    );
  };
  return (
    <section className="card" aria-labelledby="score-title" data-testid="drill-score">
      <h2 id="score-title">Score</h2>
      <dl className="facts">
        {(Object.keys(OUTCOME_TITLES) as (keyof typeof OUTCOME_TITLES)[]).map((outcome) => (
          <div key={outcome}>
            <dt>{OUTCOME_TITLES[outcome]}</dt>
            <dd data-testid={`score-${outcome}`}>{score.counts[outcome]}</dd>
          </div>
        ))}
        <div>
          <dt>Right</dt>
          <dd data-testid="score-accuracy">{percent(score.accuracy)}</dd>
        </div>
        <div>
          <dt>Confidence when right / when wrong (1–5)</dt>
          <dd>
            {score.calibration.meanConfidenceRight?.toFixed(1) ?? '–'} /{' '}
            {score.calibration.meanConfidenceWrong?.toFixed(1) ?? '–'}
          </dd>
        </div>
        <div>
          <dt>Median time to answer</dt>
          <dd>{seconds(score.medianAnswerMs)}</dd>
        </div>
      </dl>
      <ol className="small" data-testid="score-items">
        {score.outcomes.map(({ itemId, outcome }) => {
          const item = run.items.find((entry) => entry.item.id === itemId)?.item as PackItem;
          return (
            <li key={itemId}>
              {OUTCOME_WORDS[outcome]}. {keyInWords(item)}
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={download} data-testid="download-results">
        Download results (JSON)
      </button>
    </section>
  );
}

/** A drill from start to score: setup, each item answered then debriefed, the score and results file. */
export function DrillRunner() {
  const clientsRef = useLandmarkers(DRILL_ROLES);
  const drill = useDrill(clientsRef);
  const [debriefing, setDebriefing] = useState(false);
  const shownAt = useRef(0);
  const { run, answers, analyses } = drill;
  useEffect(() => {
    shownAt.current = performance.now();
  }, [run]);
  if (!run) return <DrillSetupCard drill={drill} />;

  const index = debriefing ? answers.length - 1 : answers.length;
  const entry = run.items[index];
  if (!entry) {
    return (
      <>
        <ScoreCard run={run} answers={answers} />
        <button type="button" className="link" onClick={drill.reset}>
          Start another drill
        </button>
      </>
    );
  }
  const answer = answers[index];
  return (
    <section className="card" aria-labelledby="drill-item-title" data-testid="drill-item" data-item={entry.item.id}>
      <h2 id="drill-item-title">
        Item {index + 1} of {run.items.length}
      </h2>
      <ItemStage entry={entry} showFindings={run.engineOn && !debriefing} analysis={analyses[entry.item.id]} />
      {debriefing && answer ? (
        <>
          <Debrief
            item={entry.item}
            answer={answer}
            analysis={analyses[entry.item.id]}
            durationS={entry.item.clip.durationS}
          />
          <button
            type="button"
            onClick={() => {
              shownAt.current = performance.now();
              setDebriefing(false);
            }}
            data-testid="drill-next"
          >
            {index + 1 < run.items.length ? 'Next item' : 'See the score'}
          </button>
        </>
      ) : (
        <AnswerForm
          key={entry.item.id}
          onAnswer={(given) => {
            drill.answer({
              ...given,
              itemId: entry.item.id,
              answerMs: Math.round(performance.now() - shownAt.current),
              engineOn: run.engineOn,
            });
            setDebriefing(true);
          }}
        />
      )}
    </section>
  );
}
