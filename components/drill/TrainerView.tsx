import { useState, type DragEvent } from 'react';
import { trainerCsv, trainerMarkdown, type DrillScore, type TrainerRow } from '@/utils/drills/scoring';
import { OUTCOME_TITLES, TRAINER_TEXT } from '@/utils/wording/drills';
import { useTrainerResults } from '@/utils/hooks/use-trainer-results';
import { downloadText } from '../shared/download';
import { ItemChart } from './ItemChart';

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);
const oneDecimal = (value: number | null) => (value === null ? '–' : value.toFixed(1));
const dateTime = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function rightText(score: DrillScore): string {
  const right = score.counts.hit + score.counts['correct-genuine'];
  return `${right} of ${score.answered} (${percent(score.accuracy)})`;
}

/** A count that cannot happen for this item (a genuine clip cannot be a missed fake) reads as a dash. */
function countCell(row: TrainerRow, count: number, onlyFor: 'genuine' | 'fake') {
  return row.key.genuine === (onlyFor === 'genuine') ? count : '–';
}

/**
 * The trainer's view over several trainees' results files of one pack: each trainee's score, each
 * item over all of them (false accusations first: in a real call they hurt a real candidate), a
 * chart of which items fool people, and the table as CSV or Markdown.
 */
export function TrainerView() {
  const { files, table, problems, reading, importFiles, remove, clear } = useTrainerResults();
  const [over, setOver] = useState(false);
  const choose = (chosen: File[]) => {
    if (chosen.length > 0) void importFiles(chosen);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    choose([...event.dataTransfer.files]);
  };
  const slug = table ? table.pack.title.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase() : '';

  return (
    <section className="card" aria-labelledby="trainer-title" data-testid="trainer-view">
      <h2 id="trainer-title">Trainer view: how each item went</h2>
      <div
        className={`dropzone small${over ? ' over' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p className="muted">
          Choose or drop the results files your trainees saved (.json), several at once, all from the same pack. They
          are read on this device only.
        </p>
        <input
          type="file"
          accept="application/json,.json"
          multiple
          aria-label="Trainees' results files (JSON)"
          data-testid="trainer-files"
          disabled={reading}
          onChange={(event) => {
            const chosen = [...(event.target.files ?? [])];
            // Emptied so that choosing the same file again is read again.
            event.target.value = '';
            choose(chosen);
          }}
        />
      </div>
      {problems.length > 0 && (
        <ul className="trainer-problems" role="alert">
          {problems.map((problem, index) => (
            <li key={index} className="alert bad small" data-testid="trainer-problem">
              {problem.about === 'file' ? (
                <>
                  <strong>{problem.fileNames.join(', ')}</strong>: {problem.text}
                </>
              ) : (
                <>
                  {problem.text} Not added: <strong>{problem.fileNames.join(', ')}</strong>.
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {!table ? (
        <p className="muted small" data-testid="trainer-empty">
          {TRAINER_TEXT.noResults}
        </p>
      ) : (
        <>
          <h2 className="title">{table.pack.title}</h2>
          <p className="small muted">
            {table.trainees.length} trainee{table.trainees.length === 1 ? '' : 's'} · pack id{' '}
            <code title={table.pack.id}>{table.pack.id.slice(0, 12)}…</code>
          </p>

          <h3>Trainees</h3>
          <table className="checklist-table small" data-testid="trainer-trainees">
            <thead>
              <tr>
                <th>Trainee</th>
                <th>{OUTCOME_TITLES['false-accusation']}</th>
                <th>{OUTCOME_TITLES['missed-fake']}</th>
                <th>Right</th>
                <th>Median time to answer</th>
                <th>Mean confidence when right / wrong (1–5)</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {table.trainees.map(({ name, startedAtMs, score }, index) => (
                <tr key={`${name}\n${startedAtMs}`} data-testid="trainer-trainee">
                  <td>
                    <strong>{name}</strong>
                    <div className="muted">
                      {dateTime(startedAtMs)} · {files[index]?.fileName}
                    </div>
                  </td>
                  <td>{score.counts['false-accusation']}</td>
                  <td>{score.counts['missed-fake']}</td>
                  <td className="nowrap">{rightText(score)}</td>
                  <td className="nowrap">
                    {score.medianAnswerMs === null ? '–' : `${oneDecimal(score.medianAnswerMs / 1000)} s`}
                  </td>
                  <td className="nowrap">
                    {oneDecimal(score.calibration.meanConfidenceRight)} /{' '}
                    {oneDecimal(score.calibration.meanConfidenceWrong)}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary icon"
                      onClick={() => remove(index)}
                      aria-label={`Remove ${name}'s results`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>Items, those that fooled the most trainees first</h3>
          <table className="checklist-table small" data-testid="trainer-items">
            <thead>
              <tr>
                <th>Item</th>
                <th>Answer key</th>
                <th>False accusations</th>
                <th>Missed fakes</th>
                <th>Right</th>
                <th>Answered</th>
                <th>Fooled</th>
                <th>Mean confidence when right / wrong (1–5)</th>
                <th>Median time to answer</th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.itemId} data-testid="trainer-item" data-id={row.itemId}>
                  <td>
                    <strong>{row.itemId}</strong>
                  </td>
                  <td>{row.keyWords}</td>
                  <td>{countCell(row, row.falseAccusations, 'genuine')}</td>
                  <td>{countCell(row, row.missedFakes, 'fake')}</td>
                  <td>{row.right}</td>
                  <td>{row.answered}</td>
                  <td>{percent(row.fooledShare)}</td>
                  <td>
                    {oneDecimal(row.meanConfidenceRight)} / {oneDecimal(row.meanConfidenceWrong)}
                  </td>
                  <td>{row.medianAnswerMs === null ? '–' : `${oneDecimal(row.medianAnswerMs / 1000)} s`}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>Which items fool people</h3>
          <ItemChart rows={table.rows} />

          <div className="row trainer-actions">
            <button
              type="button"
              data-testid="trainer-csv"
              onClick={() => downloadText(`liveproof-drill-${slug}.csv`, trainerCsv(table), 'text/csv')}
            >
              Download CSV
            </button>
            <button
              type="button"
              className="secondary"
              data-testid="trainer-md"
              onClick={() => downloadText(`liveproof-drill-${slug}.md`, trainerMarkdown(table), 'text/markdown')}
            >
              Download Markdown
            </button>
            <button type="button" className="secondary danger" onClick={clear} data-testid="trainer-clear">
              Clear
            </button>
          </div>
        </>
      )}
    </section>
  );
}
