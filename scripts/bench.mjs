// `npm run bench [-- --quick] [-- --only REGEX] [-- --live]`: runs the real pipeline (headless
// Chromium, the built extension) over ../shared/media and over variants made with ffmpeg, and
// prints tables; `--live [--clip FILE] [--fit cover]` measures the live path instead (scripts/bench/live.mjs).
// Truth for a shifted clip is its shift, assuming the source clip is in sync (as the corpus
// does); "err vs source" instead compares with the estimate on the unshifted source, which
// separates the method's precision from the corpus's own offsets.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, ROOT } from './browser.mjs';
import { benchLive } from './bench/live.mjs';
import { shiftAudio, swapAudio } from './bench/variants.mjs';
import { RecordingRejected, startRecordingAnalyzer } from './recording-analyzer.mjs';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    live: { type: 'boolean', default: false },
    clip: { type: 'string' },
    fit: { type: 'string', default: 'contain' },
  },
});
const MEDIA = process.env.LIVEPROOF_MEDIA_DIR ?? join(ROOT, '../shared/media');
if (!existsSync(MEDIA)) {
  console.error(`bench: no media at ${MEDIA}; put ../shared beside the project or set LIVEPROOF_MEDIA_DIR.`);
  process.exit(2);
}
if (values.live) {
  await benchLive(MEDIA, values.clip, values.fit);
  process.exit(0);
}
const SHIFTS_MS = values.quick ? [-500, 250] : [-500, -250, 250, 500];
const list = (folder) =>
  readdirSync(join(MEDIA, folder))
    .filter((name) => name.endsWith('.mp4'))
    .sort()
    .map((name) => join(MEDIA, folder, name));

/** Truth from the corpus's own names (see MANIFEST.md). */
function truthOf(path) {
  const name = basename(path);
  const shifted = /__shift([+-]\d+)ms/.exec(name) ?? /lag_plus(\d+)ms/.exec(name);
  if (shifted) return { kind: 'offset', offsetMs: Number(shifted[1]) };
  const lead = /lead_minus(\d+)ms/.exec(name);
  if (lead) return { kind: 'offset', offsetMs: -Number(lead[1]) };
  if (name.includes('__audio-of__') || name.startsWith('mismatch_')) return { kind: 'mismatch' };
  return { kind: 'real', offsetMs: 0 };
}

ensureBuilt();
const analyzer = await startRecordingAnalyzer();
const rows = [];
async function run(path, group, source = null) {
  if (values.only && !new RegExp(values.only).test(basename(path))) return null;
  const started = Date.now();
  try {
    const report = await analyzer.analyze(path);
    const row = { path, group, source, truth: truthOf(path), report, wallS: (Date.now() - started) / 1000 };
    rows.push(row);
    process.stderr.write(`  ${basename(path)}: ${report.lipSync.verdict} ${report.lipSync.offsetMs ?? ''}\n`);
    return row;
  } catch (error) {
    if (!(error instanceof RecordingRejected)) throw error;
    process.stderr.write(`  ${basename(path)}: skipped (${error.message})\n`);
    return null;
  }
}

const real = list('real');
const withSound = [];
console.error(`Real clips (${real.length})…`);
for (const path of real) if (await run(path, 'real')) withSound.push(path);
const shiftSources = values.quick ? withSound.filter((_, i) => i % 4 === 0) : withSound;
console.error(`Shifted variants (${shiftSources.length} clips x ${SHIFTS_MS.length} shifts)…`);
for (const path of shiftSources) for (const shift of SHIFTS_MS) await run(shiftAudio(path, shift), 'shifted', path);
console.error('Corpus AV-offset and mismatch clips…');
for (const path of list('other').filter((p) => /avoffset_|mismatch_/.test(basename(p)))) await run(path, 'other');
const swapPairs = shiftSources.map((path, i) => [path, shiftSources[(i + 1) % shiftSources.length]]);
console.error(`Audio swaps (${swapPairs.length})…`);
for (const [video, audio] of swapPairs) await run(swapAudio(video, audio), 'swapped');
await analyzer.close();

// Tables.
const sourceEstimate = new Map(rows.filter((r) => r.group === 'real').map((r) => [r.path, r.report.lipSync.offsetMs]));
const fmt = (value, digits = 0) => (value === null || value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits));
const header = ['clip', 'truth', 'estimate ms', 'err ms', 'err vs source', 'verdict', 'conf', 'findings', 'ms/frame', 'x realtime'];
const lines = [header, header.map(() => '---')];
for (const row of rows) {
  const { lipSync, performance, findings } = row.report;
  const truth = row.truth.kind === 'mismatch' ? 'mismatch' : `${row.truth.offsetMs}`;
  const error = row.truth.kind !== 'mismatch' && lipSync.offsetMs !== null ? lipSync.offsetMs - row.truth.offsetMs : null;
  const base = row.source ? sourceEstimate.get(row.source) : null;
  const errorVsSource =
    row.group === 'shifted' && lipSync.offsetMs !== null && base !== null && base !== undefined
      ? lipSync.offsetMs - base - row.truth.offsetMs
      : null;
  row.error = error;
  row.errorVsSource = errorVsSource;
  lines.push([
    basename(row.path, '.mp4').slice(0, 70),
    truth,
    fmt(lipSync.offsetMs),
    fmt(error),
    fmt(errorVsSource),
    lipSync.verdict,
    fmt(lipSync.confidence, 2),
    findings.map((f) => `${f.kind}:${f.severity}`).join(' ') || '-',
    fmt(performance.msPerFrameMedian, 1),
    fmt(performance.realtimeFactor, 2),
  ]);
}
console.log(lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n'));

const shifted = rows.filter((r) => r.group === 'shifted' || (r.group === 'other' && r.truth.kind === 'offset'));
const within = (key) => shifted.filter((r) => r[key] !== null && Math.abs(r[key]) <= 40).length;
const swaps = rows.filter((r) => r.truth.kind === 'mismatch');
const realRows = rows.filter((r) => r.group === 'real');
const realHigh = realRows.filter((r) => r.report.findings.some((f) => f.kind.startsWith('av-') && f.severity === 'high'));
const realAny = realRows.filter((r) => r.report.findings.some((f) => f.kind.startsWith('av-')));
const firstVerdicts = rows.map((r) => r.report.lipSync.verdictAfterSpeechS).filter((v) => v !== null).sort((a, b) => a - b);
const factors = rows.map((r) => r.report.performance.realtimeFactor).sort((a, b) => a - b);
const median = (sorted) => (sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN);
console.log(
  [
    '',
    `SUMMARY shifted clips within 40 ms: ${within('error')}/${shifted.length} vs nominal shift, ` +
      `${within('errorVsSource')}/${shifted.filter((r) => r.group === 'shifted').length} vs the source's own estimate`,
    `SUMMARY mismatch detected: ${swaps.filter((r) => r.report.lipSync.verdict === 'mismatch').length}/${swaps.length} ` +
      `(verdicts: ${swaps.map((r) => r.report.lipSync.verdict).join(', ')})`,
    `SUMMARY false alarms on unshifted real clips: ${realHigh.length} high, ${realAny.length} any av-* finding, of ${realRows.length}`,
    `SUMMARY first verdict after speech: median ${fmt(median(firstVerdicts), 1)} s over ${firstVerdicts.length} clips with a verdict; ` +
      `speed: median ${fmt(median(factors), 2)}x real time (min ${fmt(factors[0], 2)})`,
  ].join('\n'),
);
