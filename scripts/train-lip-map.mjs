// `npm run train:lip-map [-- --check] [-- --signals DIR]`: fits the learned audio-to-mouth map
// (utils/analyzers/lip-map.json) on the real clips with sound in ../shared/media (real/ and
// challenges/, at least MIN_SECONDS long), as the extension measures them: each clip is analysed on
// the built extension's analyze page and its signals export read back. Prints the
// leave-one-speaker-out table. Deterministic: the same clips and extension give the same weights.
// --check fits again and exits 1 if the shipped file differs (the test runs this).
// --signals DIR reads signals exports saved by an earlier run (DIR/<clip>.json) instead of
// analysing the clips again, and saves them there when missing. --evaluate also runs the
// analyzer over 2, 4 and 8 s windows of every clip with its held-out map (scripts/lib/lip-map/evaluate.ts).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { format } from 'prettier';
import { ensureBuilt, ROOT } from './lib/browser.mjs';
import { importTypeScript } from './lib/import-ts.mjs';
import { RecordingRejected, startRecordingAnalyzer } from './lib/recording-analyzer.mjs';

/** Bump when the inputs, the fit or the clips change the weights' meaning. */
const LIP_MAP_VERSION = 1;
/** Shorter clips cannot show their own offset clearly enough to be aligned. */
const MIN_SECONDS = 4.5;
/**
 * How close a fresh fit must come to the shipped one. Another CPU may decode a pixel or a sample a
 * last bit differently, which moves the features by about their export rounding (1e-4 in the mouth
 * measures, 0.01 dB in the bands); perturbing the training signals that much moved the audio
 * weights' direction to cosine 0.9996, the mouth weights' to 0.99994, the training correlations by
 * 0.0003 and one clip's alignment by 10 ms; ten times that: 0.998, 0.9997, 0.0006, 10 ms. A changed
 * fit moves them more (the ridge penalty halved or doubled: cosine 0.975..0.987, correlations by
 * 0.01), and its settings are compared exactly as well.
 */
const CHECK = { minAudioCosine: 0.995, minMouthCosine: 0.999, maxCorrelationChange: 0.003, maxLagChangeMs: 20 };
const WEIGHTS = join(ROOT, 'utils/analyzers/lip-map.json');

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    evaluate: { type: 'boolean', default: false },
    signals: { type: 'string' },
  },
});
const MEDIA = process.env.LIVEPROOF_MEDIA_DIR ?? join(ROOT, '../shared/media');
if (!existsSync(MEDIA)) {
  console.error(`train-lip-map: no media at ${MEDIA}; put ../shared beside the project or set LIVEPROOF_MEDIA_DIR.`);
  process.exit(2);
}

/** One speaker per person: the corpus has Obama and MEAD's M003 twice each (see MANIFEST.md). */
function speakerOf(name) {
  if (/obama/.test(name)) return 'obama';
  if (/mead_m003/.test(name)) return 'mead_m003';
  return name.replace(/\.mp4$/, '');
}

const clipPaths = ['real', 'challenges'].flatMap((folder) =>
  readdirSync(join(MEDIA, folder))
    .filter((name) => name.endsWith('.mp4') && name.startsWith('real_'))
    .sort()
    .map((name) => join(MEDIA, folder, name)),
);

async function collectSignals() {
  const saved = values.signals;
  if (saved) mkdirSync(saved, { recursive: true });
  const clips = [];
  let analyzer = null;
  for (const path of clipPaths) {
    const name = basename(path);
    const cached = saved && join(saved, `${name}.json`);
    let entry = cached && existsSync(cached) ? JSON.parse(readFileSync(cached, 'utf8')) : null;
    if (!entry) {
      if (!analyzer) {
        ensureBuilt();
        analyzer = await startRecordingAnalyzer();
      }
      try {
        const { report, signals } = await analyzer.analyze(path, { format: 'signals' });
        entry = { durationS: report.durationS, audio: report.audio, signals };
      } catch (error) {
        if (!(error instanceof RecordingRejected)) throw error;
        entry = { durationS: 0, audio: false, signals: null };
      }
      if (cached) writeFileSync(cached, JSON.stringify(entry));
    }
    if (entry.audio && entry.durationS >= MIN_SECONDS)
      clips.push({ name, speaker: speakerOf(name), signals: entry.signals });
    process.stderr.write(`  ${name}: ${entry.audio ? `${entry.durationS.toFixed(1)} s` : 'no sound'}\n`);
  }
  await analyzer?.close();
  return clips;
}

/** Six significant digits keep the file small and the same on every run. */
const rounded = (value) => (typeof value === 'number' ? Number(value.toPrecision(6)) : value);

function roundedDeep(value) {
  if (Array.isArray(value)) return value.map(roundedDeep);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundedDeep(v)]));
  return rounded(value);
}

const cosine = (a, b) => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    ab += x * b[i];
    aa += x * x;
    bb += b[i] * b[i];
  });
  return ab / Math.sqrt(aa * bb);
};

/** Where a fresh fit disagrees with the shipped map beyond CHECK, in words (empty: they agree). */
function disagreements(shipped, fresh) {
  const problems = [];
  const same = (what, a, b) => JSON.stringify(a) === JSON.stringify(b) || problems.push(`${what} differ`);
  same('kind and version', [shipped.kind, shipped.version], [fresh.kind, fresh.version]);
  same('inputs', shipped.inputs, fresh.inputs);
  same('training settings', shipped.training?.settings, fresh.training.settings);
  const clipNames = (map) => (map.training?.clips ?? []).map((clip) => `${clip.name}:${clip.speaker}`);
  same('training clips', clipNames(shipped), clipNames(fresh));
  if (shipped.components?.length !== fresh.components.length) problems.push('component counts differ');
  fresh.components.forEach((component, c) => {
    const old = shipped.components?.[c];
    if (!old) return;
    const audio = cosine(old.audio, component.audio);
    const mouth = cosine(old.mouth, component.mouth);
    const change = Math.abs(old.trainingCorrelation - component.trainingCorrelation);
    if (!(audio >= CHECK.minAudioCosine)) problems.push(`component ${c + 1}: audio weights at cosine ${audio}`);
    if (!(mouth >= CHECK.minMouthCosine)) problems.push(`component ${c + 1}: mouth weights at cosine ${mouth}`);
    if (!(change <= CHECK.maxCorrelationChange)) problems.push(`component ${c + 1}: correlation moved ${change}`);
  });
  (shipped.training?.clips ?? []).forEach((clip, i) => {
    const moved = Math.abs(clip.alignedLagMs - (fresh.training.clips[i]?.alignedLagMs ?? Infinity));
    if (!(moved <= CHECK.maxLagChangeMs)) problems.push(`${clip.name}: aligned ${moved} ms away`);
  });
  return problems;
}

/** How close the fits came, for the summary line. */
function closeness(shipped, fresh) {
  return fresh.components
    .map((component, c) => {
      const old = shipped.components[c];
      return `component ${c + 1}: cosine ${cosine(old.audio, component.audio).toFixed(5)} (audio), ${cosine(
        old.mouth,
        component.mouth,
      ).toFixed(5)} (mouth)`;
    })
    .join('; ');
}

const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

const clips = await collectSignals();
const { train, finiteMedian: median } = await importTypeScript('scripts/lib/lip-map/train.ts');
const started = Date.now();
const result = train(clips, LIP_MAP_VERSION);
const map = roundedDeep(result.map);
console.error(`fitted in ${((Date.now() - started) / 1000).toFixed(1)} s on ${clips.length} clips`);

const lines = [
  '| held-out speaker | clips | s | own offset ms | r learned (held out) | r envelope |',
  '| --- | --- | --- | --- | --- | --- |',
  ...result.heldOut
    .map((row) =>
      [
        row.speaker,
        row.clips.length,
        fmt(row.seconds, 1),
        row.ownLagMs.join(', '),
        row.correlation.map((r) => fmt(r)).join(', '),
        row.envelopePeak.map((r) => fmt(r)).join(', '),
      ].join(' | '),
    )
    .map((line) => `| ${line} |`),
];
console.log(lines.join('\n'));
const learned = result.heldOut.flatMap((row) => row.correlation);
const envelope = result.heldOut.flatMap((row) => row.envelopePeak);
const trainedCorrelations = map.components.map((c) => fmt(c.trainingCorrelation)).join(', ');
console.log(
  `\nSUMMARY lip map v${LIP_MAP_VERSION}: ${clips.length} clips, ${result.heldOut.length} speakers; ` +
    `held-out correlation median ${fmt(median(learned))} (min ${fmt(Math.min(...learned))}) ` +
    `vs envelope peak median ${fmt(median(envelope))}; training canonical correlations ${trainedCorrelations}`,
);

/** The held-out window table: for each method and window length, how often each kind of stretch is decided right. */
function windowTable(cases) {
  const share = (part, all) =>
    all.length ? `${part.length}/${all.length} (${Math.round((100 * part.length) / all.length)} %)` : '-';
  const near = (c, ms) => Number.isFinite(c.estimate.offsetMs) && Math.abs(c.estimate.offsetMs - c.truthMs) <= ms;
  const matched = (c) => c.estimate.verdict === 'in-sync' || c.estimate.verdict === 'offset';
  const rows = [
    '| method | window | real decided | real mismatch | real within 80 ms of own offset | ' +
      'shifted within 40 / 80 ms | swaps caught | swaps matched |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const method of ['envelope', 'learned']) {
    for (const windowS of [2, 4, 8, 0]) {
      const of = (kind) => cases.filter((c) => c.method === method && c.windowS === windowS && c.kind === kind);
      const real = of('real');
      const decided = real.filter((c) => c.estimate.verdict !== 'insufficient');
      const shifts = of('shifted');
      const swaps = of('swapped');
      const cells = [
        method,
        windowS ? `${windowS} s` : 'whole clip',
        share(decided, real),
        real.filter((c) => c.estimate.verdict === 'mismatch').length,
        share(
          decided.filter((c) => near(c, 80)),
          decided,
        ),
        `${share(
          shifts.filter((c) => matched(c) && near(c, 40)),
          shifts,
        )} / ${share(
          shifts.filter((c) => matched(c) && near(c, 80)),
          shifts,
        )}`,
        share(
          swaps.filter((c) => c.estimate.verdict === 'mismatch'),
          swaps,
        ),
        share(swaps.filter(matched), swaps),
      ];
      rows.push(`| ${cells.join(' | ')} |`);
    }
  }
  return rows.join('\n');
}

if (values.evaluate) {
  const { evaluateHeldOut, firstVerdictSpeech } = await importTypeScript('scripts/lib/lip-map/evaluate.ts');
  const cases = evaluateHeldOut(result, [2, 4, 8, 0]);
  console.log(`\nHeld-out windows (each clip with the map fitted without its speaker):\n${windowTable(cases)}`);
  for (const method of ['envelope', 'learned']) {
    const first = firstVerdictSpeech(result, method);
    console.log(
      `SUMMARY ${method}: first verdict after median ${fmt(median(first), 1)} s of speech ` +
        `(${first.filter(Number.isFinite).length}/${first.length} clips reach one)`,
    );
  }
  if (process.env.LIP_MAP_DUMP) writeFileSync(process.env.LIP_MAP_DUMP, JSON.stringify(cases));
}

const text = await format(JSON.stringify(map), { parser: 'json', printWidth: 120 });
if (values.check) {
  const shipped = JSON.parse(readFileSync(WEIGHTS, 'utf8'));
  const problems = disagreements(shipped, map);
  if (problems.length > 0) {
    console.error(
      `train-lip-map: the shipped weights differ from a fresh fit (${problems.join('; ')}); ` +
        'run `npm run train:lip-map` and commit utils/analyzers/lip-map.json.',
    );
    process.exit(1);
  }
  console.log(`SUMMARY check: the shipped weights match a fresh fit (${closeness(shipped, map)})`);
} else {
  writeFileSync(WEIGHTS, text);
  console.error(`wrote ${WEIGHTS}`);
}
