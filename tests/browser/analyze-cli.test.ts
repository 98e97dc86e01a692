import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalysisReportSchema } from '@/utils/report/analysis-report';
import { parseSessionJson } from '@/utils/sessions/migrations';
import { ROOT } from '../../scripts/lib/browser.mjs';
import { faceModel, sharedClip } from '../support/paths';

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
});
