// `npm run analyze -- FILE [--json | --format md|csv|json] [--every-frame] [--challenge KIND@START-END]...`:
// analyse a recording with the real extension pipeline in headless Chromium. Prints a summary;
// with --json exactly one analysis report (JSON) on stdout; with --format the recording as a
// session, in the same Markdown, CSV or JSON exporters the extension uses. --every-frame analyses
// every video frame instead of at most 15 a second (slower). Each --challenge (e.g.
// head-turn:image-right@2-6.5) runs the live checklist's verifier over that stretch of the
// recording's signals, into the report's `challenges` and the summary (not with --format).
// `--compare A B [--json]`: is the candidate of A the same person as the candidate of B (face
// descriptors)? Prints one line, or with --json {schemaVersion, a, b, distance, threshold,
// samePerson, framesUsed}.
// Bad input: one clear line on stderr and exit code 2. Any other failure (also a page that stops
// answering or stops making progress on a file) is one line too, with exit code 1.
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPrerequisites, ensureBuilt } from './lib/browser.mjs';
import { importTypeScript } from './lib/import-ts.mjs';
import { AnalysisStalled, RecordingRejected, startRecordingAnalyzer } from './lib/recording-analyzer.mjs';

function fail(message, code = 2) {
  console.error(`analyze: ${message}`);
  process.exit(code);
}

const USAGE = [
  'Usage: npm run analyze -- FILE [--json | --format md|csv|json] [--every-frame] [--challenge KIND@START-END]...',
  '       npm run analyze -- --compare FILE_A FILE_B [--json] [--every-frame]',
].join('\n');
const FORMATS = ['md', 'csv', 'json'];

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      format: { type: 'string' },
      'every-frame': { type: 'boolean', default: false },
      compare: { type: 'boolean', default: false },
      challenge: { type: 'string', multiple: true, default: [] },
    },
  });
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
const format = parsed.values.format ?? null;
if (format !== null && !FORMATS.includes(format)) {
  fail(`--format must be one of ${FORMATS.join(', ')} (got "${format}").\n${USAGE}`);
}
if (format !== null && parsed.values.json) {
  fail(`use either --json (the analysis report) or --format (the session export).\n${USAGE}`);
}
const compare = parsed.values.compare;
if (compare && format !== null) fail(`--compare prints a comparison; --format does not apply.\n${USAGE}`);
const specs = parsed.values.challenge;
if (specs.length > 0 && compare) fail(`--challenge checks one recording; --compare does not take it.\n${USAGE}`);
if (specs.length > 0 && format !== null) {
  fail(`--challenge outcomes go into the analysis report (--json) or the summary, not --format.\n${USAGE}`);
}
const files = parsed.positionals;
if (compare && files.length !== 2) fail(`--compare needs exactly two files.\n${USAGE}`);
if (!compare && files.length !== 1) fail(`give exactly one file.\n${USAGE}`);
const paths = files.map((file) => {
  const path = resolve(process.cwd(), file);
  try {
    if (!statSync(path).isFile()) fail(`${file} is not a file.`);
    accessSync(path, constants.R_OK);
  } catch (error) {
    fail(error.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${error.code ?? error.message}).`);
  }
  return path;
});

/**
 * The challenge stretches, read by the extension's own parser before anything is analysed (a bad
 * one fails at once, naming it and the form a challenge takes), and what verifies them.
 */
async function loadChallenges() {
  const [challenges, { readSignals, signalsToSeries }, { AnalysisReportSchema }] = await Promise.all([
    importTypeScript('utils/checklist/recording-challenges.ts'),
    importTypeScript('utils/report/signals-schema.ts'),
    importTypeScript('utils/report/analysis-report.ts'),
  ]);
  const { CHALLENGE_SPEC_HELP } = challenges;
  const stretches = specs.map((spec) => {
    const read = challenges.parseChallengeSpec(spec);
    if ('stretch' in read) return read.stretch;
    const help = read.problem.includes(CHALLENGE_SPEC_HELP) ? '' : ` Write ${CHALLENGE_SPEC_HELP}.`;
    return fail(`--challenge ${spec}: ${read.problem}${help}`);
  });
  /**
   * The page's { report, signals } as one report with each challenge's outcome, the signals read
   * back by the extension's own reader into the series the live checklist's verifiers see.
   */
  return ({ report, signals }) => {
    for (const stretch of stretches) {
      const outside = challenges.stretchOutsideRecording(stretch, report.durationS);
      if (outside) throw new RecordingRejected(outside);
    }
    const read = readSignals(signals);
    if ('problem' in read) throw new Error(`the page's signals export: ${read.problem}`);
    const { faces, mouth, speech } = signalsToSeries(read.signals);
    const results = challenges.verifyRecordingChallenges(stretches, {
      faces: challenges.withReportDescriptors(faces, report.identity.descriptors ?? []),
      mouth,
      speech,
      findings: report.findings,
    });
    // The descriptors were asked for the turn's before/after check only: they stay out of the output.
    const identity = { ...report.identity, descriptors: null };
    return AnalysisReportSchema.parse({ ...report, identity, challenges: results });
  };
}

/** The summary's words come from the extension's own wording, not a copy. */
async function loadSummary() {
  const { recordingSummaryText } = await importTypeScript('utils/report/recording-summary.ts');
  return recordingSummaryText;
}

/** Both recordings through the extension, then the extension's own comparison. */
async function runComparison(analyzer) {
  const [{ compareRecordingReports }, { comparisonText }] = await Promise.all([
    importTypeScript('utils/report/compare-recordings.ts'),
    importTypeScript('utils/wording/identity.ts'),
  ]);
  const options = { everyFrame: parsed.values['every-frame'], descriptors: true };
  const reports = [];
  for (const [index, path] of paths.entries()) {
    try {
      reports.push(await analyzer.analyze(path, options));
    } catch (error) {
      if (error instanceof RecordingRejected || error instanceof AnalysisStalled)
        error.message = `${files[index]}: ${error.message}`;
      throw error;
    }
  }
  // The reports name the files by their base name; the user's own spelling reads better.
  const named = reports.map((report, index) => ({ ...report, file: files[index] }));
  const result = compareRecordingReports(named[0], named[1]);
  if ('problem' in result) throw new RecordingRejected(result.problem);
  return parsed.values.json ? JSON.stringify(result.comparison) : comparisonText(result.comparison);
}

let analyzer;
let exit = { code: 0, message: '' };
try {
  // Loaded before the analysis, so a broken bundle fails in a second, not after the whole file.
  const summary = compare || format !== null || parsed.values.json ? null : await loadSummary();
  const withChallenges = specs.length > 0 ? await loadChallenges() : null;
  ensureBuilt();
  checkPrerequisites();
  analyzer = await startRecordingAnalyzer();
  if (compare) {
    console.log(await runComparison(analyzer));
  } else {
    const everyFrame = parsed.values['every-frame'];
    const result = withChallenges
      ? withChallenges(await analyzer.analyze(paths[0], { everyFrame, format: 'signals', descriptors: true }))
      : await analyzer.analyze(paths[0], { everyFrame, format });
    if (format) process.stdout.write(result);
    else console.log(summary ? summary(result) : JSON.stringify(result));
  }
} catch (error) {
  // One line on stderr whatever failed: Playwright's errors carry a coloured call log below the first line.
  const firstLine = String(error?.message ?? error)
    .split('\n')[0]
    .trim();
  exit =
    error instanceof RecordingRejected
      ? { code: 2, message: compare ? error.message : `${files[0]}: ${error.message}` }
      : error instanceof AnalysisStalled && !compare
        ? { code: 1, message: `the analysis failed: ${files[0]}: ${firstLine}` }
        : { code: 1, message: `the analysis failed: ${firstLine}` };
} finally {
  await analyzer?.close();
}
if (exit.code !== 0) fail(exit.message, exit.code);
