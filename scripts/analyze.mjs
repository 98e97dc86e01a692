// `npm run analyze -- FILE [--json | --format md|csv|json] [--every-frame]`: analyse a recording
// with the real extension pipeline in headless Chromium. Prints a summary; with --json exactly one
// analysis report (JSON) on stdout; with --format the recording as a session, in the same
// Markdown, CSV or JSON exporters the extension uses. --every-frame analyses every video frame
// instead of at most 15 a second (slower). Bad input: one clear line on stderr and exit code 2.
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPrerequisites, ensureBuilt } from './lib/browser.mjs';
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
    options: { json: { type: 'boolean', default: false }, format: { type: 'string' }, 'every-frame': { type: 'boolean', default: false } },
  });
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
const format = parsed.values.format ?? null;
if (format !== null && !FORMATS.includes(format)) fail(`--format must be one of ${FORMATS.join(', ')} (got "${format}").\n${USAGE}`);
if (format !== null && parsed.values.json) fail(`use either --json (the analysis report) or --format (the session export).\n${USAGE}`);
const [file, ...extra] = parsed.positionals;
if (!file || extra.length > 0) fail(`give exactly one file.\n${USAGE}`);
const path = resolve(process.cwd(), file);
try {
  if (!statSync(path).isFile()) fail(`${file} is not a file.`);
  accessSync(path, constants.R_OK);
} catch (error) {
  fail(error.code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file} (${error.code ?? error.message}).`);
}

const seconds = (s) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

function summary(report) {
  const { lipSync, frames, performance } = report;
  const offset =
    lipSync.offsetMs === null
      ? ''
      : `, sound ${Math.abs(Math.round(lipSync.offsetMs))} ms ${lipSync.offsetMs >= 0 ? 'after' : 'before'} the lips`;
  const first = lipSync.verdictAfterSpeechS === null ? '' : `; first verdict after ${lipSync.verdictAfterSpeechS} s of speech`;
  const lines = [
    `${report.file}: ${report.durationS.toFixed(1)} s, ${frames.analyzed} frames (${frames.withFace} with a face)`,
    report.audio
      ? `Lip-sync: ${lipSync.verdict}${offset} (confidence ${lipSync.confidence.toFixed(2)}${first})`
      : 'Lip-sync: not checked (the file has no sound); face checks ran on the picture alone',
    report.findings.length === 0 ? 'Findings: none' : 'Findings:',
    ...report.findings.map((f) => `  [${f.severity}] ${seconds(f.startS)}-${seconds(f.endS)} ${f.kind}: ${f.message}`),
    `Speed: ${performance.realtimeFactor.toFixed(2)}x real time; ${performance.msPerFrameMedian.toFixed(1)} ms/frame median, ${performance.msPerFrameP95.toFixed(1)} ms p95`,
  ];
  return lines.join('\n');
}

let analyzer;
let exit = { code: 0, message: '' };
try {
  ensureBuilt();
  checkPrerequisites();
  analyzer = await startRecordingAnalyzer();
  const result = await analyzer.analyze(path, { everyFrame: parsed.values['every-frame'], format });
  if (format) process.stdout.write(result);
  else console.log(parsed.values.json ? JSON.stringify(result) : summary(result));
} catch (error) {
  exit =
    error instanceof RecordingRejected
      ? { code: 2, message: `${file}: ${error.message}` }
      : { code: 1, message: `the analysis failed: ${error.message}` };
} finally {
  await analyzer?.close();
}
if (exit.code !== 0) fail(exit.message, exit.code);
