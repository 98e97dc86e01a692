// `npm run bench -- --challenges`: every clip of ../shared/media/challenges through the real
// pipeline, then the checklist's verifiers over the stretches listed in
// tests/fixtures/challenges/stretches.json (from the clips' MANIFEST), through the extension's own
// code (scripts/lib/bench/challenge-measures.ts). Prints expected vs outcome per stretch with the
// evidence, the real/swap twins' measures side by side, the blink clip's blinks against the
// listed ones, and a SUMMARY line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../browser.mjs';
import { importTypeScript } from '../import-ts.mjs';
import { fmt } from './faces.mjs';

const table = (header, lines) =>
  [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

/** Whether an outcome is what the table expects ('either': passed or not verified, never a concern). */
const meets = (expected, outcome) => (expected === 'either' ? outcome !== 'concern' : outcome === expected);

export function loadStretchTable() {
  return JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/challenges/stretches.json'), 'utf8')).clips;
}

export async function benchChallenges(media, analyzer, { only = null } = {}) {
  const { benchClipChallenges, twinYawLag } = await importTypeScript('scripts/lib/bench/challenge-measures.ts');
  const clips = loadStretchTable();
  const results = new Map();
  const analyse = async (clip, stretches) => {
    if (only && !new RegExp(only).test(clip)) return null;
    process.stderr.write(`  ${clip}…\n`);
    const { report, signals } = await analyzer.analyze(join(media, 'challenges', clip), {
      format: 'signals',
      everyFrame: true,
      descriptors: true,
    });
    const measured = benchClipChallenges(
      signals,
      report,
      stretches.map((s) => s.challenge),
    );
    results.set(clip, { ...measured, identity: report.identity });
    return measured;
  };
  console.error(`Challenges: ${clips.length} clips and their twins…`);
  const lines = [];
  for (const entry of clips) {
    for (const clip of [entry.clip, entry.twin].filter(Boolean)) {
      const measured = await analyse(clip, entry.stretches);
      if (!measured) continue;
      measured.rows.forEach((row, i) => {
        const stretch = entry.stretches[i];
        const real = clip.startsWith('real_');
        lines.push({
          real,
          expected: real ? stretch.expected : 'concern',
          outcome: row.result.outcome,
          cells: [
            clip.replace(/\.mp4$/, ''),
            stretch.challenge,
            real ? stretch.expected : 'concern (swap)',
            row.result.outcome,
            real
              ? meets(stretch.expected, row.result.outcome)
                ? 'yes'
                : 'NO'
              : row.result.outcome === 'concern'
                ? 'yes'
                : 'no',
            row.evidenceText,
          ],
        });
      });
    }
  }
  console.log("\n### Challenges on real footage and face swaps (stretches from the clips' MANIFEST)\n");
  console.log(
    table(
      ['clip', 'challenge', 'expected', 'outcome', 'as expected', 'evidence'],
      lines.map((l) => l.cells),
    ),
  );

  console.log('\n### Real vs swap twins, same frames: what the face did during each stretch\n');
  const twinLines = [];
  for (const entry of clips.filter((e) => e.twin && results.has(e.clip) && results.has(e.twin))) {
    entry.stretches.forEach((stretch, i) => {
      for (const clip of [entry.clip, entry.twin]) {
        const { rows, identity } = results.get(clip);
        const { measures: m, result } = rows[i];
        const [fromS, toS] = stretch.challenge.split('@')[1].split('-').map(Number);
        const change = identity.maxChangeAtS !== null && identity.maxChangeAtS >= fromS && identity.maxChangeAtS <= toS;
        const lag =
          clip === entry.twin
            ? twinYawLag(results.get(entry.clip).faces, results.get(entry.twin).faces, {
                fromMs: fromS * 1000,
                toMs: toS * 1000,
              })
            : null;
        twinLines.push([
          clip.replace(/\.mp4$/, ''),
          stretch.challenge,
          result.outcome,
          fmt(m.tracked, 2),
          fmt(m.longestGapMs),
          fmt(m.peakYawDeg),
          fmt(m.seamGradientRatio, 2),
          fmt(m.seamChromaDelta, 1),
          fmt(m.skinStep, 2),
          fmt(m.mouthHiddenMs),
          fmt(m.jitter * 1000, 1),
          fmt(m.jitterTurned * 1000, 1),
          lag && lag.frames > 0 ? `${fmt(lag.medianLagDeg)} / ${fmt(lag.largestLagDeg)} (${lag.frames})` : '-',
          change
            ? `${fmt(identity.maxChangeDistance, 2)} / ${fmt(identity.threshold, 2)} ` +
              `at ${fmt(identity.maxChangeAtS, 1)} s`
            : '-',
          m.findings || '-',
        ]);
      }
    });
  }
  console.log(
    table(
      [
        'clip',
        'challenge',
        'outcome',
        'tracked',
        'longest gap ms',
        'peak yaw either way °',
        'seam gradient ratio',
        'seam chroma',
        'skin step',
        'mouth hidden ms',
        'jitter ×1000',
        'jitter ×1000 turned 30° or more',
        'yaw short of the real twin °, median / largest (frames turned 20° or more)',
        'largest face change (descriptor distance / same-person threshold)',
        'findings',
      ],
      twinLines,
    ),
  );

  for (const entry of clips.filter((e) => e.listedBlinksS && results.has(e.clip))) {
    const counted = results.get(entry.clip).blinksS;
    const listed = entry.listedBlinksS;
    const withFrameChecked = [...listed, ...(entry.frameCheckedBlinksS ?? [])];
    const matched = (times) => times.filter((t) => counted.some((c) => Math.abs(c - t) <= 0.3)).length;
    console.log(
      `\nBlinks on ${entry.clip}: counted ${counted.length} (${counted.map((t) => fmt(t, 2)).join(' ')}), ` +
        `listed ${listed.length}, ${matched(listed)} of them within 0.3 s; with the ones seen on the frames ` +
        `(${entry.frameCheckedBlinksS?.join(' ') ?? 'none'}) ${withFrameChecked.length}, ` +
        `${matched(withFrameChecked)} matched`,
    );
    console.log(
      `BLINKS counted=${counted.length} listed=${listed.length} matched=${matched(listed)} ` +
        `with_frame_checked=${withFrameChecked.length} matched=${matched(withFrameChecked)} ` +
        `count_off_by=${counted.length - withFrameChecked.length}`,
    );
  }

  const real = lines.filter((l) => l.real);
  const realToPass = real.filter((l) => l.expected === 'passed');
  const realPassed = realToPass.filter((l) => l.outcome === 'passed').length;
  const swaps = lines.filter((l) => !l.real);
  console.log(
    `\nSUMMARY challenges real passed=${realPassed}/${realToPass.length} ` +
      `real concern=${real.filter((l) => l.outcome === 'concern').length} ` +
      `swap concern=${swaps.filter((l) => l.outcome === 'concern').length}/${swaps.length} ` +
      `real as expected=${real.filter((l) => meets(l.expected, l.outcome)).length}/${real.length}`,
  );
}
