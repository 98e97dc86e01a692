import { useState } from 'react';
import {
  verifyRecordingChallenges,
  type ChallengeResult,
  type ChallengeStretch,
} from '@/utils/checklist/recording-challenges';
import type { FileAnalysis } from '@/utils/recording/analyze-file';
import { useAppStore } from '@/utils/store';
import { STATUS_LABEL, STATUS_PILL } from '../shared/checklist-labels';
import type { ChartStretch } from './SignalChart';
import { evidenceParts } from '@/utils/wording/checklist-verify';

/** The stretch's inputs as typed: kept as text, so a bad value is shown back, never lost. */
export interface StretchInput {
  start: string;
  end: string;
}

/** The challenges a stretch can be checked for, as the select offers them (values as in the CLI's specs). */
const CHOICES = [
  { value: 'head-turn', label: 'Head turn both ways', kind: 'head-turn', sides: 'both' },
  {
    value: 'head-turn:image-left',
    label: "Head turn toward the picture's left",
    kind: 'head-turn',
    sides: 'image-left',
  },
  {
    value: 'head-turn:image-right',
    label: "Head turn toward the picture's right",
    kind: 'head-turn',
    sides: 'image-right',
  },
  { value: 'hand-pass', label: 'Hand across the face', kind: 'hand-pass', sides: null },
  { value: 'read-phrase', label: 'Read a phrase', kind: 'read-phrase', sides: null },
  { value: 'blink', label: 'Blink', kind: 'blink', sides: null },
] as const satisfies readonly (Pick<ChallengeStretch, 'kind' | 'sides'> & { value: string; label: string })[];

const choiceLabel = (result: ChallengeResult) =>
  CHOICES.find((choice) => choice.kind === result.kind && choice.sides === result.sides)?.label ?? result.kind;

/** The stretch the inputs give inside a recording of `durationS`, or what is wrong and where. */
export function readStretch(
  input: StretchInput,
  durationS: number,
): { stretch: ChartStretch } | { problem: string; field: keyof StretchInput } {
  const seconds = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  const startS = seconds(input.start);
  const endS = seconds(input.end);
  if (!Number.isFinite(startS)) return { problem: 'Give the start in seconds, e.g. 1.5.', field: 'start' };
  if (!Number.isFinite(endS)) return { problem: 'Give the end in seconds, e.g. 6.3.', field: 'end' };
  if (startS < 0) return { problem: 'The start cannot be before 0 s.', field: 'start' };
  if (endS <= startS) {
    return { problem: `The end (${endS} s) must come after the start (${startS} s).`, field: 'end' };
  }
  if (endS > durationS) {
    return { problem: `The recording is ${durationS.toFixed(2)} s long: end the stretch by then.`, field: 'end' };
  }
  return { stretch: { startS, endS } };
}

/** The verifier's numbers, as the live checklist shows them. */
const evidenceText = (evidence: ChallengeResult['evidence']) => evidenceParts(evidence).join(' · ');

function ChallengeResultItem({ result, onRemove }: { result: ChallengeResult; onRemove: () => void }) {
  const title = `${choiceLabel(result)}, ${result.startS}–${result.endS} s`;
  return (
    <li
      className={`outcome ${result.outcome}`}
      data-testid="challenge-result"
      data-outcome={result.outcome}
      data-kind={result.kind}
    >
      <div className="row spread">
        <span className="row">
          <span className={`pill ${STATUS_PILL[result.outcome]}`}>{STATUS_LABEL[result.outcome]}</span>
          <strong>{title}</strong>
        </span>
        <button type="button" className="link" aria-label={`Remove: ${title}`} onClick={onRemove}>
          Remove
        </button>
      </div>
      <p className="challenge-summary">{result.summary}</p>
      <p className="small muted evidence">{evidenceText(result.evidence)}</p>
    </li>
  );
}

/**
 * Challenges on the analysed recording: the trainer marks the stretch where the person was asked
 * for something (typed, or dragged on the chart) and the live checklist's verifier judges it.
 */
export function ChallengesCard({
  analysis,
  input,
  onInput,
}: {
  analysis: FileAnalysis;
  input: StretchInput;
  onInput: (input: StretchInput) => void;
}) {
  const results = useAppStore((state) => state.recordingChallenges);
  const addResult = useAppStore((state) => state.addRecordingChallenge);
  const removeResult = useAppStore((state) => state.removeRecordingChallenge);
  const [choiceValue, setChoiceValue] = useState<(typeof CHOICES)[number]['value']>(CHOICES[0].value);
  // The problem found on Check, shown while the inputs still hold what it was about.
  const [checked, setChecked] = useState<{ input: StretchInput; problem: string; field: keyof StretchInput } | null>(
    null,
  );
  const problem = checked?.input === input ? checked : null;

  const check = () => {
    const read = readStretch(input, analysis.pass.durationS);
    if ('problem' in read) {
      setChecked({ input, ...read });
      return;
    }
    setChecked(null);
    const choice = CHOICES.find((option) => option.value === choiceValue) ?? CHOICES[0];
    const { faces, mouth, speech } = analysis.pass.signals;
    const [result] = verifyRecordingChallenges([{ kind: choice.kind, sides: choice.sides, ...read.stretch }], {
      faces,
      mouth,
      speech,
      findings: analysis.report.findings,
    });
    if (result) addResult(result);
  };

  const field = (name: keyof StretchInput, label: string) => (
    <label className="field">
      {label}
      <input
        type="number"
        min={0}
        step={0.1}
        value={input[name]}
        aria-invalid={problem?.field === name}
        aria-describedby={problem ? 'challenge-error' : undefined}
        data-testid={`challenge-${name}`}
        onChange={(event) => onInput({ ...input, [name]: event.target.value })}
      />
    </label>
  );

  return (
    <section className="card" aria-labelledby="challenges-title" data-testid="challenges">
      <h2 id="challenges-title">Challenges</h2>
      <p className="small muted">
        Mark the stretch where the person was asked to do something (drag across the chart above, or type the seconds),
        choose what was asked, and check it: the live checklist&apos;s checks run over that stretch.
      </p>
      <form
        className="challenge-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          check();
        }}
      >
        {field('start', 'Start (s)')}
        {field('end', 'End (s)')}
        <label className="field">
          Challenge
          <select
            value={choiceValue}
            data-testid="challenge-kind"
            onChange={(event) => setChoiceValue(event.target.value as typeof choiceValue)}
          >
            {CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" data-testid="challenge-check">
          Check
        </button>
      </form>
      {problem && (
        <p className="field-error" role="alert" id="challenge-error" data-testid="challenge-error">
          {problem.problem}
        </p>
      )}
      {results.length === 0 ? (
        <p className="small muted">No challenge checked yet.</p>
      ) : (
        <ol className="challenge-results">
          {results.map((result, index) => (
            // Results carry no state of their own, so their place in the list is key enough.
            <ChallengeResultItem key={index} result={result} onRemove={() => removeResult(index)} />
          ))}
        </ol>
      )}
    </section>
  );
}
