import { spawnSync } from 'node:child_process';
import type { RecordingComparison } from '@/utils/report/compare-recordings';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stretchLabel } from '@/utils/checklist/recording-challenges';
import { seededRandom } from '@/utils/common/random';
import { AnalysisReportSchema } from '@/utils/report/analysis-report';
import { parseSessionJson } from '@/utils/sessions/migrations';
import { ROOT } from '../../scripts/lib/browser.mjs';
import { faceModel, prerequisite, sharedClip } from '../support/paths';

function analyze(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/analyze.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 170_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const model = faceModel();
const lagging = model && sharedClip('other/avoffset_tedlieu_audio_lag_plus500ms.mp4');
const silentFilm = model && sharedClip('real/real_roop_target_f.mp4');
// --compare: two short takes of one MEAD speaker; two HDTF speakers of the same sex.
const meadA = model && sharedClip('real/real_mead_m003_007_m.mp4');
const meadB = model && sharedClip('real/real_mead_m003_028_m.mp4');
const aoc = model && sharedClip('real/real_hdtf_aoc_f_sadtalker.mp4');
const katieHill = model && sharedClip('real/real_hdtf_katiehill_f_sadtalker.mp4');
// One slow turn toward image-right to a full profile (6.36 s, no sound); the face is lost from
// about 5.4 s, at full profile, to 6.1 s.
const profileTurn = model && sharedClip('challenges/real_turn_vhap_profile_m.mp4');
const ffmpeg = prerequisite(
  { what: 'ffmpeg', path: 'ffmpeg', fix: 'The faceless clip for --compare is made with it: apt-get install ffmpeg.' },
  process.env,
  (tool) => spawnSync(tool, ['-version']).status === 0,
);

function compare(a: string, b: string): RecordingComparison {
  const { code, stdout, stderr } = analyze('--compare', a, b, '--json');
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout.trim().split('\n')).toHaveLength(1);
  const comparison = JSON.parse(stdout) as RecordingComparison;
  console.log(
    `[analyze --compare] ${comparison.a} vs ${comparison.b}: distance ${comparison.distance} ` +
      `(threshold ${comparison.threshold}), faces ${comparison.framesUsed.a}/${comparison.framesUsed.b}`,
  );
  expect(Object.keys(comparison).sort()).toEqual(
    ['a', 'b', 'distance', 'framesUsed', 'samePerson', 'schemaVersion', 'threshold'].sort(),
  );
  expect(comparison.schemaVersion).toBe(1);
  expect([comparison.a, comparison.b]).toEqual([a, b]);
  expect(comparison.framesUsed.a).toBeGreaterThanOrEqual(3);
  expect(comparison.framesUsed.b).toBeGreaterThanOrEqual(3);
  return comparison;
}

describe('npm run analyze', () => {
  it.skipIf(!lagging)('should print exactly one schema-valid JSON report with --json', () => {
    const { code, stdout, stderr } = analyze(lagging as string, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = AnalysisReportSchema.parse(JSON.parse(stdout));
    console.log(
      `[analyze] ${report.file}: frames analysed: ${report.frames.analyzed}; ` +
        `${report.lipSync.verdict} ${report.lipSync.offsetMs} ms, ${report.performance.realtimeFactor}x real time`,
    );
    // 30 s at 25 fps, analysed at the default cap of 15 fps: every second frame (each stretch
    // analysed in parallel starts its own every-second-frame grid, so one or two more).
    expect(report.frames.analyzed).toBeGreaterThanOrEqual(375);
    expect(report.frames.analyzed).toBeLessThanOrEqual(377);
    expect(report.frames.withFace).toBe(report.frames.analyzed);
    expect(report.lipSync.verdict).toBe('offset');
    expect(report.lipSync.offsetMs).toBeGreaterThan(500 - 60);
    expect(report.lipSync.offsetMs).toBeLessThan(500 + 60);
    expect(report.findings.map((f) => f.kind)).toEqual(['av-offset']);
  });

  it.each([
    [['/no/such/clip.mp4'], /^analyze: no such file: \/no\/such\/clip\.mp4\n$/],
    [['package.json'], /^analyze: package\.json: This file is not a video this browser can read/],
    [[], /^analyze: give exactly one file\./],
    [['a.mp4', '--frobnicate'], /^analyze: Unknown option '--frobnicate'/],
    [['a.mp4', '--format', 'pdf'], /^analyze: --format must be one of md, csv, json \(got "pdf"\)/],
    [['a.mp4', '--format', 'md', '--json'], /^analyze: use either --json \(the analysis report\) or --format/],
    [['--compare', 'package.json'], /^analyze: --compare needs exactly two files\./],
    [['--compare', 'package.json', 'a.mp4', 'b.mp4'], /^analyze: --compare needs exactly two files\./],
    [['--compare', 'package.json', '/no/such/clip.mp4'], /^analyze: no such file: \/no\/such\/clip\.mp4\n$/],
    [['--compare', 'a.mp4', 'b.mp4', '--format', 'md'], /^analyze: --compare prints a comparison; --format does not/],
    [['--compare', 'package.json', 'tsconfig.json'], /^analyze: package\.json: This file is not a video this browser/],
    [['a.mp4', '--challenge', 'blink@1-2', '--format', 'md'], /^analyze: --challenge outcomes go into the analysis/],
    [['--compare', 'a.mp4', 'b.mp4', '--challenge', 'blink@1-2'], /^analyze: --challenge checks one recording;/],
    [['a.mp4', '--challenge'], /^analyze: Option '--challenge <value>' argument missing/],
  ])('should reject %j with a clear message and exit code 2', (args, message) => {
    const { code, stdout, stderr } = analyze(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(!lagging)(
    'should export the recording as a session in Markdown and JSON with the extension exporters',
    () => {
      const md = analyze(lagging as string, '--format', 'md');
      expect(md.stderr).toBe('');
      expect(md.code).toBe(0);
      expect(md.stdout).toMatch(/^## Liveproof session: Interview of /);
      expect(md.stdout).toContain('- Platform: Recording');
      expect(md.stdout).toContain('- Findings: Audio-video offset ×1');
      expect(md.stdout).toMatch(/median offset (4[4-9]\d|5[0-5]\d) ms/);
      const json = analyze(lagging as string, '--format', 'json');
      expect(json.code).toBe(0);
      const parsed = parseSessionJson(json.stdout);
      if (!('session' in parsed)) throw new Error(parsed.problem);
      expect(parsed.session.findings.map((f) => f.kind)).toEqual(['av-offset']);
      expect(parsed.session.signals.length).toBe(6);
      expect(parsed.session.events[0]?.text).toBe(
        'Recording "avoffset_tedlieu_audio_lag_plus500ms.mp4" analysed (30.0 s).',
      );
      // A session export carries no frame count; its signal points show how far the analysis went.
      console.log(`[analyze] --format json: ${parsed.session.signals.length} signal points (one per 5 s analysed)`);
    },
  );

  it.skipIf(!silentFilm)('should analyse a video without sound on the picture alone', () => {
    const { code, stdout, stderr } = analyze(silentFilm as string, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = AnalysisReportSchema.parse(JSON.parse(stdout));
    console.log(`[analyze] ${report.file}: frames analysed: ${report.frames.analyzed} (no sound)`);
    expect(report.audio).toBe(false);
    expect(report.lipSync.verdict).toBe('insufficient');
    expect(report.faceChecks.maxFaces).toBe(1);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  describe('--challenge', () => {
    it.skipIf(!profileTurn)('should verify each stretch asked for into a version 5 report', () => {
      const { code, stdout, stderr } = analyze(
        profileTurn as string,
        ...['--challenge', 'head-turn:image-right@1.5-6.3', '--challenge', 'head-turn@1.5-6.3'],
        ...['--challenge', 'blink@0-3', '--json'],
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const report = AnalysisReportSchema.parse(JSON.parse(stdout));
      for (const c of report.challenges) {
        console.log(`[analyze --challenge] ${stretchLabel(c)} ${c.outcome}: ${c.summary}`);
      }
      expect(report.schemaVersion).toBe(6);
      // Read to its end: the report says so (a file cut short says how far it was read).
      expect(report.read).toMatchObject({ endsEarly: false, videoReadS: expect.closeTo(report.durationS, 0) });
      const [right, both, blink] = report.challenges;
      // The calibrated yaw passes 45° at about 3.2 s and reads 70-80° by 5 s; the face lost at
      // full profile and found again does not undo the turn.
      expect(right).toMatchObject({
        kind: 'head-turn',
        sides: 'image-right',
        startS: 1.5,
        endS: 6.3,
        outcome: 'passed',
      });
      expect(right?.evidence.maxYawDeg).toBeGreaterThanOrEqual(65);
      expect(right?.evidence.longestGapMs).toBeLessThanOrEqual(500);
      // He never turns toward image-left.
      expect(both).toMatchObject({ kind: 'head-turn', sides: 'both', outcome: 'not-verified' });
      expect(both?.evidence.minYawDeg).toBeGreaterThan(-45);
      // Nobody asked him to blink: whether he did is open, but nothing makes it a concern.
      expect(blink).toMatchObject({ kind: 'blink', sides: null, startS: 0, endS: 3 });
      expect(blink?.outcome).not.toBe('concern');
    });

    it.skipIf(!profileTurn)('should refuse a stretch that starts after the recording ends, with exit code 2', () => {
      const { code, stdout, stderr } = analyze(profileTurn as string, '--challenge', 'blink@10-12');
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        /^analyze: \S*real_turn_vhap_profile_m\.mp4: blink@10-12 starts after the recording ends \(6\.4 s\)\.\n$/,
      );
    });

    it.each([
      ['nod@1-2', /^analyze: --challenge nod@1-2: "nod" is not a challenge kind: .* Write KIND@START-END in seconds/],
      ['head-turn@2', /^analyze: --challenge head-turn@2: "head-turn@2" is not a challenge: write KIND@START-END/],
      ['blink@3-2', /^analyze: --challenge blink@3-2: "blink@3-2": the stretch must end after it starts\. Write /],
    ])('should refuse the challenge %s in one line, before any analysis', (spec, message) => {
      const { code, stdout, stderr } = analyze('package.json', '--challenge', 'blink@0-1', '--challenge', spec);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr).toContain('e.g. head-turn:image-right@2-6.5.');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  });

  describe('--compare', () => {
    it.skipIf(!meadA || !meadB)('should call two recordings of one person the same person', () => {
      const comparison = compare(meadA as string, meadB as string);
      expect(comparison.samePerson).toBe(true);
      expect(comparison.distance).toBeLessThanOrEqual(comparison.threshold);
    });

    it.skipIf(!aoc || !katieHill)('should call two people of the same sex different people', () => {
      const comparison = compare(aoc as string, katieHill as string);
      expect(comparison.samePerson).toBe(false);
      expect(comparison.distance).toBeGreaterThan(comparison.threshold);
    });

    it.skipIf(!meadA)('should print one readable line without --json', () => {
      const { code, stdout, stderr } = analyze('--compare', meadA as string, meadA as string);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^.*real_mead_m003_007_m\.mp4 vs .*real_mead_m003_007_m\.mp4: consistent with the same person/,
      );
      expect(stdout).toMatch(/\(distance 0\.00, same-person threshold 0\.\d\d; \d+ and \d+ faces compared\)\.\n$/);
    });

    it.skipIf(!meadA)('should name the second file when it is not a video', () => {
      const { code, stdout, stderr } = analyze('--compare', meadA as string, 'package.json');
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^analyze: package\.json: This file is not a video this browser can read/);
      expect(stderr).not.toMatch(/\n\s+at /);
    });

    describe.skipIf(!meadA || !ffmpeg)('a recording without a face', () => {
      const dir = mkdtempSync(join(tmpdir(), 'liveproof-compare-'));
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      it('should be refused with exit code 2 and say why', () => {
        // 4 s of a test pattern with a tone: a readable video with sound and no face.
        const faceless = join(dir, 'faceless.mp4');
        const made = spawnSync(
          'ffmpeg',
          [
            ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=4'],
            ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=4', '-c:v', 'libx264', '-pix_fmt', 'yuv420p'],
            ...['-c:a', 'aac', '-shortest', faceless],
          ],
          { encoding: 'utf8' },
        );
        expect(made.stderr).toBe('');
        const { code, stdout, stderr } = analyze('--compare', meadA as string, faceless);
        expect(code).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toMatch(/^analyze: \S*faceless\.mp4: too few near-frontal faces of the candidate were read/);
        expect(stderr.trim().split('\n')).toHaveLength(1);
      });
    });
  });

  // Damaged files as `bench --fuzz-media` makes them, from an intact clip whose index comes first.
  describe.skipIf(!aoc)('a damaged or cut-short recording', () => {
    const dir = mkdtempSync(join(tmpdir(), 'liveproof-damaged-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const clip = aoc ? readFileSync(aoc) : Buffer.alloc(0);
    const variant = (name: string, bytes: Uint8Array) => {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    };
    /** The clip's mdat box, [start, end) of its payload. */
    const mdat = () => {
      for (let at = 0; at + 8 <= clip.length; at += clip.readUInt32BE(at)) {
        if (clip.toString('latin1', at + 4, at + 8) === 'mdat') return [at + 8, at + clip.readUInt32BE(at)] as const;
      }
      throw new Error('no mdat in the clip');
    };
    const oneLine = (stderr: string) => expect(stderr.trim().split('\n')).toHaveLength(1);

    it('should refuse at once a file whose index lists billions of samples, which froze the page', () => {
      // The video track's first samples-per-chunk count, its high byte flipped (about 3.5e9).
      const at = clip.indexOf('stsc', 0, 'latin1') + 4 + 8 + 4;
      const bytes = Uint8Array.from(clip);
      new DataView(bytes.buffer).setUint32(at, (clip.readUInt32BE(at) ^ 0xd5000000) >>> 0);
      const started = Date.now();
      const { code, stdout, stderr } = analyze(variant('stsc.mp4', bytes), '--json');
      console.log(`[analyze damaged] ${((Date.now() - started) / 1000).toFixed(1)} s: ${stderr.trim()}`);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        /^analyze: \S*stsc\.mp4: This file is damaged: its index of video frames lists far more samples than /,
      );
      oneLine(stderr);
    });

    it('should end a decoding error in one stretch in words saying where, not in a page left analysing', () => {
      // 50 bytes of the bitstream flipped (the bench's seed 1): one stretch fails to decode while
      // the other goes on; a late progress update hid the failure and the run never ended.
      const [start, end] = mdat();
      const random = seededRandom(1);
      const bytes = Uint8Array.from(clip);
      for (let i = 0; i < 50; i++) {
        const at = start + Math.floor(random() * (end - start));
        bytes[at] = (bytes[at] as number) ^ (1 + Math.floor(random() * 255));
      }
      const { code, stdout, stderr } = analyze(variant('flipped.mp4', bytes), '--json');
      console.log(`[analyze damaged] ${stderr.trim()}`);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^analyze: \S*flipped\.mp4: The video could not be decoded after \d+\.\d s: the file is /);
      oneLine(stderr);
    });

    it('should say a file cut before its first whole frame has no frame to read, and how long it claims to be', () => {
      const [start] = mdat();
      const { code, stdout, stderr } = analyze(variant('cut.mp4', clip.subarray(0, start + 2000)), '--json');
      console.log(`[analyze damaged] ${stderr.trim()}`);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^analyze: \S*cut\.mp4: No video frame could be read: .* \(it declares 8\.0 s\)\.\n$/);
    });

    it('should analyse a file cut in the middle as far as it goes, its report saying how far that was', () => {
      const [start, end] = mdat();
      const cutAt = start + Math.floor((end - start) * 0.55);
      const json = analyze(variant('half.mp4', clip.subarray(0, cutAt)), '--json');
      expect(json.code).toBe(0);
      const report = AnalysisReportSchema.parse(JSON.parse(json.stdout));
      console.log(`[analyze damaged] cut at 55 %: read ${JSON.stringify(report.read)}`);
      expect(report.read).toMatchObject({ declaredS: 8, endsEarly: true });
      expect(report.read?.videoReadS).toBeGreaterThan(2);
      expect(report.read?.videoReadS).toBeLessThan(6);
      const text = analyze(variant('half.mp4', clip.subarray(0, cutAt)));
      expect(text.stdout).toMatch(
        /The file ends early: its video could be read up to \d+\.\d s of the 8\.0 s it declares/,
      );
    });
  });
});
