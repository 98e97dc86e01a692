// `npm run bench -- --drill`: builds a drill pack from two real clips with `npm run drill -- build`
// (the extension's own variant maker in headless Chromium), checks its manifest, then analyses the
// clips and every variant with the real pipeline and prints, per variant, whether Liveproof reads
// what its answer key says: the shift (against the source's own estimate), a voice that is not in
// sync, the frozen stretch, the replayed stretch, the other person after the cut. Also how long
// each variant took to make, against its own length.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../browser.mjs';
import { importTypeScript } from '../import-ts.mjs';
import { fmt } from './faces.mjs';

/** The two clips: a 30 s and a 20 s talking head with sound. */
const CLIPS = ['real/real_edtalk_tedlieu_m.mp4', 'real/real_edtalk_obama_m.mp4'];
/** A shift is read right within this of the source's own estimate plus the shift (as `bench --lip`). */
const SHIFT_TOLERANCE_MS = 80;

const table = (header, lines) =>
  [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

const overlaps = (finding, fromS, toS) => finding.startS <= toS && finding.endS >= fromS;

/** Whether the analysis reads what the key says, and what it read, in words. */
function judge(item, report, sourceReport) {
  const { key } = item;
  const lip = report.lipSync;
  const lipText = `lip sync ${lip.verdict}${lip.offsetMs === null ? '' : ` ${fmt(lip.offsetMs)} ms`}`;
  const freezes = (pattern) => report.findings.filter((f) => f.kind === 'freeze' && f.evidence?.pattern === pattern);
  if (key.genuine) {
    const alarms = report.findings.filter((f) => f.severity !== 'info');
    const alarmText = alarms.length === 0 ? 'no warning' : alarms.map((f) => `${f.kind}/${f.severity}`).join(' ');
    return {
      group: 'genuine',
      ok: alarms.length === 0 && lip.verdict !== 'mismatch',
      read: `${lipText}; ${alarmText}`,
    };
  }
  switch (key.manipulation) {
    case 'audio-shift': {
      const base = sourceReport.lipSync.offsetMs;
      const read = lip.offsetMs !== null && base !== null ? lip.offsetMs - base : null;
      return {
        group: 'shift',
        ok: read !== null && Math.abs(read - key.shiftMs) <= SHIFT_TOLERANCE_MS,
        read: `${lipText}; against the source's ${fmt(base)} ms: ${read === null ? 'no reading' : `${fmt(read)} ms`}`,
      };
    }
    case 'voice-replaced':
      return { group: 'voice', ok: lip.verdict !== 'in-sync', read: lipText };
    case 'frozen-stretch': {
      const found = freezes('frozen').filter((f) => overlaps(f, key.startS, key.endS));
      return {
        group: 'freeze',
        ok: found.length > 0,
        read: found.length > 0 ? found.map((f) => `frozen ${f.startS}-${f.endS} s`).join(', ') : 'no freeze',
      };
    }
    case 'replayed-stretch': {
      const found = freezes('loop').filter((f) => overlaps(f, key.startS, key.endS));
      const summary = report.faceChecks.longestLoopS;
      return {
        group: 'replay',
        ok: found.length > 0,
        read:
          found.length > 0
            ? found.map((f) => `loop ${f.startS}-${f.endS} s`).join(', ')
            : `longest repeat ${summary} s`,
      };
    }
    case 'person-swapped': {
      const found = report.findings.filter(
        (f) => f.kind === 'person-change' && overlaps(f, key.startS - 1, key.startS + 1),
      );
      return {
        group: 'join',
        ok: found.length > 0,
        read:
          found.length > 0
            ? found.map((f) => `person-change/${f.severity} ${f.startS}-${f.endS} s`).join(', ')
            : 'no change',
      };
    }
    default:
      return { group: 'other', ok: false, read: 'not a generated variant' };
  }
}

export async function benchDrill(media, analyzer) {
  const work = mkdtempSync(join(tmpdir(), 'liveproof-drill-'));
  try {
    await benchDrillIn(join(work, 'pack'), media, analyzer);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function benchDrillIn(out, media, analyzer) {
  const { parsePack } = await importTypeScript('utils/drills/pack.ts');
  const clips = CLIPS.map((clip) => join(media, clip));
  console.error(`Drill: building variants of ${CLIPS.join(' and ')}…`);
  const startedMs = Date.now();
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/drill.mjs'), 'build', ...clips, '--out', out], {
    encoding: 'utf8',
  });
  const buildMs = Date.now() - startedMs;
  if (built.status !== 0) throw new Error(`npm run drill -- build failed: ${built.stderr}`);
  const manifestText = readFileSync(join(out, 'pack.json'), 'utf8');
  const read = parsePack(manifestText, Buffer.byteLength(manifestText));
  if ('problem' in read) throw new Error(`the pack's manifest does not validate: ${read.problem}`);
  const { pack } = read;
  const renderMs = new Map(
    [...built.stdout.matchAll(/^ {2}(.+?) \((\d+) ms\):/gm)].map((match) => [match[1], Number(match[2])]),
  );

  const reports = new Map();
  for (const item of pack.items) {
    process.stderr.write(`  ${item.clip.name}…\n`);
    reports.set(item.id, await analyzer.analyze(join(out, 'clips', item.clip.name)));
  }
  const rows = pack.items.map((item) => {
    const sourceReport = reports.get(item.source?.variantOf ?? item.id);
    return { item, ...judge(item, reports.get(item.id), sourceReport) };
  });

  console.log(`\n### Drill pack from two real clips: does Liveproof read what each answer key says?\n`);
  console.log(
    `Pack manifest valid: ${pack.items.length} items (${pack.items.filter((i) => i.key.genuine).length} genuine), ` +
      `built in ${buildMs} ms including the browser's start.\n`,
  );
  console.log(
    table(
      ['clip', 'key', 'Liveproof read', 'as the key says', 'made in ms', 'ms per second of clip'],
      rows.map(({ item, ok, read }) => {
        const ms = renderMs.get(item.clip.name);
        return [
          item.clip.name,
          item.key.genuine ? 'genuine' : item.key.description,
          read,
          ok ? 'yes' : 'NO',
          ms === undefined ? '-' : String(ms),
          ms === undefined ? '-' : fmt(ms / item.clip.durationS, 1),
        ];
      }),
    ),
  );
  const count = (group) => {
    const members = rows.filter((row) => row.group === group);
    return `${members.filter((row) => row.ok).length}/${members.length}`;
  };
  const variants = rows.filter((row) => !row.item.key.genuine);
  const genuine = pack.items.filter((item) => item.key.genuine);
  const longest = genuine.reduce((a, b) => (a.clip.durationS >= b.clip.durationS ? a : b));
  const ofLongest = pack.items.filter((item) => item.source?.variantOf === longest.id);
  const longestMs = ofLongest.reduce((sum, item) => sum + (renderMs.get(item.clip.name) ?? 0), 0);
  console.log(
    `\nSUMMARY drill variants as keyed=${variants.filter((row) => row.ok).length}/${variants.length} ` +
      `shifts within ${SHIFT_TOLERANCE_MS} ms=${count('shift')} voice not in sync=${count('voice')} ` +
      `freezes found=${count('freeze')} replays found=${count('replay')} joins found=${count('join')} ` +
      `genuine without warning=${count('genuine')} ` +
      `${ofLongest.length} variants of the ${fmt(longest.clip.durationS)} s clip made in ${longestMs} ms`,
  );
}
