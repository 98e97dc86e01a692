import { useEffect, useRef, useState } from 'react';
import { BUILT_IN_PROMPTS, promptWords, type Prompt } from '@/utils/checklist/prompts';
import { fileSlug } from '@/utils/common/file-name';
import type { PackItem } from '@/utils/drills/pack';
import { QUICK_DRILL_CLIPS } from '@/utils/drills/quick-drill';
import { newSeed, SEED_MAX } from '@/utils/drills/order';
import {
  CUES,
  drillResults,
  itemOutcome,
  keyWordsOf,
  NOTE_MAX_CHARS,
  resultsToJson,
  scoreDrill,
  type Answer,
  type Cue,
} from '@/utils/drills/scoring';
import { useDrill, type DrillRun, type ItemAnalysis } from '@/utils/hooks/use-drill';
import { useLandmarkers } from '@/utils/hooks/use-landmarkers';
import type { LandmarkerRole } from '@/utils/engine/landmarks';
import { CONFIDENCE_WORDS, CUE_WORDS, OUTCOME_TITLES, OUTCOME_WORDS, stretchText } from '@/utils/wording/drills';
import { downloadText } from '../shared/download';
import { FindingsList } from '../shared/FindingsList';

const LIVENESS_PROMPTS = BUILT_IN_PROMPTS.filter((prompt) => prompt.group === 'liveness');
const CONFIDENCES = [1, 2, 3, 4, 5] as const;
/** One recording worker: the drill's clips are analysed one by one while the trainee watches. */
const DRILL_ROLES: readonly LandmarkerRole[] = ['recording'];

/** A prompt's words as the checklist would say them (a drill asks no real challenge: no words drawn). */
const promptSaid = (prompt: Prompt) => promptWords(prompt, { phrase: '…', side: 'left' });

/** What the trainer set up; kept by the runner, so "Start another drill" keeps the seed and the clips. */
interface SetupForm {
  trainee: string;
  seed: number;
  engineOn: boolean;
  clips: File[];
}

/** How to start: a quick drill from the trainer's own clips, or a pack; who answers; the order's seed. */
function DrillSetupCard({
  drill,
  form,
  change,
}: {
  drill: ReturnType<typeof useDrill>;
  form: SetupForm;
  change: (update: Partial<SetupForm>) => void;
}) {
  const { trainee, seed, engineOn, clips } = form;
  const setup = { trainee: trainee.trim() || 'Trainee', seed, engineOn };
  const tooFew = clips.length > 0 && clips.length < QUICK_DRILL_CLIPS.fewest;
  const tooMany = clips.length > QUICK_DRILL_CLIPS.most;
  const { preparing } = drill;
  const preparingText = !preparing
    ? null
    : preparing.total === 0
      ? 'Reading the clips…'
      : preparing.done < preparing.total
        ? `Making ${preparing.current}: ${preparing.done + 1} of ${preparing.total}`
        : 'Packing the items…';
  return (
    <section className="card" aria-labelledby="drill-setup-title" data-testid="drill-setup">
      <h2 id="drill-setup-title">Run a drill</h2>
      <div className="row">
        <input
          type="text"
          value={trainee}
          onChange={(event) => change({ trainee: event.target.value })}
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
            onChange={(event) =>
              change({ seed: Math.max(0, Math.min(SEED_MAX, Math.floor(Number(event.target.value)))) })
            }
            aria-label="Order seed"
            data-testid="drill-seed"
          />
        </label>
        <label className="small">
          <input type="checkbox" checked={engineOn} onChange={(event) => change({ engineOn: event.target.checked })} />
          {' Show Liveproof\'s findings while answering (an "AI support" drill)'}
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
          onChange={(event) => change({ clips: [...(event.target.files ?? [])] })}
          disabled={preparing !== null}
        />
        <button
          type="button"
          onClick={() => void drill.quickDrill(clips, setup)}
          disabled={preparing !== null || tooFew || tooMany || clips.length === 0}
          data-testid="start-quick-drill"
        >
          Start the quick drill
        </button>
      </div>
      {clips.length > 0 && (
        <p className="small muted" data-testid="quick-drill-chosen">
          Chosen: {clips.map((clip) => clip.name).join(', ')}
        </p>
      )}
      {(tooFew || tooMany) && (
        <p className="small field-error">
          Pick {tooFew ? 'at least' : 'at most'} {tooFew ? QUICK_DRILL_CLIPS.fewest : QUICK_DRILL_CLIPS.most} clips (
          {clips.length} chosen).
        </p>
      )}
      {preparingText && (
        <p className="small" role="status" data-testid="drill-preparing">
          {preparingText}
        </p>
      )}
      <h3>Or open a drill pack</h3>
      <p className="small muted">
        A pack zip, or a pack.json chosen together with its clips (a pack shared without the footage: each clip is found
        by its fingerprint, whatever its name).
      </p>
      <input
        type="file"
        accept=".zip,application/zip,.json,application/json,video/*"
        multiple
        aria-label="Drill pack (.zip, or pack.json with its clips)"
        data-testid="drill-pack-file"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          if (files.length > 0 && !preparing) void drill.openPack(files, setup);
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
  const stopAtEnd = useRef<(() => void) | null>(null);
  const forget = () => {
    if (stopAtEnd.current) video.current?.removeEventListener('timeupdate', stopAtEnd.current);
    stopAtEnd.current = null;
  };
  useEffect(() => forget, []);
  /** Plays one response segment and pauses at its end; a new Ask replaces the last. */
  const ask = (startS: number, endS: number) => {
    const player = video.current;
    if (!player) return;
    forget();
    const stop = () => {
      if (player.currentTime < endS) return;
      player.pause();
      forget();
    };
    stopAtEnd.current = stop;
    player.addEventListener('timeupdate', stop);
    player.currentTime = startS;
    void player.play();
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
            <li key={prompt.id}>{promptSaid(prompt)}</li>
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
        maxLength={NOTE_MAX_CHARS}
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
      <p data-testid="drill-key">{keyWordsOf(item.key)}</p>
      {!item.key.genuine && (
        <div className="drill-timeline" aria-label={`Where: ${stretchText(item.key.startS, item.key.endS)}`}>
          <div
            className="drill-timeline-mark"
            style={{
              left: `${Math.min(99, (item.key.startS / durationS) * 100)}%`,
              width: `${Math.max(1, ((Math.min(item.key.endS, durationS) - item.key.startS) / durationS) * 100)}%`,
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
      `${fileSlug(run.trainee, 'trainee')}.liveproof-drill-results.json`,
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
              {OUTCOME_WORDS[outcome]}. {keyWordsOf(item.key)}
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
  const [form, setForm] = useState<SetupForm>(() => ({
    trainee: '',
    seed: newSeed(Math.random),
    engineOn: false,
    clips: [],
  }));
  const shownAt = useRef(0);
  const { run, answers, analyses } = drill;
  useEffect(() => {
    shownAt.current = performance.now();
  }, [run]);
  if (!run) return <DrillSetupCard drill={drill} form={form} change={(update) => setForm({ ...form, ...update })} />;

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
      <ItemStage
        key={entry.item.id}
        entry={entry}
        showFindings={run.engineOn && !debriefing}
        analysis={analyses[entry.item.id]}
      />
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
