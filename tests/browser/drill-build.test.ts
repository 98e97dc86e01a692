import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePack, type Pack, type PackItem } from '@/utils/drills/pack';
import { ROOT } from '../../scripts/lib/browser.mjs';
import { prerequisite, sharedClip } from '../support/paths';

// An 8 s speaker with sound and a 5 s one: every variant kind, quickly.
const first = sharedClip('real/real_hdtf_aoc_f_sadtalker.mp4');
const second = sharedClip('real/real_mead_m003_007_m.mp4');
const ffmpeg = prerequisite(
  { what: 'ffmpeg', path: 'ffmpeg', fix: 'The variants are decoded with it to check them: apt-get install ffmpeg.' },
  process.env,
  (tool) => spawnSync(tool, ['-version']).status === 0,
);
const ready = Boolean(first && second && ffmpeg);
const RATE = 8000;

function drill(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/drill.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 170_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The clip's sound as 8 kHz mono samples. */
function pcm(path: string): Float32Array {
  const out = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-ac', '1', '-ar', String(RATE), '-f', 'f32le', '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const bytes = out.stdout;
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}

/** The lag (ms) at which `shifted` best matches `source`, searched ±`maxMs`, over the first 3 s. */
function lagMs(source: Float32Array, shifted: Float32Array, maxMs: number): number {
  const max = Math.round((maxMs / 1000) * RATE);
  const from = max;
  const to = Math.min(source.length, shifted.length, 3 * RATE) - max;
  let best = { lag: 0, score: -Infinity };
  for (let lag = -max; lag <= max; lag++) {
    let score = 0;
    for (let i = from; i < to; i++) score += (source[i] as number) * (shifted[i + lag] as number);
    if (score > best.score) best = { lag, score };
  }
  return (best.lag / RATE) * 1000;
}

/** Stretches ffmpeg's freezedetect finds, [start, end] s. */
function freezes(path: string): number[][] {
  const out = spawnSync(
    'ffmpeg',
    ['-v', 'info', '-i', path, '-vf', 'freezedetect=n=0.001:d=0.5', '-an', '-f', 'null', '-'],
    {
      encoding: 'utf8',
    },
  );
  const starts = [...out.stderr.matchAll(/freeze_start: ([\d.]+)/g)].map((m) => Number(m[1]));
  const ends = [...out.stderr.matchAll(/freeze_end: ([\d.]+)/g)].map((m) => Number(m[1]));
  // A key frame inside the held stretch differs a little from its copies and splits the freeze in two.
  const joined: number[][] = [];
  starts.forEach((start, i) => {
    const last = joined.at(-1);
    if (last && start - (last[1] as number) <= 0.05) last[1] = ends[i] ?? Number.NaN;
    else joined.push([start, ends[i] ?? Number.NaN]);
  });
  return joined;
}

/** Pearson correlation of two equally long stretches of sound. */
function correlation(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let [sa, sb, saa, sbb, sab] = [0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  return (sab - (sa * sb) / n) / Math.sqrt((saa - (sa * sa) / n) * (sbb - (sb * sb) / n));
}

const durationS = (path: string) =>
  Number(
    spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path], {
      encoding: 'utf8',
    }).stdout,
  );

describe.skipIf(!ready)('npm run drill -- build', () => {
  const work = mkdtempSync(join(tmpdir(), 'liveproof-drill-test-'));
  const out = join(work, 'pack');
  let pack: Pack;
  let stdout = '';
  const clip = (item: PackItem) => join(out, 'clips', item.clip.name);
  const source = () => pcm(first as string);
  const variant = (id: string) => pack.items.find((item) => item.id === id) as PackItem;

  beforeAll(() => {
    const built = drill('build', first as string, second as string, '--out', out, '--title', 'Two speakers');
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    stdout = built.stdout;
    const text = readFileSync(join(out, 'pack.json'), 'utf8');
    const read = parsePack(text, Buffer.byteLength(text));
    if ('problem' in read) throw new Error(read.problem);
    pack = read.pack;
  }, 180_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('should write a valid pack: both clips genuine, every variant keyed, every file as its manifest says', () => {
    console.log(`[drill build] ${stdout.trim().split('\n').at(-1)}`);
    expect(pack.title).toBe('Two speakers');
    expect(pack.items.filter((item) => item.key.genuine).map((item) => item.clip.name)).toEqual([
      'real_hdtf_aoc_f_sadtalker.mp4',
      'real_mead_m003_007_m.mp4',
    ]);
    expect(pack.items).toHaveLength(22);
    for (const item of pack.items) {
      const bytes = readFileSync(clip(item));
      expect(bytes.length).toBe(item.clip.sizeBytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(item.clip.sha256);
      expect(durationS(clip(item))).toBeCloseTo(item.clip.durationS, 0);
    }
  });

  it('should shift the sound by exactly what each key says', () => {
    for (const shiftMs of [-500, -250, -120, 120, 250, 500]) {
      const item = variant(`clip-1.shift${shiftMs > 0 ? '+' : ''}${shiftMs}`);
      expect(item.key).toMatchObject({ manipulation: 'audio-shift', shiftMs });
      expect(Math.abs(lagMs(source(), pcm(clip(item)), 600) - shiftMs)).toBeLessThanOrEqual(2);
    }
  });

  it("should lend the other clip's voice, and freeze and replay the stretches the keys name", () => {
    const voiced = variant('clip-1.voice');
    const lent = pcm(clip(voiced));
    const other = pcm(second as string);
    expect(Math.abs(lagMs(other, lent, 50))).toBeLessThanOrEqual(2);
    const frozen = variant('clip-1.frozen');
    if (frozen.key.genuine) throw new Error('a variant is not genuine');
    const [stretch] = freezes(clip(frozen));
    // Within three frames at 25 fps: the encoder's first copies of the held frame may still sharpen.
    expect(Math.abs((stretch?.[0] ?? Number.NaN) - frozen.key.startS)).toBeLessThanOrEqual(0.12);
    expect(Math.abs((stretch?.[1] ?? Number.NaN) - frozen.key.endS)).toBeLessThanOrEqual(0.12);
    expect(freezes(first as string)).toEqual([]);
    const replayed = variant('clip-1.replayed');
    if (replayed.key.genuine) throw new Error('a variant is not genuine');
    // As long as the clip, and its sound from the key's start is the stretch just before, again.
    expect(durationS(clip(replayed))).toBeCloseTo(durationS(first as string), 1);
    const lengthS = replayed.key.endS - replayed.key.startS;
    const at = (seconds: number) => Math.round(seconds * RATE);
    const again = pcm(clip(replayed)).slice(at(replayed.key.startS), at(replayed.key.endS));
    const before = source().slice(at(replayed.key.startS - lengthS), at(replayed.key.startS));
    expect(Math.abs(lagMs(before, again, 50))).toBeLessThanOrEqual(2);
    const next = source().slice(at(replayed.key.startS), at(replayed.key.endS));
    expect(correlation(again, before)).toBeGreaterThan(0.9);
    expect(correlation(again, next)).toBeLessThan(0.5);
    expect(variant('clip-1.joined').key).toMatchObject({ manipulation: 'person-swapped', startS: 4 });
  });

  it('should refuse bad input with one clear line, writing nothing', () => {
    const missing = drill('build', join(work, 'nope.mp4'), '--out', join(work, 'a'));
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/^drill: no such file: .*nope\.mp4\n$/);
    const taken = drill('build', first as string, '--out', out);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/exists and is not an empty folder: nothing is overwritten/);
    mkdirSync(join(work, 'text'));
    writeFileSync(join(work, 'text', 'notes.mp4'), 'not a video');
    const text = drill('build', join(work, 'text', 'notes.mp4'), '--out', join(work, 'b'));
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/^drill: notes\.mp4 is not a video this browser can read\.\n$/);
    expect(drill('build', '--out', join(work, 'c')).stderr).toMatch(/give at least one clip/);
    spawnSync('ffmpeg', [
      '-v',
      'error',
      '-i',
      first as string,
      '-t',
      '2',
      '-c',
      'copy',
      join(work, 'text', 'short.mp4'),
    ]);
    const short = drill('build', join(work, 'text', 'short.mp4'), '--out', join(work, 'd'));
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/^drill: These clips are too short to change: a drill clip lasts at least 4 s\./);
    // An index listing billions of samples (its first samples-per-chunk count's high byte flipped):
    // refused before the demuxer reads it, which would freeze the page.
    const clip = readFileSync(first as string);
    const at = clip.indexOf('stsc', 0, 'latin1') + 4 + 8 + 4;
    clip.writeUInt32BE((clip.readUInt32BE(at) ^ 0xd5000000) >>> 0, at);
    writeFileSync(join(work, 'text', 'damaged.mp4'), clip);
    const damaged = drill('build', join(work, 'text', 'damaged.mp4'), '--out', join(work, 'e'));
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/^drill: damaged\.mp4: This file is damaged: its index of .* lists /);
    for (const folder of ['a', 'b', 'c', 'd', 'e']) expect(existsSync(join(work, folder))).toBe(false);
  });
});
