import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisReport } from '@/utils/report/analysis-report';
import { freezeVideo, joinClips, loopVideo } from '../../scripts/lib/bench/variants.mjs';
import { startRecordingAnalyzer } from '../../scripts/lib/recording-analyzer.mjs';
import { faceModel, prerequisite, sharedClip } from '../support/paths';

// The face checks with the real model on real clips and on variants of them made with ffmpeg
// (a join of two people, a frozen stretch, a replayed stretch; the sound is left as it was).
const first = sharedClip('real/real_hdtf_aoc_f_sadtalker.mp4');
const second = sharedClip('real/real_hdtf_edmarkey_m_sadtalker.mp4');
const ffmpeg = prerequisite(
  { what: 'ffmpeg', path: 'ffmpeg', fix: 'The face-check variants are made with it: apt-get install ffmpeg.' },
  process.env,
  (tool) => spawnSync(tool, ['-version']).status === 0,
);
const ready = Boolean(faceModel() && first && second && ffmpeg);

const faceFindings = (report: AnalysisReport) => report.findings.filter((f) => !f.kind.startsWith('av-'));

describe.skipIf(!ready)('face checks on recordings', () => {
  let analyzer: Awaited<ReturnType<typeof startRecordingAnalyzer>>;
  beforeAll(async () => {
    analyzer = await startRecordingAnalyzer();
  });
  afterAll(async () => {
    await analyzer?.close();
  });

  it('should flag nothing about a real speaker alone on camera', async () => {
    const report = await analyzer.analyze(first as string);
    const checks = JSON.stringify(report.faceChecks);
    console.log(`[faces] ${report.file}: frames analysed: ${report.frames.analyzed}; ${checks}`);
    expect(report.faceChecks.maxFaces).toBe(1);
    expect(faceFindings(report).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('should report a person change within 1 s of the moment one person replaces another', async () => {
    const joined = joinClips(first as string, second as string);
    const report = await analyzer.analyze(joined.path);
    const changes = faceFindings(report).filter((f) => f.kind === 'person-change');
    console.log(
      `[faces] join at ${joined.cutS} s: frames analysed: ${report.frames.analyzed}; ` +
        `${changes.map((f) => `${f.severity}@${f.evidence.atS}`).join(' ')}`,
    );
    expect(changes).toHaveLength(1);
    expect(Math.abs(Number(changes[0]?.evidence.atS) - joined.cutS)).toBeLessThanOrEqual(1);
  });

  it('should cover a 3 s frozen picture, and a replayed stretch, while the voice goes on', async () => {
    const frozen = freezeVideo(first as string);
    const frozenReport = await analyzer.analyze(frozen.path);
    const freeze = faceFindings(frozenReport).find((f) => f.kind === 'freeze');
    expect(freeze).toMatchObject({ severity: 'warn', evidence: { pattern: 'frozen' } });
    expect(freeze?.startS).toBeLessThanOrEqual(frozen.fromS + 0.25);
    expect(freeze?.endS).toBeGreaterThanOrEqual(frozen.toS - 0.35);
    const looped = loopVideo(first as string);
    const loopedReport = await analyzer.analyze(looped.path);
    console.log(
      `[faces] frozen: frames analysed: ${frozenReport.frames.analyzed}; ` +
        `looped: frames analysed: ${loopedReport.frames.analyzed}`,
    );
    const loop = faceFindings(loopedReport).find((f) => f.kind === 'freeze');
    expect(loop).toMatchObject({ severity: 'warn', evidence: { pattern: 'loop' } });
    expect(loop?.startS).toBeLessThanOrEqual(looped.fromS + 0.5);
  });
});
