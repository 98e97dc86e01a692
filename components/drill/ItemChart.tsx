import type { TrainerRow } from '@/utils/drills/scoring';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** What the bar of one item says in words: how many were fooled, and how. */
function fooledText(row: TrainerRow): string {
  if (row.fooledShare === null) return 'Nobody answered it';
  const wrong = row.answered - row.right;
  const how = row.key.genuine ? 'called it fake (false accusations)' : 'called it genuine (missed fakes)';
  return `${percent(row.fooledShare)} fooled: ${wrong} of ${row.answered} ${how}`;
}

/**
 * For each item, the share of trainees it fooled, as horizontal bars in plain HTML rather than
 * uplot: uplot draws on a canvas with room only for short tick labels under vertical bars, while
 * each bar here needs the item's answer key in words beside it, wrapped, and readable by a screen
 * reader. The bar's look (hatched for a genuine clip) repeats what the printed words already say.
 */
export function ItemChart({ rows }: { rows: readonly TrainerRow[] }) {
  return (
    <figure className="chart-figure" data-testid="trainer-chart">
      <ol className="item-bars">
        {rows.map((row) => (
          <li key={row.itemId} data-id={row.itemId}>
            <div className="item-bar-label">
              <strong>{row.itemId}</strong>
              <div className="small muted">{row.keyWords}</div>
            </div>
            <div>
              <div className="item-bar-track" aria-hidden="true">
                <div
                  className={`item-bar-fill ${row.key.genuine ? 'genuine' : 'fake'}`}
                  style={{ width: `${(row.fooledShare ?? 0) * 100}%` }}
                />
              </div>
              <div className="small item-bar-value">{fooledText(row)}</div>
            </div>
          </li>
        ))}
      </ol>
      <figcaption className="small muted">
        Share of the trainees who answered each item wrongly, the items that fooled the most first.{' '}
        <span className="swatch-bar genuine" /> A genuine clip called fake (a false accusation){' '}
        <span className="swatch-bar fake" /> A fake called genuine (a missed fake).
      </figcaption>
    </figure>
  );
}
