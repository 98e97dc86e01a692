// The face-check tables of `npm run bench`: what each analyzer measured per clip, then how the
// targets of the face checks came out (no high finding on real clips, person change within 1 s
// of a join, freeze over a frozen stretch, several faces found, detection on synthetic clips).
import { basename } from 'node:path';
import { importTypeScript } from '../import-ts.mjs';

// The extension's own list of kinds, less the lip-sync ones (those have the lip-sync table).
const { FINDING_KINDS } = await importTypeScript('utils/findings/finding.ts');
const FACE_KINDS = FINDING_KINDS.filter((kind) => !kind.startsWith('av-'));
export const fmt = (value, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits);
export const median = (values) => {
  const sorted = values.filter((v) => v !== null && !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};
const faceFindings = (row) => row.report.findings.filter((f) => FACE_KINDS.includes(f.kind));
const table = (header, lines) =>
  [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

function truthText(row) {
  const truth = row.faceTruth;
  if (!truth) return row.group;
  if (truth.kind === 'change') return `change @${truth.atS}s`;
  if (truth.kind === 'several') return 'several faces';
  return `${truth.kind} ${truth.fromS}-${truth.toS}s`;
}

/** Did the row's face findings catch its known truth? null where it has none. */
function caught(row) {
  const truth = row.faceTruth;
  const findings = faceFindings(row);
  if (!truth) return null;
  if (truth.kind === 'change') {
    const change = findings.filter((f) => f.kind === 'person-change' && f.evidence.atS !== undefined);
    return change.some((f) => Math.abs(f.evidence.atS - truth.atS) <= 1);
  }
  if (truth.kind === 'several') return findings.some((f) => f.kind === 'multiple-faces');
  // Covering: the finding spans the inserted stretch to within a frame or two (a replay is only
  // seen from its first matched frame, so it gets half a second at each end).
  const pattern = truth.kind === 'frozen' ? 'frozen' : 'loop';
  const slackS = pattern === 'frozen' ? 0.3 : 0.5;
  return findings.some(
    (f) =>
      f.kind === 'freeze' &&
      f.evidence.pattern === pattern &&
      f.startS <= truth.fromS + slackS &&
      f.endS >= truth.toS - slackS,
  );
}

export function printFaceTables(rows) {
  const faceRows = rows.filter((r) => ['real', 'joined', 'frozen', 'looped', 'several', 'synthetic'].includes(r.group));
  if (faceRows.length === 0) return;
  const header = [
    'clip',
    'truth',
    'faces',
    'no-face s',
    'id score (at s)',
    'geo z / colour z',
    'start-end',
    'still s',
    'repeat s',
    'jitter med/worst',
    'seam ratio/colour',
    'blinks/min (s)',
    'pulse bpm (dB)',
    'face findings',
    'caught',
    'px ms',
    'checks ms',
  ];
  const lines = faceRows.map((row) => {
    const c = row.report.faceChecks;
    const p = row.report.performance;
    const verdict = caught(row);
    return [
      basename(row.path, '.mp4').slice(0, 60),
      truthText(row),
      `${c.maxFaces}`,
      fmt(c.longestNoFaceS, 1),
      `${fmt(c.identityMaxScore, 2)} (${fmt(c.identityMaxAtS, 1)})`,
      `${fmt(c.identityMaxGeometryZ, 1)}/${fmt(c.identityMaxColourZ, 1)}`,
      fmt(c.identityStartToEnd, 3),
      fmt(c.longestFrozenS, 1),
      fmt(c.longestLoopS, 1),
      `${fmt(c.jitterMedian, 4)}/${fmt(c.jitterWorstWindow, 4)}`,
      `${fmt(c.seamGradientRatio, 2)}/${fmt(c.seamChromaDelta, 1)}`,
      `${fmt(c.blinksPerMinute, 0)} (${fmt(c.blinkWatchedS, 0)})`,
      `${fmt(c.pulseBpm, 0)} (${fmt(c.pulseSnrDb, 1)})`,
      faceFindings(row)
        .map((f) => `${f.kind}:${f.severity}`)
        .join(' ') || '-',
      verdict === null ? '' : verdict ? 'yes' : 'NO',
      fmt(p.pixelsMsPerFrame, 2),
      fmt(p.faceChecksMsPerFrame, 2),
    ];
  });
  console.log(table(header, lines));

  const real = faceRows.filter((r) => r.group === 'real');
  const synthetic = faceRows.filter((r) => r.group === 'synthetic');
  const flaggedShare = (group, kind) =>
    `${group.filter((r) => faceFindings(r).some((f) => f.kind === kind)).length}/${group.length}`;
  console.log('');
  console.log(
    table(
      ['analyzer', 'real clips flagged (any severity)', 'real high', 'synthetic clips flagged', 'synthetic high'],
      FACE_KINDS.map((kind) => [
        kind,
        flaggedShare(real, kind),
        `${real.filter((r) => faceFindings(r).some((f) => f.kind === kind && f.severity === 'high')).length}`,
        flaggedShare(synthetic, kind),
        `${synthetic.filter((r) => faceFindings(r).some((f) => f.kind === kind && f.severity === 'high')).length}`,
      ]),
    ),
  );
  const summary = (group, label) => {
    const groupRows = faceRows.filter((r) => r.group === group);
    return `SUMMARY ${label}: ${groupRows.filter((r) => caught(r)).length}/${groupRows.length}`;
  };
  const realHigh = real.filter((r) => faceFindings(r).some((f) => f.severity === 'high'));
  const realHighNames = realHigh.length ? ` (${realHigh.map((r) => basename(r.path)).join(', ')})` : '';
  const perf = (key) => faceRows.map((r) => r.report.performance[key]);
  console.log(
    [
      '',
      `SUMMARY face checks, high findings on real clips: ${realHigh.length}/${real.length}${realHighNames}`,
      summary('joined', 'person-change within 1 s of the join'),
      summary('frozen', 'freeze covering the 3 s frozen stretch'),
      summary('looped', 'freeze (loop) covering the 3 s replayed stretch'),
      summary('several', 'multiple-faces on several-face clips'),
      `SUMMARY face checks cost per frame: pixel measures median ${fmt(median(perf('pixelsMsPerFrame')), 2)} ms, ` +
        `analyzers median ${fmt(median(perf('faceChecksMsPerFrame')), 2)} ms ` +
        `(max ${fmt(Math.max(...perf('faceChecksMsPerFrame').map((ms) => ms ?? 0)), 2)})`,
    ].join('\n'),
  );
}
