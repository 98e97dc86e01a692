// `npm run bench [-- --quick] [-- --only REGEX] [-- --faces] [-- --checklist] [-- --identity] [-- --live]
// [-- --lip [--cut-files]] [-- --challenges] [-- --drill] [-- --soak MINUTES]`:
// runs the real pipeline (headless Chromium, the built extension) over ../shared/media and over
// variants made with ffmpeg, and prints tables: lip sync, then the face checks. `--faces` runs
// only the face-check clips; `--checklist` runs the checklist's verifiers over answer windows of
// every clip (scripts/lib/bench/checklist.mjs); `--identity` compares the face descriptors of the
// corpus's labelled same-person and different-person pairs (scripts/lib/bench/identity.mjs);
// `--lip` runs only lip sync, before (the envelope method) and after (the learned map) on the same
// signals, with short cuts and silent faces (scripts/lib/bench/lip-sync.mjs);
// `--challenges` runs the challenge verifiers over the marked stretches of the challenge clips
// (scripts/lib/bench/challenges.mjs);
// `--drill` builds a drill pack from two real clips and checks each variant reads as its key says
// (scripts/lib/bench/drill.mjs);
// `--live [--clip FILE] [--fit cover]` measures the live path instead (scripts/lib/bench/live.mjs).
// `--soak MINUTES [--clip FILE]` keeps the live path running on a looped clip and prints fps, p95,
// heaps, stored session size and findings every minute (scripts/lib/bench/soak.mjs).
// `--fuzz-media` runs `npm run analyze` on broken and unusual media made from real clips and tables
// exit codes, times and messages (scripts/lib/bench/fuzz-media.mjs).
// Truth for a shifted clip is its shift, assuming the source clip is in sync (as the corpus
// does); "err vs source" instead compares with the estimate on the unshifted source, which
// separates the method's precision from the corpus's own offsets.
import { existsSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, ROOT } from './lib/browser.mjs';
import { benchChallenges } from './lib/bench/challenges.mjs';
import { benchChecklist } from './lib/bench/checklist.mjs';
import { benchDrill } from './lib/bench/drill.mjs';
import { benchFuzzMedia } from './lib/bench/fuzz-media.mjs';
import { benchIdentity } from './lib/bench/identity.mjs';
import { benchLive } from './lib/bench/live.mjs';
import { benchLipSync } from './lib/bench/lip-sync.mjs';
import { benchSoak } from './lib/bench/soak.mjs';
import { fmt, median, printFaceTables } from './lib/bench/faces.mjs';
import { freezeVideo, joinClips, loopVideo, shiftAudio, swapAudio, truthOf } from './lib/bench/variants.mjs';
import { RecordingRejected, startRecordingAnalyzer } from './lib/recording-analyzer.mjs';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    live: { type: 'boolean', default: false },
    soak: { type: 'string' },
    faces: { type: 'boolean', default: false },
    checklist: { type: 'boolean', default: false },
    challenges: { type: 'boolean', default: false },
    drill: { type: 'boolean', default: false },
    'fuzz-media': { type: 'boolean', default: false },
    identity: { type: 'boolean', default: false },
    lip: { type: 'boolean', default: false },
    'cut-files': { type: 'boolean', default: false },
    clip: { type: 'string' },
    fit: { type: 'string', default: 'contain' },
  },
});
const MEDIA = process.env.LIVEPROOF_MEDIA_DIR ?? join(ROOT, '../shared/media');
if (!existsSync(MEDIA)) {
  console.error(`bench: no media at ${MEDIA}; put ../shared beside the project or set LIVEPROOF_MEDIA_DIR.`);
  process.exit(2);
}
if (values.soak !== undefined) {
  const minutes = Number(values.soak);
  if (!Number.isInteger(minutes) || minutes < 1) {
    console.error(`bench --soak: MINUTES must be a whole number of minutes, not "${values.soak}".`);
    process.exit(2);
  }
  await benchSoak(MEDIA, minutes, values.clip);
  process.exit(0);
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

// The fuzz bench runs the CLI itself, one Chromium per file.
if (values['fuzz-media']) {
  await benchFuzzMedia(MEDIA);
  process.exit(0);
}
ensureBuilt();
const analyzer = await startRecordingAnalyzer();
if (values.checklist) {
  await benchChecklist(MEDIA, analyzer, { quick: values.quick, only: values.only ?? null });
  await analyzer.close();
  process.exit(0);
}
if (values.challenges) {
  await benchChallenges(MEDIA, analyzer, { only: values.only ?? null });
  await analyzer.close();
  process.exit(0);
}
if (values.drill) {
  await benchDrill(MEDIA, analyzer);
  await analyzer.close();
  process.exit(0);
}
if (values.lip) {
  await benchLipSync(MEDIA, analyzer, { only: values.only ?? null, cutFiles: values['cut-files'] });
  await analyzer.close();
  process.exit(0);
}
if (values.identity) {
  await benchIdentity(MEDIA, analyzer, { only: values.only ?? null });
  await analyzer.close();
  process.exit(0);
}
const rows = [];
async function run(path, group, source = null, faceTruth = null) {
  if (values.only && !new RegExp(values.only).test(basename(path))) return null;
  const started = Date.now();
  try {
    const report = await analyzer.analyze(path);
    const row = { path, group, source, truth: truthOf(path), faceTruth, report, wallS: (Date.now() - started) / 1000 };
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
const longEnough = [];
console.error(`Real clips (${real.length})…`);
for (const path of real) {
  const row = await run(path, 'real');
  if (row?.report.audio) withSound.push(path);
  // The face-check variants need 8 s of each clip (a join at 8 s; a freeze at 3..6 s, a replay at 5..8 s).
  if (row?.report.audio && row.report.durationS >= 8) longEnough.push(path);
}
// Face-check variants: two people joined, a frozen stretch, a replayed stretch (sound untouched).
const faceSources = longEnough.filter((_, i) => i % (values.quick ? 8 : 3) === 0);
console.error(`Face-check variants (${faceSources.length} joins, freezes, loops)…`);
for (const [i, path] of faceSources.entries()) {
  const other = faceSources[(i + 1) % faceSources.length];
  const joined = joinClips(path, other);
  await run(joined.path, 'joined', path, { kind: 'change', atS: joined.cutS });
  const frozen = freezeVideo(path);
  await run(frozen.path, 'frozen', path, { kind: 'frozen', fromS: frozen.fromS, toS: frozen.toS });
  const looped = loopVideo(path);
  await run(looped.path, 'looped', path, { kind: 'loop', fromS: looped.fromS, toS: looped.toS });
}
console.error('Several-faces clips…');
for (const path of list('other').filter((p) => /multiface_|twoface_/.test(basename(p))))
  await run(path, 'several', null, { kind: 'several' });
const synthetic = values.quick ? list('synthetic').filter((_, i) => i % 4 === 0) : list('synthetic');
console.error(`Synthetic clips (${synthetic.length})…`);
for (const path of synthetic) await run(path, 'synthetic');
if (values.faces) {
  await analyzer.close();
  printFaceTables(rows);
  process.exit(0);
}
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
printFaceTables(rows);
const lipRows = rows.filter((r) => ['real', 'shifted', 'other', 'swapped'].includes(r.group) && r.report.audio);
const sourceEstimate = new Map(rows.filter((r) => r.group === 'real').map((r) => [r.path, r.report.lipSync.offsetMs]));
const header = [
  'clip',
  'truth',
  'estimate ms',
  'err ms',
  'err vs source',
  'verdict',
  'conf',
  'findings',
  'ms/frame',
  'x realtime',
];
const lines = [header, header.map(() => '---')];
for (const row of lipRows) {
  const { lipSync, performance, findings } = row.report;
  const truth = row.truth.kind === 'mismatch' ? 'mismatch' : `${row.truth.offsetMs}`;
  const error =
    row.truth.kind !== 'mismatch' && lipSync.offsetMs !== null ? lipSync.offsetMs - row.truth.offsetMs : null;
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
    findings
      .filter((f) => f.kind.startsWith('av-'))
      .map((f) => `${f.kind}:${f.severity}`)
      .join(' ') || '-',
    fmt(performance.msPerFrameMedian, 1),
    fmt(performance.realtimeFactor, 2),
  ]);
}
console.log(lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n'));

const shifted = lipRows.filter((r) => r.group === 'shifted' || (r.group === 'other' && r.truth.kind === 'offset'));
const within = (key) => shifted.filter((r) => r[key] !== null && Math.abs(r[key]) <= 40).length;
const swaps = lipRows.filter((r) => r.truth.kind === 'mismatch');
const realRows = lipRows.filter((r) => r.group === 'real');
const realHigh = realRows.filter((r) =>
  r.report.findings.some((f) => f.kind.startsWith('av-') && f.severity === 'high'),
);
const realAny = realRows.filter((r) => r.report.findings.some((f) => f.kind.startsWith('av-')));
const firstVerdicts = lipRows
  .map((r) => r.report.lipSync.verdictAfterSpeechS)
  .filter((v) => v !== null)
  .sort((a, b) => a - b);
const factors = lipRows.map((r) => r.report.performance.realtimeFactor).sort((a, b) => a - b);
const realFactors = realRows.map((r) => r.report.performance.realtimeFactor).sort((a, b) => a - b);
// Stage costs on the real clips. The whole analysis is the user's wait (frame pass, analyzers with
// the learned lip map, report); without identity is estimated: the pass less its describe time,
// spread over the page's workers (AnalyzeApp: one per core, at most 4).
const workers = Math.max(1, Math.min(4, cpus().length));
const wholeFactors = realRows.map((r) => r.report.durationS / r.wallS);
const withoutIdentity = realRows.map(({ report }) => {
  const passS = report.durationS / report.performance.realtimeFactor;
  const describeS = (report.identity.describedFrames * (report.performance.describeMsPerFrame ?? 0)) / 1000;
  return report.durationS / (passS - describeS / workers);
});
const mismatches = swaps.filter((r) => r.report.lipSync.verdict === 'mismatch').length;
console.log(
  [
    '',
    `SUMMARY shifted clips within 40 ms: ${within('error')}/${shifted.length} vs nominal shift, ` +
      `${within('errorVsSource')}/${shifted.filter((r) => r.group === 'shifted').length} vs the source's own estimate`,
    `SUMMARY mismatch detected: ${mismatches}/${swaps.length} ` +
      `(verdicts: ${swaps.map((r) => r.report.lipSync.verdict).join(', ')})`,
    `SUMMARY false alarms on unshifted real clips: ${realHigh.length} high, ${realAny.length} any av-* finding, ` +
      `of ${realRows.length}`,
    `SUMMARY first verdict after speech: median ${fmt(median(firstVerdicts), 1)} s ` +
      `over ${firstVerdicts.length} clips with a verdict; ` +
      `speed: median ${fmt(median(factors), 2)}x real time (min ${fmt(factors[0], 2)})`,
    `SUMMARY speed real clips: median ${fmt(median(realFactors), 2)}x real time ` +
      `(min ${fmt(realFactors[0], 2)}, ${realFactors.length} clips, every check on; ` +
      `model on the ${analyzer.engine.delegate}${analyzer.engine.reason ? ` ${analyzer.engine.reason}` : ''})`,
    `SUMMARY speed stages real clips: frame pass ${fmt(median(realFactors), 2)}x; ` +
      `whole analysis incl. the analyzers and learned lip map ${fmt(median(wholeFactors), 2)}x; ` +
      `pass without identity (its describe time taken out, estimated) ${fmt(median(withoutIdentity), 2)}x`,
  ].join('\n'),
);
