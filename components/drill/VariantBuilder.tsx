import { useState } from 'react';
import { fileSlug } from '@/utils/common/file-name';
import { useVariantBuilder } from '@/utils/hooks/use-variant-builder';
import { DIFFICULTIES, type Difficulty } from '@/utils/drills/pack';
import { downloadBlob } from '../shared/download';
import { messageOf } from '@/utils/common/error-message';

const seconds = (value: number) => `${value.toFixed(1)} s`;

/**
 * Makes drill variants from the trainer's own clips (recordings of colleagues, with their
 * consent): each comes with its answer key, written from the same numbers that made it.
 */
export function VariantBuilder() {
  const [clips, setClips] = useState<File[]>([]);
  const { build: buildFrom, building, progress, variants, problem, tookMs, packZip } = useVariantBuilder();
  const [title, setTitle] = useState('');
  const [difficulty, setDifficulty] = useState<Difficulty>('medium');
  const [packProblem, setPackProblem] = useState<string | null>(null);
  const packTitle = title.trim() || `Drill from ${clips.length} clip${clips.length === 1 ? '' : 's'}`;
  const downloadPack = async () => {
    setPackProblem(null);
    try {
      downloadBlob(
        `${fileSlug(packTitle, 'drill')}.liveproof-pack.zip`,
        await packZip(packTitle, difficulty, Date.now()),
      );
    } catch (error) {
      setPackProblem(messageOf(error));
    }
  };
  const build = () => void buildFrom(clips);

  return (
    <section className="card" aria-labelledby="builder-title" data-testid="variant-builder">
      <h2 id="builder-title">Make variants of your own clips</h2>
      <p className="small muted">
        Choose clips you own (recordings of colleagues who agreed). Each gets its sound shifted, a frozen and a replayed
        stretch, and, with two or more clips, another clip&apos;s voice and another person from half-way. Everything is
        made on this device.
      </p>
      <div className="row">
        <input
          type="file"
          accept="video/*"
          multiple
          aria-label="Clips to make variants of"
          data-testid="variant-clips"
          onChange={(event) => setClips([...(event.target.files ?? [])])}
          disabled={building}
        />
        <button type="button" onClick={build} disabled={building || clips.length === 0}>
          Make variants
        </button>
      </div>
      {building && (
        <p className="small" data-testid="variant-progress" role="status">
          {!progress || progress.total === 0
            ? 'Reading the clips…'
            : progress.done < progress.total
              ? `Making ${progress.current}: variant ${progress.done + 1} of ${progress.total}, ` +
                `${Math.round(progress.fraction * 100)} %`
              : 'Finishing…'}
          {progress && progress.total > 0 && (
            <progress max={1} value={(progress.done + progress.fraction) / progress.total} />
          )}
        </p>
      )}
      {problem && (
        <p className="alert bad" role="alert" data-testid="variant-problem">
          {problem}
        </p>
      )}
      {variants.length > 0 && (
        <>
          <p className="small muted" data-testid="variant-timing">
            {variants.length} variants in {seconds((tookMs ?? 0) / 1000)}.
          </p>
          <ul className="small" data-testid="variant-list">
            {variants.map((variant) => (
              <li
                key={variant.plan.name}
                data-testid="variant"
                data-name={variant.plan.name}
                data-render-ms={Math.round(variant.renderMs)}
              >
                <a href={variant.url} download={variant.plan.name}>
                  {variant.plan.name}
                </a>{' '}
                — {variant.plan.key.description}
              </li>
            ))}
          </ul>
          <div className="row">
            <input
              type="text"
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              placeholder={packTitle}
              aria-label="Pack title"
              maxLength={120}
            />
            <select
              value={difficulty}
              onChange={(event) => setDifficulty(event.target.value as Difficulty)}
              aria-label="Difficulty"
            >
              {DIFFICULTIES.map((level) => (
                <option key={level} value={level}>
                  {level}
                </option>
              ))}
            </select>
            <button type="button" className="secondary" onClick={() => void downloadPack()} data-testid="download-pack">
              Download the pack (.zip)
            </button>
          </div>
          <p className="small muted">
            The pack holds your clips as genuine items and every variant with its answer key. Share it only with people
            who may see these clips.
          </p>
          {packProblem && (
            <p className="alert bad" role="alert" data-testid="pack-problem">
              {packProblem}
            </p>
          )}
        </>
      )}
    </section>
  );
}
