import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibratedYawDeg } from '@/utils/features/face-features';
import { readSignals, signalsToSeries } from '@/utils/report/signals-schema';
import { startRecordingAnalyzer } from '../../scripts/lib/recording-analyzer.mjs';
import { faceModel, sharedClip } from '../support/paths';

// The head's yaw against a clip whose author burned a head-pose readout into every frame: the
// readout's yaw, read by eye (tests/fixtures/yaw-readout.json), is the truth at the labelled frames.
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/yaw-readout.json'), 'utf8')) as {
  clip: string;
  fps: number;
  yawDegByFrame: number[];
  labelledFrames: number[];
};
const clip = sharedClip(fixture.clip);
const ready = Boolean(faceModel() && clip);

describe.skipIf(!ready)('head yaw on a clip with its own pose readout', () => {
  let analyzer: Awaited<ReturnType<typeof startRecordingAnalyzer>>;
  beforeAll(async () => {
    analyzer = await startRecordingAnalyzer();
  });
  afterAll(async () => {
    await analyzer?.close();
  });

  it('should read the yaw with the right sign and within 10° at every labelled frame', async () => {
    const { signals } = await analyzer.analyze(clip as string, { format: 'signals', everyFrame: true });
    const read = readSignals(signals);
    if ('problem' in read) throw new Error(read.problem);
    const { faces } = signalsToSeries(read.signals);
    const rows = fixture.labelledFrames.map((frame) => {
      const timeMs = (frame * 1000) / fixture.fps;
      const sample = faces.find((s) => Math.abs(s.timeMs - timeMs) < 500 / fixture.fps);
      const truth = fixture.yawDegByFrame[frame] as number;
      const measured = sample?.face ? calibratedYawDeg(sample.face.pose) : Number.NaN;
      return { frame, truth, measured: Number(measured.toFixed(1)) };
    });
    console.log(`[yaw] frame truth measured: ${rows.map((r) => `${r.frame}:${r.truth}/${r.measured}`).join(' ')}`);
    for (const row of rows) {
      expect(Number.isFinite(row.measured), `frame ${row.frame} has a face`).toBe(true);
      if (Math.abs(row.truth) >= 10)
        expect(Math.sign(row.measured), `frame ${row.frame} sign`).toBe(Math.sign(row.truth));
      expect(Math.abs(row.measured - row.truth), `frame ${row.frame} error`).toBeLessThanOrEqual(10);
    }
  });
});
