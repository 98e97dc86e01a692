// The checklist part of `npm run bench -- --checklist`: every clip's signals, cut into answer
// windows of each checked prompt's response time, go through the real verifiers (bundled from
// utils/ with esbuild). Nobody in these clips was asked anything, so on real clips a `concern` is
// a false alarm (target: none); on the audio-shifted and audio-swapped clips read-a-phrase should
// raise concerns; `passed` shows how often the signals alone would tick a prompt unasked.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { importTypeScript } from '../import-ts.mjs';
import { RecordingRejected } from '../recording-analyzer.mjs';

const VERIFIERS = ['head-turn', 'hand-pass', 'read-phrase', 'blink'];

const loadVerifier = () => importTypeScript('scripts/lib/bench/checklist-verify.ts');

const table = (header, lines) =>
  [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

export async function benchChecklist(media, analyzer, { quick = false, only = null } = {}) {
  const { verifyClip } = await loadVerifier();
  const folders = quick ? ['real', 'other'] : ['real', 'other', 'synthetic'];
  const rows = [];
  for (const folder of folders) {
    const clips = readdirSync(join(media, folder))
      .filter((name) => name.endsWith('.mp4'))
      .sort();
    console.error(`Checklist: ${folder} clips (${clips.length})…`);
    for (const name of clips) {
      if (only && !new RegExp(only).test(name)) continue;
      try {
        const { report, signals } = await analyzer.analyze(join(media, folder, name), { format: 'signals' });
        const outcomes = verifyClip(signals, report.findings, report.durationS);
        rows.push({ folder, name: basename(name, '.mp4'), durationS: report.durationS, outcomes });
        const counts = VERIFIERS.map(
          (v) => `${v} ${outcomes[v].passed}/${outcomes[v].concern}/${outcomes[v]['not-verified']}`,
        );
        process.stderr.write(`  ${name}: ${counts.join(', ')}\n`);
      } catch (error) {
        if (!(error instanceof RecordingRejected)) throw error;
        process.stderr.write(`  ${name}: skipped (${error.message})\n`);
      }
    }
  }

  console.log(
    '\n### Checklist verifiers over answer windows (nobody was asked: a concern on a real clip is a false alarm)\n',
  );
  const lines = [];
  for (const folder of folders) {
    const inFolder = rows.filter((row) => row.folder === folder);
    for (const verifier of VERIFIERS) {
      const sum = (key) => inFolder.reduce((total, row) => total + row.outcomes[verifier][key], 0);
      const withConcern = inFolder.filter((row) => row.outcomes[verifier].concern > 0).length;
      lines.push([
        folder,
        verifier,
        `${inFolder.length}`,
        `${sum('passed') + sum('concern') + sum('not-verified')}`,
        `${sum('passed')}`,
        `${sum('concern')}`,
        `${sum('not-verified')}`,
        `${withConcern}`,
      ]);
    }
  }
  console.log(
    table(
      ['clips', 'verifier', 'clips', 'windows', 'passed', 'concern', 'not verified', 'clips with a concern'],
      lines,
    ),
  );

  const flagged = rows.filter((row) => VERIFIERS.some((verifier) => row.outcomes[verifier].concern > 0));
  if (flagged.length > 0) {
    console.log('\nClips with a concern (window starts, s):\n');
    console.log(
      table(
        ['clip', ...VERIFIERS],
        flagged.map((row) => [
          `${row.folder}/${row.name}`,
          ...VERIFIERS.map((v) => row.outcomes[v].concernsAtS.map((s) => s.toFixed(0)).join(' ') || '-'),
        ]),
      ),
    );
  }
  const realRows = rows.filter((row) => row.folder === 'real');
  const realConcerns = realRows.reduce(
    (total, row) => total + VERIFIERS.reduce((t, v) => t + row.outcomes[v].concern, 0),
    0,
  );
  const realClips = realRows.filter((row) => VERIFIERS.some((v) => row.outcomes[v].concern > 0)).length;
  console.log(
    `\nSUMMARY checklist concerns on real clips: ${realConcerns} windows in ${realClips} of ${realRows.length} clips`,
  );
}
