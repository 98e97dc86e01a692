// `npm run bench -- --lip [--only REGEX] [--cut-files]`: lip sync before and after the learned
// audio-to-mouth map, on the same clips and the same extracted signals. "After" is the extension's
// own report (the analyze page, learned map by default); "before" is the envelope method replayed in
// Node on that run's signals export with the extension's own track (bench/lip-sync-replay.ts, cut
// at the same changes of person). Clip sets: the real clips with sound (real/ and challenges/),
// their audio shifted by ±250 and ±500 ms, the corpus's AV-offset and mismatch clips, audio swaps
// (each real clip with sound with the next one's sound), two in-sync speakers joined, and silent
// faces: another clip's voice over a still stretch of a real clip without sound, and one speaker's
// picture held still under their own voice. The 4 s and 2 s cuts (non-overlapping, from 0) of the
// real clips, the swaps and the ±500 ms shifts are replayed on the whole clip's signals (a stretch
// of a longer recording, both methods); `--cut-files` also analyses the real clips' cuts and the
// swaps' 4 s cuts as files of their own (ffmpeg) and compares them with the replays.
import { basename, join } from 'node:path';
import { readdirSync } from 'node:fs';
import { importTypeScript } from '../import-ts.mjs';
import { RecordingRejected } from '../recording-analyzer.mjs';
import { fmt, median } from './faces.mjs';
import {
  cutClip,
  durationOf,
  freezeVideo,
  hasAudio,
  joinClips,
  muxVoice,
  shiftAudio,
  swapAudio,
  truthOf,
} from './variants.mjs';

const SHIFTS_MS = [-500, -250, 250, 500];
const CUT_SHIFTS_MS = [-500, 500];
const CUT_LENGTHS_S = [4, 2];
/** A silent-face variant's voice: this long, from this far into the clip if it allows. */
const VOICE_S = { min: 6, max: 8, lead: 0.5, tail: 0.2 };
/** The extension's silent-face settings (SILENT_FACE), read when the bench starts. */
let SILENT = null;
/** The real clip whose picture is held still under its own voice, and the held stretch. */
const HELD = { clip: 'real/real_edtalk_obama_m.mp4', atS: 3, lengthS: 7 };

const LIP_KINDS = ['av-offset', 'av-mismatch', 'voice-without-mouth', 'mouth-without-voice'];
const SHORT_KIND = {
  'av-offset': 'offset',
  'av-mismatch': 'mismatch',
  'voice-without-mouth': 'vwm',
  'mouth-without-voice': 'mwv',
};
const isAlarm = (f) => (f.kind.startsWith('av-') || f.kind === 'voice-without-mouth') && f.severity !== 'info';
const LETTER = { 'in-sync': 's', offset: 'o', mismatch: 'm', insufficient: '.' };

const table = (header, lines) =>
  [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
const share = (count, total) => `${count}/${total}${total ? ` (${Math.round((100 * count) / total)}%)` : ''}`;
const name = (path) => basename(path, '.mp4');

function findingsText(findings, withTimes = false) {
  const shown = findings.filter((f) => LIP_KINDS.includes(f.kind));
  if (shown.length === 0) return '-';
  return shown
    .map((f) => {
      const times = withTimes || !f.kind.startsWith('av-') ? `@${fmt(f.startS, 1)}-${fmt(f.endS, 1)}` : '';
      return `${SHORT_KIND[f.kind]}:${f.severity[0]}${times}`;
    })
    .join(' ');
}

const truthText = (truth) => (truth.kind === 'mismatch' ? 'mismatch' : `${truth.offsetMs}`);

/** Non-overlapping windows of `lengthS` from 0 over a clip of `durationS`, ms. */
function cutRanges(durationS, lengthS) {
  const ranges = [];
  for (let from = 0; (from + lengthS) * 1000 <= durationS * 1000 + 1; from += lengthS)
    ranges.push([from * 1000, (from + lengthS) * 1000]);
  return ranges;
}

/**
 * Where to put a voice over a still source: the stretch of VOICE_S.min..max s (from VOICE_S.lead s
 * where the clip allows) whose least still silent-face window is the stillest; longer on a tie.
 */
function stillestStretch(durationS, spreads) {
  let best = null;
  for (let lengthS = VOICE_S.max; lengthS >= VOICE_S.min; lengthS -= 0.5) {
    const latest = Math.floor((durationS - lengthS - VOICE_S.tail) * 10) / 10;
    for (let atS = Math.min(VOICE_S.lead, Math.max(0, latest)); atS <= latest + 1e-9; atS += 0.5) {
      const inside = spreads.filter(
        (w) => w.fromMs >= atS * 1000 - 1 && w.fromMs + SILENT.windowMs <= (atS + lengthS) * 1000 + 1,
      );
      const worst = Math.max(...inside.map((w) => w.spread ?? Infinity));
      if (!best || worst < best.worst - 1e-9) best = { atS: Math.round(atS * 10) / 10, lengthS, worst };
    }
  }
  return best;
}

export async function benchLipSync(media, analyzer, { only = null, cutFiles = false } = {}) {
  const startedAt = Date.now();
  const replay = await importTypeScript('scripts/lib/bench/lip-sync-replay.ts');
  SILENT = replay.SILENT_FACE;
  const pattern = only ? new RegExp(only) : null;
  const list = (folder, filter = () => true) =>
    readdirSync(join(media, folder))
      .filter((file) => file.endsWith('.mp4') && filter(file))
      .sort()
      .map((file) => join(media, folder, file));
  const rows = [];
  let browserS = 0;

  /**
   * One clip through the extension (report and signals), the replays on its signals, and what the
   * set needs: the cuts' replays, the mouth's spread. Null where --only leaves it out or the page
   * refuses it.
   */
  async function run(path, set, { sources = [], cutWindows = false, spreads = false, extra = {} } = {}) {
    if (pattern && ![path, ...sources].some((p) => pattern.test(basename(p)))) return null;
    const started = Date.now();
    let result;
    try {
      result = await analyzer.analyze(path, { format: 'signals' });
    } catch (error) {
      if (!(error instanceof RecordingRejected)) throw error;
      process.stderr.write(`  ${basename(path)}: skipped (${error.message})\n`);
      return null;
    } finally {
      browserS += (Date.now() - started) / 1000;
    }
    const { report, signals } = result;
    const series = replay.loadSignals(signals, report.durationS);
    const cutsMs = replay.personChangesMs(report.findings);
    const row = {
      path,
      set,
      sources,
      truth: truthOf(path),
      durationS: report.durationS,
      audio: report.audio,
      cutsMs,
      report,
      after: { ...report.lipSync, findings: report.findings },
      before: replay.replayLipSync(series, { method: 'envelope', cutsMs }),
      afterReplay: replay.replayLipSync(series, { cutsMs }),
      wallS: (Date.now() - started) / 1000,
      ...extra,
    };
    if (cutWindows) {
      row.cuts = {};
      for (const lengthS of CUT_LENGTHS_S) {
        row.cuts[lengthS] = cutRanges(report.durationS, lengthS).map(([fromMs, toMs]) => ({
          fromS: fromMs / 1000,
          before: replay.replayLipSync(series, { method: 'envelope', fromMs, toMs, cutsMs }),
          after: replay.replayLipSync(series, { fromMs, toMs, cutsMs }),
        }));
      }
    }
    if (spreads) row.spreads = replay.mouthSpreads(series);
    if (extra.voice) row.voiceSpreads = replay.mouthSpreads(series, extra.voice.atS * 1000, extra.voice.toS * 1000);
    rows.push(row);
    const { lipSync } = report;
    process.stderr.write(
      `  ${basename(path)}: after ${lipSync.verdict} ${lipSync.offsetMs ?? ''}, before ${row.before.verdict} ` +
        `${row.before.offsetMs ?? ''} ${findingsText(report.findings)} (${row.wallS.toFixed(1)} s)\n`,
    );
    return row;
  }

  // The clip sets. Which clips have sound is read with ffprobe, so --only does not change the pairs.
  const realClips = [...list('real'), ...list('challenges', (file) => file.startsWith('real_'))];
  const withSound = realClips.filter(hasAudio);
  const stillSources = [
    ...list('real').filter((path) => !hasAudio(path)),
    join(media, 'challenges/real_blink_liveportrait_wink_f.mp4'),
  ];
  console.error(`Lip sync: real clips with sound (${withSound.length})…`);
  for (const path of withSound) await run(path, 'real', { cutWindows: true, spreads: true });
  console.error(`Still faces: real clips without sound (${stillSources.length})…`);
  for (const path of stillSources) await run(path, 'still', { spreads: true });
  console.error(`Shifted variants (${withSound.length} clips x ${SHIFTS_MS.length} shifts)…`);
  for (const path of withSound)
    for (const shift of SHIFTS_MS) {
      if (pattern && !pattern.test(basename(path))) continue;
      await run(shiftAudio(path, shift), 'shifted', {
        sources: [path],
        cutWindows: CUT_SHIFTS_MS.includes(shift),
        extra: { shiftMs: shift },
      });
    }
  console.error('Corpus AV-offset and mismatch clips…');
  for (const path of list('other', (file) => /^avoffset_|^mismatch_/.test(file))) await run(path, 'corpus');
  const swapPairs = withSound.map((path, i) => [path, withSound[(i + 1) % withSound.length]]);
  console.error(`Audio swaps (${swapPairs.length})…`);
  for (const [video, audio] of swapPairs) {
    if (pattern && ![video, audio].some((p) => pattern.test(basename(p)))) continue;
    await run(swapAudio(video, audio), 'swapped', { sources: [video, audio], cutWindows: true });
  }
  // The default bench's joins (every third real clip with sound of 8 s or more, with the next one).
  const longEnough = list('real').filter((path) => hasAudio(path) && durationOf(path) >= 8);
  const joinSources = longEnough.filter((_, i) => i % 3 === 0);
  console.error(`Joined speakers (${joinSources.length})…`);
  for (const [i, first] of joinSources.entries()) {
    const second = joinSources[(i + 1) % joinSources.length];
    if (pattern && ![first, second].some((p) => pattern.test(basename(p)))) continue;
    const joined = joinClips(first, second);
    await run(joined.path, 'joined', { sources: [first, second], extra: { joinS: joined.cutS } });
  }

  // Silent faces: the stillest 6-8 s of each still source, with another real clip's voice over it.
  const voices = longEnough;
  const silentVariants = [];
  for (const [i, source] of stillSources.entries()) {
    const still = rows.find((row) => row.path === source);
    if (!still) continue;
    const best = stillestStretch(still.durationS, still.spreads);
    if (!best) {
      process.stderr.write(`  ${basename(source)}: too short for ${VOICE_S.min} s of voice\n`);
      continue;
    }
    still.chosen = best;
    const voice = voices[i % voices.length];
    silentVariants.push({ video: source, voice, atS: best.atS, lengthS: best.lengthS });
  }
  console.error(`Silent-face variants (${silentVariants.length} voices over still faces, 1 held picture)…`);
  for (const { video, voice, atS, lengthS } of silentVariants) {
    await run(muxVoice(video, voice, atS, lengthS), 'silent', {
      sources: [video, voice],
      extra: { voice: { atS, toS: atS + lengthS, from: voice, kind: 'other voice' } },
    });
  }
  const heldSource = join(media, HELD.clip);
  const held = freezeVideo(heldSource, HELD.atS, HELD.lengthS);
  await run(held.path, 'silent', {
    sources: [heldSource],
    extra: { voice: { atS: held.fromS, toS: held.toS, from: heldSource, kind: 'own voice, picture held' } },
  });

  if (cutFiles) {
    const sourceRows = rows.filter((row) => row.set === 'real' || row.set === 'swapped');
    console.error(
      `Cut files (4 s and 2 s of ${rows.filter((r) => r.set === 'real').length} real clips, 4 s of swaps)…`,
    );
    for (const source of sourceRows) {
      for (const lengthS of source.set === 'real' ? CUT_LENGTHS_S : [4]) {
        for (const [index, cut] of source.cuts[lengthS].entries()) {
          const row = await run(cutClip(source.path, cut.fromS, lengthS), 'cut-file', {
            sources: [source.path],
            extra: { cutOf: source, cutLengthS: lengthS, cutIndex: index },
          });
          if (row) row.truth = source.truth;
        }
      }
    }
  }
  const runS = (Date.now() - startedAt) / 1000;
  printLipTables(rows, { runS, browserS, cutFiles });
}

/** Offset error against the source's own estimate plus the shift, for one side (before / after). */
function errorVsSource(row, side, sources) {
  const source = sources.get(row.sources[0]);
  const own = source?.[side].offsetMs;
  const estimate = row[side].offsetMs;
  if (own === null || own === undefined || estimate === null || estimate === undefined) return null;
  return estimate - own - row.shiftMs;
}

function printLipTables(rows, { runS, browserS, cutFiles }) {
  const bySet = (...sets) => rows.filter((row) => sets.includes(row.set));
  const sources = new Map(bySet('real').map((row) => [row.path, row]));
  for (const row of bySet('shifted')) {
    row.errBefore = errorVsSource(row, 'before', sources);
    row.errAfter = errorVsSource(row, 'after', sources);
  }
  for (const row of bySet('corpus').filter((r) => r.truth.kind === 'offset')) {
    row.errBefore = row.before.offsetMs === null ? null : row.before.offsetMs - row.truth.offsetMs;
    row.errAfter = row.after.offsetMs === null ? null : row.after.offsetMs - row.truth.offsetMs;
  }

  console.log(
    '\n### Lip sync before (envelope, replayed on the exported signals) and after (the report, ' +
      'learned map)\n\nFindings: offset/mismatch = av-*, vwm = voice-without-mouth, mwv = mouth-without-voice; ' +
      ':i/:w/:h = info/warn/high, @s-s their span. "err" = estimate - (source estimate + shift) for ' +
      'shifts, estimate - nominal for the corpus clips.\n',
  );
  const fullRows = bySet('real', 'shifted', 'corpus', 'swapped', 'joined');
  console.log(
    table(
      [
        'set',
        'clip',
        's',
        'truth',
        'before',
        'ms',
        'err',
        'after',
        'ms',
        'err',
        '1st verdict s b/a',
        'findings before',
        'findings after',
      ],
      fullRows.map((row) => [
        row.set,
        name(row.path).slice(0, 72),
        fmt(row.durationS, 1),
        row.set === 'joined' ? `2 people, join ${fmt(row.joinS, 1)}` : truthText(row.truth),
        row.before.verdict,
        fmt(row.before.offsetMs),
        fmt(row.errBefore),
        row.after.verdict,
        fmt(row.after.offsetMs),
        fmt(row.errAfter),
        `${fmt(row.before.verdictAfterSpeechS, 1)}/${fmt(row.after.verdictAfterSpeechS, 1)}`,
        findingsText(row.before.findings),
        findingsText(row.after.findings),
      ]),
    ),
  );

  // Joined speakers: per stretch.
  const joined = bySet('joined');
  if (joined.length) {
    console.log('\n### Joined speakers: lip sync per stretch of one person (cut at the person-change finding)\n');
    const stretches = (lipSync) =>
      lipSync.stretches.map((s) => `${fmt(s.startS, 1)}-${fmt(s.endS, 1)} ${s.verdict} ${fmt(s.offsetMs)}`).join('; ');
    console.log(
      table(
        ['clip', 'join s', 'cut s', 'before stretches', 'after stretches'],
        joined.map((row) => [
          name(row.path).slice(0, 72),
          fmt(row.joinS, 1),
          row.cutsMs.map((ms) => fmt(ms / 1000, 1)).join(' ') || 'none',
          stretches(row.before),
          stretches(row.after),
        ]),
      ),
    );
  }

  // Cuts: per clip, one letter per cut.
  const cutRows = rows.filter((row) => row.cuts);
  const cutSet = (row) => (row.set === 'shifted' ? `shift ${row.shiftMs > 0 ? '+' : ''}${row.shiftMs}` : row.set);
  const letters = (cuts, side) =>
    cuts
      .map((cut) => {
        const letter = LETTER[cut[side].verdict];
        return cut[side].findings.some(isAlarm) ? letter.toUpperCase().replace('.', '!') : letter;
      })
      .join('') || '-';
  console.log(
    "\n### 4 s and 2 s cuts (non-overlapping, from 0), replayed on the whole clip's signals\n\n" +
      'One letter per cut: s in-sync, o offset, m mismatch, . insufficient; upper case (or !) where the ' +
      'cut has a warn/high av-* or voice-without-mouth finding.\n',
  );
  console.log(
    table(
      ['set', 'clip', '4 s before', '4 s after', '2 s before', '2 s after'],
      cutRows.map((row) => [
        cutSet(row),
        name(row.path).slice(0, 72),
        letters(row.cuts[4], 'before'),
        letters(row.cuts[4], 'after'),
        letters(row.cuts[2], 'before'),
        letters(row.cuts[2], 'after'),
      ]),
    ),
  );
  const cutsOf = (set, lengthS) =>
    cutRows
      .filter((row) => (set === 'shift' ? row.set === 'shifted' : row.set === set))
      .flatMap((row) => row.cuts[lengthS].map((cut) => ({ ...cut, row })));
  const cutStats = (cuts, side) => {
    const count = (verdict) => cuts.filter((cut) => cut[side].verdict === verdict).length;
    return {
      total: cuts.length,
      covered: cuts.length - count('insufficient'),
      inSync: count('in-sync'),
      offset: count('offset'),
      mismatch: count('mismatch'),
      alarms: cuts.filter((cut) => cut[side].findings.some(isAlarm)).length,
      // Shifts: the estimate within 80 ms of the source's own whole-clip estimate plus the shift.
      near80: cuts.filter((cut) => {
        if (cut.row.set !== 'shifted' || cut[side].offsetMs === null) return false;
        const own = sources.get(cut.row.sources[0])?.[side].offsetMs;
        return own !== null && own !== undefined && Math.abs(cut[side].offsetMs - own - cut.row.shiftMs) <= 80;
      }).length,
    };
  };
  const cutTableLines = [];
  const cutSummary = {};
  for (const set of ['real', 'swapped', 'shift']) {
    for (const lengthS of CUT_LENGTHS_S) {
      const cuts = cutsOf(set, lengthS);
      if (cuts.length === 0) continue;
      const b = cutStats(cuts, 'before');
      const a = cutStats(cuts, 'after');
      cutSummary[`${set}-${lengthS}`] = { b, a };
      const cells = (s) =>
        [s.covered, s.inSync, s.offset, s.mismatch, s.alarms, ...(set === 'shift' ? [s.near80] : [])].join(' / ');
      cutTableLines.push([
        set === 'shift' ? 'shifted ±500' : set,
        `${lengthS} s`,
        `${cuts.length}`,
        cells(b),
        cells(a),
      ]);
    }
  }
  console.log('');
  console.log(
    table(
      [
        'set',
        'cut',
        'cuts',
        'before: covered / in-sync / offset / mismatch / alarms (/ within 80 ms)',
        'after: covered / in-sync / offset / mismatch / alarms (/ within 80 ms)',
      ],
      cutTableLines,
    ),
  );

  // Still faces and silent-face variants.
  const still = bySet('still');
  if (still.length) {
    console.log(
      "\n### Still faces: the mouth opening's spread (90th - 10th percentile) per 2.5 s window, every 0.5 s; " +
        'the voice goes over the 6-8 s whose worst window is stillest\n',
    );
    console.log(
      table(
        [
          'clip',
          's',
          'windows',
          'spread min / median / max',
          `windows <= ${SILENT.maxStillSpread}`,
          'voice at s',
          'max spread there',
          'findings',
          'spread per window, thousandths (window starts 0, 0.5, 1 … s)',
        ],
        still.map((row) => {
          const spreads = row.spreads.map((w) => w.spread).filter((s) => s !== null);
          return [
            name(row.path),
            fmt(row.durationS, 1),
            `${row.spreads.length}`,
            `${fmt(Math.min(...spreads), 3)} / ${fmt(median(spreads), 3)} / ${fmt(Math.max(...spreads), 3)}`,
            `${spreads.filter((s) => s <= SILENT.maxStillSpread).length}`,
            row.chosen ? `${fmt(row.chosen.atS, 1)}-${fmt(row.chosen.atS + row.chosen.lengthS, 1)}` : '-',
            row.chosen ? fmt(row.chosen.worst, 3) : '-',
            findingsText(row.after.findings),
            row.spreads.map((w) => (w.spread === null ? '-' : fmt(w.spread * 1000))).join(' '),
          ];
        }),
      ),
    );
  }
  const silent = bySet('silent');
  const detection = (row, side) => {
    const found = row[side].findings.filter(
      (f) => f.kind === 'voice-without-mouth' && f.endS > row.voice.atS && f.startS < row.voice.toS,
    );
    if (found.length === 0) return null;
    const first = found[0];
    return { first, delayS: first.startS + SILENT.windowMs / 1000 - row.voice.atS, spans: found };
  };
  if (silent.length) {
    console.log(
      '\n### Silent faces: a voice over a still face. Delay = end of the first window that found ' +
        'voice-without-mouth minus the start of the voice (or of the held picture)\n',
    );
    console.log(
      table(
        [
          'variant',
          'voice',
          'voice s',
          'spread there max / median',
          'voiced s per window (median)',
          'vwm found (after)',
          'spans',
          'delay s',
          'before (envelope) same?',
          'other findings after',
        ],
        silent.map((row) => {
          const spreads = row.voiceSpreads.map((w) => w.spread).filter((s) => s !== null);
          const after = detection(row, 'after');
          const before = detection(row, 'before');
          row.detected = after;
          return [
            name(row.path).slice(0, 60),
            `${row.voice.kind}: ${name(row.voice.from).slice(0, 30)}`,
            `${fmt(row.voice.atS, 1)}-${fmt(row.voice.toS, 1)}`,
            `${fmt(Math.max(...spreads), 3)} / ${fmt(median(spreads), 3)}`,
            fmt(median(row.voiceSpreads.map((w) => w.voicedS)), 1),
            after ? 'yes' : 'NO',
            after ? after.spans.map((f) => `${fmt(f.startS, 1)}-${fmt(f.endS, 1)}`).join(' ') : '-',
            after ? fmt(after.delayS, 1) : '-',
            (before === null) === (after === null) ? 'yes' : `no (${before ? 'found' : 'not found'})`,
            findingsText(row.after.findings.filter((f) => f.kind !== 'voice-without-mouth')),
          ];
        }),
      ),
    );
  }

  const fileCuts = bySet('cut-file');
  const cutWindowOf = (row) => row.cutOf.cuts[row.cutLengthS][row.cutIndex];
  const count = (group, test) => group.filter(test).length;
  /** "before -> after" of one measure. */
  const ba = (measure) => `${measure('before')} -> ${measure('after')}`;
  if (cutFiles && fileCuts.length) {
    console.log("\n### Cut files analysed on their own vs the same cut replayed on the whole clip's signals\n");
    const lines = [];
    for (const [set, lengthS] of [
      ['real', 4],
      ['real', 2],
      ['swapped', 4],
    ]) {
      const group = fileCuts.filter((row) => row.cutOf.set === set && row.cutLengthS === lengthS);
      if (group.length === 0) continue;
      const side = (s) =>
        `${count(group, (r) => r[s].verdict !== 'insufficient')} / ` +
        `${count(group, (r) => cutWindowOf(r)[s].verdict !== 'insufficient')} / ` +
        `${count(group, (r) => r[s].verdict === cutWindowOf(r)[s].verdict)}`;
      lines.push([
        set,
        `${lengthS} s`,
        `${group.length}`,
        side('before'),
        side('after'),
        ba((s) => count(group, (r) => r[s].findings.some(isAlarm))),
        ba((s) => count(group, (r) => r[s].verdict === 'mismatch')),
      ]);
    }
    console.log(
      table(
        [
          'set',
          'cut',
          'files',
          'before: file covered / window covered / same verdict',
          'after: file covered / window covered / same verdict',
          'file alarms',
          'file mismatch',
        ],
        lines,
      ),
    );
  }

  // SUMMARY lines.
  const lipFull = bySet('real', 'shifted', 'corpus', 'swapped').filter((row) => row.audio);
  const real = bySet('real');
  const firstVerdict = (group) => (side) => {
    const values = group.map((row) => row[side].verdictAfterSpeechS).filter((v) => v !== null);
    return `median ${fmt(median(values), 1)} s (${values.length}/${group.length} with a verdict)`;
  };
  const covered = (group) => (side) =>
    share(
      count(group, (row) => row[side].verdict !== 'insufficient'),
      group.length,
    );
  const short = lipFull.filter((row) => row.durationS >= 4 && row.durationS <= 10);
  const swaps = lipFull.filter((row) => row.truth.kind === 'mismatch');
  const shifted = bySet('shifted');
  const corpusOffsets = bySet('corpus').filter((row) => row.truth.kind === 'offset');
  const within = (group, ms) => (side) => {
    const key = side === 'before' ? 'errBefore' : 'errAfter';
    return count(group, (row) => row[key] !== null && row[key] !== undefined && Math.abs(row[key]) <= ms);
  };
  /** One measure of the cut summary ("real-4": the real clips' 4 s cuts) for one side. */
  const cutMeasure = (key, pick) => (side) => {
    const stats = cutSummary[key]?.[side === 'before' ? 'b' : 'a'];
    return stats ? pick(stats) : '-';
  };
  const cutCoverage = (key, lengthS) =>
    `${lengthS} s cuts ${ba(cutMeasure(`${key}-${lengthS}`, (s) => share(s.covered, s.total)))}`;
  const alarms = (group) => (side) => count(group, (row) => row[side].findings.some(isAlarm));
  const realAlarmNames = real.filter((row) => row.after.findings.some(isAlarm)).map((row) => name(row.path));
  const realCutFiles = fileCuts.filter((row) => row.cutOf.set === 'real');
  const unaltered = bySet('real', 'still');
  const vwmOnReal = unaltered.filter((row) =>
    [...row.after.findings, ...row.before.findings].some((f) => f.kind === 'voice-without-mouth'),
  );
  const detected = silent.filter((row) => row.detected);
  const stillThere = (row) => Math.max(...row.voiceSpreads.map((w) => w.spread ?? Infinity)) <= SILENT.maxStillSpread;
  const stillVariants = silent.filter(stillThere);
  const movingVariants = silent.filter((row) => !stillThere(row));
  // The margin on real speakers: the stillest mouth in a window where the silent face could fire
  // (enough voice heard, the mouth seen).
  const speaking = real.flatMap((row) =>
    row.spreads
      .filter(
        (w) =>
          w.voicedS >= SILENT.minVoicedS &&
          w.seenShare >= SILENT.minSeenShare &&
          w.heardShare >= SILENT.minHeardShare &&
          w.spread !== null,
      )
      .map((w) => ({ ...w, row })),
  );
  // The stillest window of each clip, the three stillest clips.
  const stillest = [...speaking]
    .sort((a, b) => a.spread - b.spread)
    .filter((w, i, sorted) => sorted.findIndex((other) => other.row === w.row) === i)
    .slice(0, 3);
  const delays = detected.map((row) => row.detected.delayS);
  const maxDelay = delays.length ? Math.max(...delays) : NaN;
  const joinedMismatch = (side) => count(joined, (row) => row[side].findings.some((f) => f.kind === 'av-mismatch'));
  const sameOffset = (a, b) => a === b || Math.abs((a ?? NaN) - (b ?? NaN)) <= 0.5;
  const differs = rows.filter(
    (row) => row.afterReplay.verdict !== row.after.verdict || !sameOffset(row.afterReplay.offsetMs, row.after.offsetMs),
  );
  const fidelity = rows.length - differs.length;
  const differText = differs
    .map(
      (row) =>
        `${name(row.path)}: report ${row.after.verdict} ${fmt(row.after.offsetMs, 1)}, ` +
        `replay ${row.afterReplay.verdict} ${fmt(row.afterReplay.offsetMs, 1)}`,
    )
    .join('; ');
  const sameAsWindow = (side) => count(fileCuts, (row) => row[side].verdict === cutWindowOf(row)[side].verdict);
  const timeBySet = [...new Set(rows.map((row) => row.set))]
    .map((set) => {
      const group = bySet(set);
      return `${set} ${group.length} in ${fmt(group.reduce((total, row) => total + row.wallS, 0) / 60, 1)} min`;
    })
    .join(', ');
  const lines = [
    '',
    'SUMMARY lip (before -> after; before = envelope replayed on the same signals, after = the report)',
    `SUMMARY lip first verdict after speech: ${ba(firstVerdict(lipFull))} over the real, shifted, corpus and ` +
      `swapped clips; real clips only ${ba(firstVerdict(real))}`,
    `SUMMARY lip verdict coverage: 4-10 s clips ${ba(covered(short))}; real clips ${cutCoverage('real', 4)}, ` +
      `${cutCoverage('real', 2)}; swaps ${cutCoverage('swapped', 4)}, ${cutCoverage('swapped', 2)}; ` +
      `±500 ms shifts ${cutCoverage('shift', 4)}, ${cutCoverage('shift', 2)}`,
    `SUMMARY lip swaps detected (mismatch): full clips ` +
      `${ba((side) =>
        share(
          count(swaps, (row) => row[side].verdict === 'mismatch'),
          swaps.length,
        ),
      )}; ` +
      `4 s cuts ${ba(cutMeasure('swapped-4', (s) => share(s.mismatch, s.total)))} ` +
      `(read in sync or offset: ${ba(cutMeasure('swapped-4', (s) => s.inSync + s.offset))}); ` +
      `2 s cuts ${ba(cutMeasure('swapped-2', (s) => share(s.mismatch, s.total)))}`,
    `SUMMARY lip shifts vs the source's own estimate + shift: within 40 ms ${ba(within(shifted, 40))}, ` +
      `within 80 ms ${ba(within(shifted, 80))} of ${shifted.length}; corpus AV-offset clips within 80 ms of ` +
      `nominal ${ba(within(corpusOffsets, 80))} of ${corpusOffsets.length}; ±500 ms 4 s cuts within 80 ms ` +
      `${ba(cutMeasure('shift-4', (s) => `${s.near80}/${s.total}`))}`,
    `SUMMARY lip false alarms (warn/high av-* or voice-without-mouth, must be 0): real clips ${ba(alarms(real))} ` +
      `of ${real.length}${realAlarmNames.length ? ` [after: ${realAlarmNames.join(', ')}]` : ''}; ` +
      `real 4 s cuts ${ba(cutMeasure('real-4', (s) => `${s.alarms}/${s.total}`))}, ` +
      `real 2 s cuts ${ba(cutMeasure('real-2', (s) => `${s.alarms}/${s.total}`))}` +
      (realCutFiles.length ? `; real cut files ${ba(alarms(realCutFiles))} of ${realCutFiles.length}` : ''),
    `SUMMARY lip joined speakers: person change cut in ${count(joined, (row) => row.cutsMs.length > 0)}/` +
      `${joined.length}, av-mismatch ${ba(joinedMismatch)}`,
    `SUMMARY lip silent face: voice-without-mouth on ${share(detected.length, silent.length)} variants, ` +
      `delay median ${fmt(median(delays), 1)} s (max ${fmt(maxDelay, 1)} s); ` +
      `still there (spread <= ${SILENT.maxStillSpread} in every window of the voice) ` +
      `${count(stillVariants, (row) => row.detected)}/${stillVariants.length}, moving ` +
      `${count(movingVariants, (row) => row.detected)}/${movingVariants.length}; ` +
      `on unaltered real clips ${vwmOnReal.length}/${unaltered.length}` +
      (vwmOnReal.length ? ` [${vwmOnReal.map((row) => name(row.path)).join(', ')}]` : ''),
    `SUMMARY lip silent-face margin on real speakers: ${speaking.length} windows that could find a silent face ` +
      `(>= ${SILENT.minVoicedS} s of voice, sound and mouth there), ` +
      `${count(speaking, (w) => w.spread <= SILENT.maxStillSpread)} with spread <= ${SILENT.maxStillSpread}; ` +
      'stillest clips ' +
      (stillest.map((w) => `${fmt(w.spread, 3)} (${name(w.row.path)} at ${fmt(w.fromMs / 1000, 1)} s)`).join(', ') ||
        '-'),
    `SUMMARY lip replay check: the learned map replayed in Node matches the report on ${fidelity}/${rows.length} ` +
      'clips' +
      (differs.length ? ` [${differText}]` : '') +
      (fileCuts.length ? `; cut files vs window replays, same verdict ${ba(sameAsWindow)} of ${fileCuts.length}` : ''),
    `SUMMARY lip run time: ${fmt(runS / 60, 1)} min for ${rows.length} clips (${fmt(browserS / 60, 1)} min in the ` +
      `browser, median ${fmt(median(rows.map((row) => row.wallS)), 1)} s per clip; ${timeBySet})`,
  ];
  console.log(lines.join('\n'));
}
