import { describe, expect, it } from 'vitest';
import { importTypeScript } from '../../../scripts/lib/import-ts.mjs';
import type { AnalysisReport } from '@/utils/report/analysis-report';
import { HEAD_TURN_TEXT, READ_PHRASE_TEXT } from '@/utils/wording/checklist-verify';
import { avOffsetMessage } from '@/utils/wording/findings';
import { recordingSummaryText } from '@/utils/report/recording-summary';

const report: AnalysisReport = {
  schemaVersion: 6,
  challenges: [],
  read: { declaredS: 30.04, videoReadS: 30.04, audioReadS: 30.04, endsEarly: false },
  file: 'interview.mp4',
  durationS: 30.04,
  audio: true,
  frames: { analyzed: 376, withFace: 370 },
  lipSync: {
    verdict: 'offset',
    offsetMs: 512.4,
    confidence: 0.934,
    verdictAfterSpeechS: 3.2,
    method: 'learned',
    stretches: [{ startS: 0, endS: 30.04, verdict: 'offset', offsetMs: 512.4, confidence: 0.934, method: 'learned' }],
  },
  faceChecks: {
    maxFaces: 1,
    longestNoFaceS: 0,
    multipleFacesS: 0,
    identityMaxScore: null,
    identityMaxGeometryZ: null,
    identityMaxColourZ: null,
    identityMaxAtS: null,
    identityStartToEnd: null,
    longestFrozenS: 0,
    longestLoopS: 0,
    medianFrameDiff: null,
    jitterMedian: null,
    jitterWorstWindow: null,
    seamGradientRatio: null,
    seamChromaDelta: null,
    blinksPerMinute: null,
    blinkWatchedS: null,
    blinkMedianMs: null,
    pulseBpm: null,
    pulseSnrDb: null,
  },
  identity: {
    describedFrames: 28,
    spread: 0.21,
    maxChangeDistance: 0.31,
    maxChangeAtS: 12.5,
    startToEndDistance: 0.18,
    threshold: 0.6,
    descriptors: null,
  },
  findings: [
    { kind: 'av-offset', severity: 'warn', startS: 0, endS: 59.6, message: avOffsetMessage(512.4), evidence: {} },
  ],
  performance: {
    msPerFrameMedian: 40.24,
    msPerFrameP95: 60.11,
    realtimeFactor: 2.345,
    pixelsMsPerFrame: null,
    faceChecksMsPerFrame: null,
    describeMsPerFrame: 21.5,
  },
};

describe('recordingSummaryText', () => {
  it('should summarise a report in the words of the analyze page and the findings list', () => {
    expect(recordingSummaryText(report).split('\n')).toEqual([
      'interview.mp4: 30.0 s, 376 frames (370 with a face)',
      'Lip-sync: Offset: the sound comes 512 ms after the lips move (confidence 93 %). ' +
        'First verdict after 3.2 s of speech. Method: the learned audio-to-mouth map.',
      'Findings:',
      `  [Check] 0:00-1:00 Audio-video offset: ${avOffsetMessage(512.4)}`,
      'Speed: 2.35x real time; 40.2 ms/frame median, 60.1 ms p95',
    ]);
  });

  it('should give no confidence without a verdict, and say when there was no sound', () => {
    const unsure = recordingSummaryText({
      ...report,
      lipSync: {
        verdict: 'insufficient',
        offsetMs: null,
        confidence: 0,
        verdictAfterSpeechS: null,
        method: 'learned',
        stretches: [],
      },
      findings: [],
    });
    expect(unsure).toContain(
      '\nLip-sync: Not enough to judge lip-sync. Method: the learned audio-to-mouth map.\nFindings: none\n',
    );
    const silent = recordingSummaryText({ ...report, audio: false, findings: [] });
    expect(silent).toContain(
      '\nLip-sync: No sound in this file. Lip-sync needs the voice; the face checks below ran on the picture alone.\n',
    );
  });

  it('should list each challenge with its stretch, outcome, summary and evidence, and none when none was asked', () => {
    const challenges: AnalysisReport['challenges'] = [
      {
        kind: 'head-turn',
        sides: 'image-right',
        startS: 1.5,
        endS: 6.3,
        outcome: 'passed',
        summary: HEAD_TURN_TEXT.passed(0, 75, 'image-right'),
        evidence: { maxYawDeg: 75, minYawDeg: 0, longestGapMs: 80, targetYawDeg: 45, sides: 'image-right' },
      },
      {
        kind: 'read-phrase',
        sides: null,
        startS: 10,
        endS: 14,
        outcome: 'not-verified',
        summary: READ_PHRASE_TEXT.insufficient,
        evidence: { speechS: null, peakZ: null },
      },
    ];
    const lines = recordingSummaryText({ ...report, challenges }).split('\n');
    expect(lines.slice(3, -1)).toEqual([
      `  [Check] 0:00-1:00 Audio-video offset: ${avOffsetMessage(512.4)}`,
      'Challenges:',
      `  head-turn:image-right@1.5-6.3  passed  ${HEAD_TURN_TEXT.passed(0, 75, 'image-right')}`,
      '    maxYawDeg 75, minYawDeg 0, longestGapMs 80, targetYawDeg 45',
      `  read-phrase@10-14  not verified  ${READ_PHRASE_TEXT.insufficient}`,
      '    speechS not measured, peakZ not measured',
    ]);
    expect(recordingSummaryText(report)).not.toContain('Challenges');
  });

  it('should say a file cut short and how much of it was read, and nothing for one read whole or not known', () => {
    const cut = { ...report, read: { declaredS: 8, videoReadS: 4.2, audioReadS: 4.3, endsEarly: true } };
    expect(recordingSummaryText(cut).split('\n')[1]).toMatch(
      /^The file ends early: its video could be read up to 4\.2 s of the 8\.0 s it declares \(52 %\)/,
    );
    expect(recordingSummaryText(report)).not.toMatch(/ends early/);
    expect(recordingSummaryText({ ...report, read: null })).not.toMatch(/ends early/);
  });

  it('should bundle on its own for Node, as `npm run analyze` loads it', async () => {
    const bundled = (await importTypeScript('utils/report/recording-summary.ts')) as {
      recordingSummaryText: typeof recordingSummaryText;
    };
    expect(bundled.recordingSummaryText(report)).toBe(recordingSummaryText(report));
  });
});
