// `npm run analyze -- FILE [--json | --format md|csv|json] [--every-frame]`: analyse a recording
// with the real extension pipeline in headless Chromium. Prints a summary; with --json exactly one
// analysis report (JSON) on stdout; with --format the recording as a session, in the same
// Markdown, CSV or JSON exporters the extension uses. --every-frame analyses every video frame
// instead of at most 15 a second (slower). Bad input: one clear line on stderr and exit code 2.
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPrerequisites, ensureBuilt } from './lib/browser.mjs';
import { importTypeScript } from './lib/import-ts.mjs';
import { RecordingRejected, startRecordingAnalyzer } from './lib/recording-analyzer.mjs';

function fail(message, code = 2) {
  console.error(`analyze: ${message}`);
  process.exit(code);
}

const USAGE = 'Usage: npm run analyze -- FILE [--json | --format md|csv|json] [--every-frame]';
const FORMATS = ['md', 'csv', 'json'];

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      format: { type: 'string' },
      'every-frame': { type: 'boolean', default: false },
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
const [file, ...extra] = parsed.positionals;
if (!file || extra.length > 0) fail(`give exactly one file.\n${USAGE}`);
const path = resolve(process.cwd(), file);
try {
  if (!statSync(path).isFile()) fail(`${file} is not a file.`);
  accessSync(path, constants.R_OK);
} catch (error) {
  fail(error.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${error.code ?? error.message}).`);
}

/** The summary's words come from the extension's own wording, not a copy. */
async function loadSummary() {
  const { recordingSummaryText } = await importTypeScript('utils/report/recording-summary.ts');
  return recordingSummaryText;
}

let analyzer;
let exit = { code: 0, message: '' };
try {
  // Loaded before the analysis, so a broken bundle fails in a second, not after the whole file.
  const summary = format !== null || parsed.values.json ? null : await loadSummary();
  ensureBuilt();
  checkPrerequisites();
  analyzer = await startRecordingAnalyzer();
  const result = await analyzer.analyze(path, { everyFrame: parsed.values['every-frame'], format });
  if (format) process.stdout.write(result);
  else console.log(summary ? summary(result) : JSON.stringify(result));
} catch (error) {
  exit =
    error instanceof RecordingRejected
      ? { code: 2, message: `${file}: ${error.message}` }
      : { code: 1, message: `the analysis failed: ${error.message}` };
} finally {
  await analyzer?.close();
}
if (exit.code !== 0) fail(exit.message, exit.code);
