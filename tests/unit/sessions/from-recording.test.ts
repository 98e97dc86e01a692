import { describe, expect, it } from 'vitest';
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import type { AnalysisReport } from '@/utils/report/analysis-report';
import { sessionFromRecording } from '@/utils/sessions/from-recording';
import { signalPointsOf } from '@/utils/sessions/signal-points';
import { summaryOf } from '@/utils/sessions/timeline';
import { frames, lipSyncEstimate } from '../../support/face-samples';

const estimate = (startMs: number, endMs: number, verdict: LipSyncEstimate['verdict'], offsetMs: number) =>
  lipSyncEstimate(verdict, offsetMs, startMs, endMs);

describe('a recording as a session', () => {
  // 20 s of 15 fps samples; the face is gone from 6 to 9 s.
  const faces = frames({ durationMs: 20_000, face: (t) => (t >= 6000 && t < 9000 ? null : {}) });
  const windows = [estimate(0, 12_000, 'insufficient', Number.NaN), estimate(0, 20_000, 'offset', 480)];

  it('should take a point every 5 s with the face share and the newest lip-sync window covering it', () => {
    const points = signalPointsOf(faces, windows, 20);
    expect(points.map((point) => point.atS)).toEqual([5, 10, 15, 20]);
    expect(points[1]?.faceShare).toBeCloseTo(2 / 5, 1);
    expect(points[0]).toMatchObject({ faceShare: 1, lipSync: 'offset', offsetMs: 480, confidence: 0.8 });
  });

  it('should carry the report findings and say what was analysed', () => {
    const report = {
      file: 'drill.mp4',
      durationS: 20,
      audio: true,
      findings: [{ kind: 'av-offset', severity: 'warn', startS: 0, endS: 20, message: 'late sound', evidence: {} }],
    } as unknown as AnalysisReport;
    const session = sessionFromRecording('rec-1', report, faces, windows, Date.UTC(2026, 10, 26));
    expect(session).toMatchObject({
      id: 'rec-1',
      platform: 'Recording',
      tabId: null,
      findings: report.findings,
      events: [{ atS: 0, text: 'Recording "drill.mp4" analysed (20.0 s).' }],
    });
    expect(summaryOf(session)).toMatchObject({ durationS: 20, lipSync: { medianOffsetMs: 480 } });
  });
});
