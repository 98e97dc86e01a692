// `npm run bench -- --fuzz-media`: broken and unusual media through `npm run analyze -- FILE --json`,
// as a user would run it. Every variant of four real clips is made with ffmpeg or by cutting and
// flipping bytes (seeded, so a rerun makes the same files), cached in .cache/bench/fuzz/. Each run
// must end within its time budget with exit 0 and a report, or exit 2 and one line on stderr; a
// hang, a crash, a stack trace or exit 1 is a failure. Prints the table and a SUMMARY line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ROOT } from '../browser.mjs';
import { importTypeScript } from '../import-ts.mjs';

// The cut points and flipped bytes are the same on every run: the extension's own seeded generator.
const { seededRandom } = await importTypeScript('utils/common/random.ts');

const OUT = join(ROOT, '.cache/bench/fuzz');
const CLI = join(ROOT, 'scripts/analyze.mjs');
/** An 8 s and a 9.6 s talking head with sound (moov first, H.264/AAC), and a 5 s one for more seeds. */
const CLIPS = ['real/real_hdtf_aoc_f_sadtalker.mp4', 'real/real_hyperlips_video2_obama_m.mp4'];
const EXTRA_CLIP = 'real/real_mead_m003_007_m.mp4';
/** A 640x360 clip with sound for the rotation flag: on a square clip a swapped width and height would not show. */
const WIDE_CLIP = 'real/real_film_chaplin_dictator_m.mp4';
/** Per-file budget: Chromium and the model start in well under a minute, then a few times the media's length. */
const budgetS = (durationS) => Math.round(60 + 3 * durationS);
/**
 * The two-hour file gets a fixed budget instead (60 + 3 x 7200 s would hide any hang): black frames
 * at 5 fps have no face to describe, so the pass runs many times faster than real time.
 */
const LONG_BUDGET_S = 1200;
const LONG_S = 7200;
/** After a timeout, SIGTERM lets Playwright close its Chromium; SIGKILL follows if it does not. */
const KILL_GRACE_MS = 10_000;

/** Top-level MP4 boxes as { type, start, end } (size 1: 64-bit size; size 0: to the end of the file). */
function topBoxes(bytes) {
  const boxes = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + 8 <= bytes.length;) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (size === 1) size = Number(view.getBigUint64(at + 8));
    if (size === 0) size = bytes.length - at;
    if (size < 8) break;
    boxes.push({ type, start: at, end: Math.min(bytes.length, at + size) });
    at += size;
  }
  return boxes;
}

function box(bytes, type) {
  const found = topBoxes(bytes).find((b) => b.type === type);
  if (!found) throw new Error(`fuzz: no ${type} box in the clip`);
  return found;
}

function probeDuration(path) {
  const result = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path], {
    encoding: 'utf8',
  });
  const seconds = Number.parseFloat(result.stdout);
  return Number.isFinite(seconds) ? seconds : null;
}

/** Writes through a temporary name, so a half-made file is never taken for a cached one. */
function cached(name, make) {
  const path = join(OUT, name);
  if (existsSync(path)) return path;
  const tmp = join(OUT, `tmp-${name}`);
  make(tmp);
  renameSync(tmp, path);
  return path;
}

function ffmpeg(name, args, format = null) {
  return cached(name, (tmp) => {
    const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args, ...(format ? ['-f', format] : []), tmp], {
      encoding: 'utf8',
    });
    if (result.error) throw new Error(`fuzz: ffmpeg is needed (apt-get install ffmpeg): ${result.error.message}`);
    if (result.status !== 0) throw new Error(`fuzz: ffmpeg failed for ${name}: ${result.stderr}`);
  });
}

const bytesTo = (name, bytes) => cached(name, (tmp) => writeFileSync(tmp, bytes));

/** `count` bytes at seeded places in [from, to) XORed with a non-zero value, so each one really changes. */
function flipped(bytes, from, to, count, seed) {
  const random = seededRandom(seed);
  const copy = Uint8Array.from(bytes);
  for (let i = 0; i < count; i++) {
    const at = from + Math.floor(random() * (to - from));
    copy[at] ^= 1 + Math.floor(random() * 255);
  }
  return copy;
}

/** The variants: { name, broken, path, durationS (of the media meant to be there, for the budget) }. */
export function makeFuzzVariants(media) {
  mkdirSync(OUT, { recursive: true });
  const variants = [];
  // `source`: the intact clip a variant's frame count is read against (none for remade ones).
  const add = (name, broken, path, durationS, { budget = budgetS(durationS), source = null } = {}) =>
    variants.push({ name, broken, path, durationS, budget, source });
  const [a, b] = CLIPS.map((clip) => join(media, clip));
  const extra = join(media, EXTRA_CLIP);
  const aS = probeDuration(a);
  const bS = probeDuration(b);
  const extraS = probeDuration(extra);
  const wide = join(media, WIDE_CLIP);
  const wideS = probeDuration(wide);
  const aBytes = readFileSync(a);
  const bBytes = readFileSync(b);
  const extraBytes = readFileSync(extra);
  const stem = (clip) => basename(clip, '.mp4').replace(/^real_/, '');

  // Controls: the intact clips, whose frame counts the truncated and flipped ones are read against.
  for (const [clip, seconds] of [
    [a, aS],
    [b, bS],
    [extra, extraS],
    [wide, wideS],
  ])
    add(basename(clip), 'nothing (the source)', clip, seconds, { source: clip });

  // Truncated: at 1 KB (inside the moov box, the sample tables cut), then at seeded points in the mdat.
  add(
    'trunc-1k.mp4',
    `${stem(a)} cut to its first 1 KB (moov cut)`,
    bytesTo('trunc-1k.mp4', aBytes.subarray(0, 1024)),
    aS,
    {
      source: a,
    },
  );
  for (const [clip, bytes, seconds, seed, points] of [
    [a, aBytes, aS, 1, 3],
    [b, bBytes, bS, 2, 1],
  ]) {
    const mdat = box(bytes, 'mdat');
    const random = seededRandom(seed);
    for (let i = 0; i < points; i++) {
      const at = mdat.start + 8 + Math.floor(random() * (mdat.end - mdat.start - 8));
      const share = Math.round((at / bytes.length) * 100);
      const name = `trunc-${stem(clip)}-${share}pct.mp4`;
      add(
        name,
        `${stem(clip)} cut at byte ${at} (${share} %, in the mdat)`,
        bytesTo(name, bytes.subarray(0, at)),
        seconds,
        {
          source: clip,
        },
      );
    }
  }

  // Flipped: a few bytes of the moov box (sample tables, codec config) or many in the mdat (the H.264 bitstream).
  for (const [clip, bytes, seconds, seeds] of [
    [a, aBytes, aS, [1, 2, 3]],
    [b, bBytes, bS, [4]],
    [extra, extraBytes, extraS, [5]],
  ]) {
    const moov = box(bytes, 'moov');
    const mdat = box(bytes, 'mdat');
    for (const seed of seeds) {
      const header = `flip-moov-${stem(clip)}-s${seed}.mp4`;
      add(
        header,
        `${stem(clip)}: 8 random bytes flipped in the moov (seed ${seed})`,
        bytesTo(header, flipped(bytes, moov.start, moov.end, 8, seed)),
        seconds,
        { source: clip },
      );
      const body = `flip-mdat-${stem(clip)}-s${seed}.mp4`;
      const count = seed === 3 ? 2000 : 50;
      add(
        body,
        `${stem(clip)}: ${count} random bytes flipped in the mdat bitstream (seed ${seed})`,
        bytesTo(body, flipped(bytes, mdat.start + 8, mdat.end, count, seed)),
        seconds,
        { source: clip },
      );
    }
  }

  add('empty.mp4', 'zero-length file', bytesTo('empty.mp4', new Uint8Array(0)), 0);
  add(
    'audio-only.mp4',
    `${stem(a)} with the video dropped (-vn)`,
    ffmpeg('audio-only.mp4', ['-i', a, '-vn', '-c:a', 'copy']),
    aS,
  );
  add(
    'video-only.mp4',
    `${stem(a)} with the sound dropped (-an)`,
    ffmpeg('video-only.mp4', ['-i', a, '-an', '-c:v', 'copy']),
    aS,
    {
      source: a,
    },
  );
  add(
    'text-as.mp4',
    'a text file (the scripts README) renamed .mp4',
    bytesTo('text-as.mp4', readFileSync(join(ROOT, 'scripts/README.md'))),
    0,
  );
  add(
    'png-as.mp4',
    `a PNG (a frame of ${stem(a)}) renamed .mp4`,
    ffmpeg('png-as.mp4', ['-i', a, '-frames:v', '1', '-c:v', 'png'], 'image2'),
    0,
  );
  // HEVC: Chromium without a hardware decoder cannot decode it, so it exercises the codec message.
  add(
    'hevc.mp4',
    `${stem(a)} re-encoded as H.265/HEVC`,
    ffmpeg('hevc.mp4', ['-i', a, '-c:v', 'libx265', '-preset', 'ultrafast', '-tag:v', 'hvc1', '-c:a', 'copy']),
    aS,
  );
  add(
    '4k.mp4',
    `the first 4 s of ${stem(a)} upscaled to 3840x2160 (pillarboxed)`,
    ffmpeg('4k.mp4', [
      '-i',
      a,
      '-t',
      '4',
      '-vf',
      'scale=-2:2160,pad=3840:2160:(ow-iw)/2:0',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'copy',
    ]),
    4,
  );
  add(
    'black-2h.mp4',
    '2 hours of black frames (320x240, 5 fps) with silent audio',
    ffmpeg('black-2h.mp4', [
      ...['-f', 'lavfi', '-i', 'color=black:s=320x240:r=5', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono'],
      ...['-t', String(LONG_S), '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'stillimage'],
      ...['-c:a', 'aac', '-b:a', '8k', '-movflags', '+faststart'],
    ]),
    LONG_S,
    { budget: LONG_BUDGET_S },
  );
  add(
    'vp8-opus.webm',
    `${stem(a)} as WebM (VP8 / Opus)`,
    ffmpeg('vp8-opus.webm', [
      ...['-i', a, '-c:v', 'libvpx', '-b:v', '1M', '-deadline', 'realtime', '-cpu-used', '8'],
      ...['-c:a', 'libopus', '-b:a', '64k'],
    ]),
    aS,
  );
  // ffmpeg writes the moov after the mdat unless asked for +faststart, as many recorders do.
  const moovLast = ffmpeg('moov-at-end.mp4', ['-i', a, '-c', 'copy']);
  add('moov-at-end.mp4', `${stem(a)} remuxed with the moov after the mdat`, moovLast, aS, { source: a });
  const moovLastBytes = readFileSync(moovLast);
  add(
    'moov-at-end-trunc.mp4',
    `moov-at-end cut at 60 % (an interrupted download: no moov at all)`,
    bytesTo('moov-at-end-trunc.mp4', moovLastBytes.subarray(0, Math.floor(moovLastBytes.length * 0.6))),
    aS,
  );
  add(
    'rotated-90.mp4',
    `${stem(wide)} (640x360) with a 90° rotation in its display matrix`,
    ffmpeg('rotated-90.mp4', ['-i', wide, '-c', 'copy', '-metadata:s:v:0', 'rotate=90']),
    wideS,
    { source: wide },
  );
  // Every third frame and the whole of 3-4 s dropped, timestamps kept: gaps of 40, 80 and 1000 ms.
  add(
    'vfr.mp4',
    `${stem(a)} at a variable frame rate (frames dropped, a 1 s gap)`,
    ffmpeg('vfr.mp4', [
      ...['-i', a, '-vf', "select='not(eq(mod(n\\,3)\\,1))*not(between(t\\,3\\,4))'", '-vsync', 'vfr'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'copy'],
    ]),
    aS,
  );
  return variants;
}

/**
 * Runs the CLI in its own process group, killed (with its Chromium) when it passes its budget.
 * Resolves to { code, signal, timedOut, seconds, stdout, stderr }.
 */
function runCli(path, budget) {
  return new Promise((resolve) => {
    const started = Date.now();
    // Relative to the repository, as a user would type it: the messages name the file that way.
    const child = spawn(process.execPath, [CLI, relative(ROOT, path), '--json'], { cwd: ROOT, detached: true });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    let timedOut = false;
    let killer = null;
    const killGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup('SIGTERM');
      killer = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    }, budget * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killer);
      resolve({
        code,
        signal,
        timedOut,
        seconds: (Date.now() - started) / 1000,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** What a report says in a few words; frames against the intact source's, so a silent shortfall shows. */
function reportSummary(report, sourceFrames) {
  const kinds = [...new Set(report.findings.map((f) => f.kind))];
  const frames =
    sourceFrames === undefined
      ? `${report.frames.analyzed} frames`
      : `${report.frames.analyzed}/${sourceFrames} frames of the source's`;
  return (
    `report ${report.durationS.toFixed(1)} s, ${frames}, ${report.frames.withFace} with a face, ` +
    `${report.audio ? 'audio' : 'no audio'}, lip ${report.lipSync.verdict}, ` +
    `${report.findings.length} findings${kinds.length > 0 ? ` (${kinds.join(' ')})` : ''}`
  );
}

/** Classifies one run: ok, or what went wrong (hang, crash, stack trace, exit 1, a bad report or message). */
function judge(run, sourceFrames) {
  const stderrLines = run.stderr.split('\n').filter((line) => line.trim() !== '');
  const stackTrace = /^ {4}at /m.test(run.stderr) || /\bError:/.test(run.stderr);
  const flags = { hang: run.timedOut, crash: !run.timedOut && run.signal !== null, stackTrace };
  let message = '';
  let ok = false;
  if (run.timedOut) message = `no result within the budget (killed)`;
  else if (run.signal !== null) message = `killed by ${run.signal}`;
  else if (run.code === 0) {
    try {
      const report = JSON.parse(run.stdout);
      if (typeof report.durationS !== 'number') throw new Error('no durationS');
      message = reportSummary(report, sourceFrames);
      ok = true;
      run.report = report;
    } catch (error) {
      message = `exit 0 without a report on stdout (${error.message})`;
    }
  } else if (run.code === 2) {
    message = stderrLines[0] ?? '(nothing on stderr)';
    ok = stderrLines.length === 1 && stderrLines[0].startsWith('analyze: ');
    if (!ok) message = `${stderrLines.length} stderr lines: ${stderrLines.join(' / ')}`;
  } else {
    message = `exit ${run.code}: ${stderrLines.join(' / ')}`;
  }
  return { ok: ok && !stackTrace, message, flags };
}

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

export async function benchFuzzMedia(media) {
  const started = Date.now();
  console.error('Making the fuzz variants…');
  const variants = makeFuzzVariants(media);
  const sourceFrames = new Map();
  const rows = [];
  for (const variant of variants) {
    const size = statSync(variant.path).size;
    process.stderr.write(`  ${variant.name} (${size} bytes, budget ${variant.budget} s)… `);
    const run = await runCli(variant.path, variant.budget);
    const isSource = variant.source === variant.path;
    const judged = judge(run, isSource ? undefined : sourceFrames.get(variant.source));
    if (isSource && run.report) sourceFrames.set(variant.path, run.report.frames.analyzed);
    const ended = run.timedOut ? 'timeout' : `exit ${run.code ?? run.signal}`;
    process.stderr.write(`${ended} in ${run.seconds.toFixed(1)} s${judged.ok ? '' : ' (!)'}\n`);
    rows.push({ variant, run, ...judged });
  }

  const header = ['file', 'what was broken', 'exit', 'seconds', 'budget', 'message', 'ok'];
  const lines = rows.map(({ variant, run, message, ok, flags }) => [
    variant.name,
    variant.broken,
    run.timedOut ? 'timeout' : (run.code ?? run.signal),
    run.seconds.toFixed(1),
    variant.budget,
    message.slice(0, 100),
    ok
      ? 'ok'
      : ['FAIL', flags.hang && 'hang', flags.crash && 'crash', flags.stackTrace && 'stack trace']
          .filter(Boolean)
          .join(' '),
  ]);
  console.log(
    [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.map(cell).join(' | ')} |`).join('\n'),
  );
  const count = (test) => rows.filter(test).length;
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `\nSUMMARY fuzz media files=${rows.length} ok=${count((r) => r.ok)} hangs=${count((r) => r.flags.hang)} ` +
      `crashes=${count((r) => r.flags.crash)} stack_traces=${count((r) => r.flags.stackTrace)} ` +
      `exit1=${count((r) => !r.run.timedOut && r.run.code === 1)} minutes=${minutes}`,
  );
  // Messages in full, for the ones the table cut.
  for (const row of rows.filter((r) => r.run.code !== 0 && r.message.length > 100))
    console.log(`${row.variant.name}: ${row.message}`);
}
