// `npm run bench -- --identity`: every real clip and the synthetic clips paired with them go through
// the extension with their face descriptors exported, then the labelled pairs of the corpus
// (../shared/media/MANIFEST.md) are compared with the extension's own comparison
// (utils/report/compare-recordings.ts, loaded with importTypeScript: no copy of the maths).
// Same person: two takes or two sources of one speaker, a real clip and its lip-synced copy (the
// face is the original's). Different: face swaps against their originals, and HDTF speakers of the
// same sex. Every other pair of real clips is treated as two different people.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importTypeScript } from '../import-ts.mjs';
import { RecordingRejected } from '../recording-analyzer.mjs';
import { fmt, median } from './faces.mjs';

const DFL = [
  'bryangreynolds_m',
  'davidkovalniy_m',
  'margotrobbie_f',
  'matildabobbie_f',
  'nicolabadge_m',
  'yohannacoralson_f',
];
const HDTF_F = ['aoc_f', 'katiehill_f', 'radio2_f', 'radio34_warren_f'].map((name) => `real_hdtf_${name}_sadtalker`);
const HDTF_M = ['bobmenendez_m', 'edmarkey_m'].map((name) => `real_hdtf_${name}_sadtalker`);
const HYPERLIPS = ['video1_teacher_f', 'video2_obama_m', 'video3_dingell_f', 'video4_newsom_m'];

/** Every pair of `names`, in order. */
const pairsOf = (names) => names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b]));

/** The corpus's labelled pairs: clip names without .mp4; `real_` clips are in real/, the others in synthetic/. */
export const LABELLED_PAIRS = [
  ...[
    ['real_mead_m003_007_m', 'real_mead_m003_028_m'],
    ['real_edtalk_obama_m', 'real_hyperlips_video2_obama_m'],
    ['real_mead_m003_007_m', 'lipsync_hyperlips_mead_m003_m'],
    ...HYPERLIPS.map((name) => [`real_hyperlips_${name}`, `lipsync_hyperlips_${name}`]),
    ['real_retalking_ablation_input_patel_f', 'lipsync_retalking_patel_f'],
  ].map(([a, b]) => ({ a, b, same: true })),
  ...[
    ...DFL.map((name) => [`real_webcam_dfl_${name}_orig`, `faceswap_dfl_${name}_swap`]),
    ['real_roop_target_f', 'faceswap_roop_output_f'],
    ...pairsOf(HDTF_F),
    ...pairsOf(HDTF_M),
  ].map(([a, b]) => ({ a, b, same: false })),
];

const folderOf = (name) => (name.startsWith('real_') ? 'real' : 'synthetic');
const pairKey = (a, b) => [a, b].sort().join('|');
const table = (header, lines) =>
  [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

/**
 * Analyses the clips (with descriptors) and prints the pair tables and SUMMARY lines. `only`: a
 * regular expression on clip names; the clips it matches are analysed with their labelled partners.
 */
export async function benchIdentity(media, analyzer, { only = null } = {}) {
  const { compareRecordingReports } = await importTypeScript('utils/report/compare-recordings.ts');
  const realNames = readdirSync(join(media, 'real'))
    .filter((name) => name.endsWith('.mp4'))
    .sort()
    .map((name) => name.slice(0, -'.mp4'.length));
  const matches = (name) => !only || new RegExp(only).test(name);
  const wanted = new Set(realNames.filter(matches));
  for (const { a, b } of LABELLED_PAIRS) {
    if (matches(a) || matches(b)) {
      wanted.add(a);
      wanted.add(b);
    }
  }

  /** name -> report, or null when the page refused the clip or it is missing. */
  const reports = new Map();
  const names = [...wanted].sort((x, y) => folderOf(x).localeCompare(folderOf(y)) || x.localeCompare(y));
  console.error(`Identity: ${names.length} clips…`);
  for (const name of names) {
    const path = join(media, folderOf(name), `${name}.mp4`);
    if (!existsSync(path)) {
      process.stderr.write(`  ${name}: missing (${path})\n`);
      reports.set(name, null);
      continue;
    }
    try {
      const report = await analyzer.analyze(path, { descriptors: true });
      reports.set(name, report);
      const { identity, performance } = report;
      process.stderr.write(
        `  ${name}: ${identity.describedFrames} described, spread ${fmt(identity.spread, 3)}, ` +
          `describe ${fmt(performance.describeMsPerFrame, 1)} ms\n`,
      );
    } catch (error) {
      if (!(error instanceof RecordingRejected)) throw error;
      process.stderr.write(`  ${name}: skipped (${error.message})\n`);
      reports.set(name, null);
    }
  }

  /** The extension's comparison of two clips: { comparison } | { problem }. */
  const compare = (a, b) => {
    const reportA = reports.get(a);
    const reportB = reports.get(b);
    if (!reportA || !reportB) return { problem: `${reportA ? b : a} was not analysed` };
    return compareRecordingReports(reportA, reportB);
  };

  // Labelled pairs.
  const labelled = LABELLED_PAIRS.filter(({ a, b }) => reports.has(a) && reports.has(b)).map((pair) => ({
    ...pair,
    result: compare(pair.a, pair.b),
  }));
  console.log('\n### Face identity: labelled pairs (the extension compares the two candidates’ profiles)\n');
  console.log(
    table(
      ['pair', 'truth', 'distance', 'threshold', 'verdict', 'ok', 'faces used (a/b)'],
      labelled.map(({ a, b, same, result }) => {
        const truth = same ? 'same' : 'different';
        if ('problem' in result) return [`${a} / ${b}`, truth, '-', '-', 'not compared', 'no', '-'];
        const c = result.comparison;
        return [
          `${a} / ${b}`,
          truth,
          fmt(c.distance, 3),
          fmt(c.threshold, 2),
          c.samePerson ? 'same' : 'different',
          c.samePerson === same ? 'yes' : '**NO**',
          `${c.framesUsed.a}/${c.framesUsed.b}`,
        ];
      }),
    ),
  );
  const notCompared = labelled.filter(({ result }) => 'problem' in result);
  for (const { a, b, result } of notCompared) console.log(`\nNot compared: ${a} / ${b}: ${result.problem}`);

  // Every other pair of real clips: different people as far as the corpus says.
  const known = new Set(LABELLED_PAIRS.filter((p) => p.same).map((p) => pairKey(p.a, p.b)));
  const realAnalysed = realNames.filter((name) => reports.get(name));
  const cross = pairsOf(realAnalysed)
    .filter(([a, b]) => !known.has(pairKey(a, b)))
    .map(([a, b]) => ({ a, b, result: compare(a, b) }));
  const crossCompared = cross
    .filter(({ result }) => 'comparison' in result)
    .map(({ a, b, result }) => ({ ...result.comparison, a, b }))
    .sort((x, y) => x.distance - y.distance);
  console.log(
    `\n### Face identity: all other pairs of real clips (treated as different people): ` +
      `${crossCompared.length} compared, the 5 closest\n`,
  );
  console.log(
    crossCompared.length === 0
      ? 'none'
      : table(
          ['pair', 'distance', 'threshold', 'verdict', 'faces used (a/b)'],
          crossCompared
            .slice(0, 5)
            .map((c) => [
              `${c.a} / ${c.b}`,
              fmt(c.distance, 3),
              fmt(c.threshold, 2),
              c.samePerson ? 'same' : 'different',
              `${c.framesUsed.a}/${c.framesUsed.b}`,
            ]),
        ),
  );
  // A clip refused by the page, or without a profile (too few near-frontal faces), is in no pair.
  const refused = realNames.filter((name) => reports.has(name) && !reports.get(name));
  const noProfile = realAnalysed.filter((name) => 'problem' in compare(name, name));
  if (refused.length + noProfile.length > 0) {
    console.log(`\nReal clips in no cross pair: ${[...refused, ...noProfile].join(', ')}`);
  }

  // Summary.
  const compared = labelled
    .filter(({ result }) => 'comparison' in result)
    .map((p) => ({ ...p.result.comparison, ...p }));
  const same = compared.filter((p) => p.same);
  const different = compared.filter((p) => !p.same);
  const threshold = compared[0]?.threshold ?? crossCompared[0]?.threshold ?? NaN;
  const sameMax = same.length ? Math.max(...same.map((p) => p.distance)) : NaN;
  const differentMin = different.length ? Math.min(...different.map((p) => p.distance)) : NaN;
  const described = [...reports.values()].filter(Boolean);
  const describeMs = median(described.map((r) => r.performance.describeMsPerFrame));
  const modelMs = median(described.map((r) => r.performance.msPerFrameMedian));
  const perMinute = median(
    described.filter((r) => r.durationS > 0).map((r) => (r.identity.describedFrames / r.durationS) * 60),
  );
  // Time spent describing against the model's time over the same recording, per clip.
  const share = median(
    described
      .filter((r) => r.performance.describeMsPerFrame !== null && r.frames.analyzed > 0)
      .map(
        (r) =>
          (r.identity.describedFrames * r.performance.describeMsPerFrame) /
          (r.frames.analyzed * r.performance.msPerFrameMedian),
      ),
  );
  console.log(
    [
      '',
      `SUMMARY identity pairs: same-person max ${fmt(sameMax, 3)} (n=${same.length}), ` +
        `different-person min ${fmt(differentMin, 3)} (n=${different.length}), threshold ${fmt(threshold, 2)}, ` +
        `margins ${fmt(threshold - sameMax, 3)}/${fmt(differentMin - threshold, 3)}; ` +
        `same called different ${same.filter((p) => !p.samePerson).length}/${same.length}, ` +
        `different called same ${different.filter((p) => p.samePerson).length}/${different.length}` +
        (notCompared.length ? `; not compared ${notCompared.length}` : ''),
      `SUMMARY identity all real cross pairs: ${crossCompared.length} pairs, ` +
        `min distance ${fmt(crossCompared[0]?.distance, 3)}, ` +
        `called same ${crossCompared.filter((c) => c.samePerson).length}`,
      `SUMMARY identity cost: describe ${fmt(describeMs, 1)} ms per described frame vs model ${fmt(modelMs, 1)} ms ` +
        `per frame (ratio ${fmt(describeMs / modelMs, 2)}), ` +
        `${fmt(perMinute, 0)} described frames per minute of recording ` +
        `(describing adds ${fmt(share * 100, 1)} % to the model's time; medians over ${described.length} clips)`,
    ].join('\n'),
  );
}
