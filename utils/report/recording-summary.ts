/**
 * The readable summary `npm run analyze -- FILE` prints for one analysis report (pure). The CLI
 * bundles this file with esbuild at run time, so it must stay free of DOM and browser APIs.
 */
import { stretchLabel } from '@/utils/checklist/recording-challenges';
import { RECORDING_DAMAGE_TEXT } from '@/utils/wording/recording';
import { STATUS_WORDS } from '@/utils/checklist/run';
import { formatClock } from '@/utils/common/format-time';
import type { AnalysisReport } from '@/utils/report/analysis-report';
import { FINDING_TITLES, SEVERITY_TITLES } from '@/utils/wording/findings';
import {
  firstVerdictText,
  LIP_SYNC_METHOD_TEXT,
  lipSyncVerdictTitle,
  NO_AUDIO_DETAIL,
  NO_AUDIO_TITLE,
  percentText,
} from '@/utils/wording/lip-sync';
import { evidenceParts } from '@/utils/wording/checklist-verify';

function lipSyncLine({ audio, lipSync }: AnalysisReport): string {
  if (!audio) return `Lip-sync: ${NO_AUDIO_TITLE}. ${NO_AUDIO_DETAIL}`;
  const title = lipSyncVerdictTitle({ verdict: lipSync.verdict, offsetMs: lipSync.offsetMs ?? Number.NaN });
  const confidence = lipSync.verdict === 'insufficient' ? '' : ` (confidence ${percentText(lipSync.confidence)})`;
  const first = lipSync.verdictAfterSpeechS === null ? '' : ` ${firstVerdictText(lipSync.verdictAfterSpeechS)}`;
  return `Lip-sync: ${title}${confidence}.${first} ${LIP_SYNC_METHOD_TEXT[lipSync.method]}`;
}

/**
 * Each challenge asked for: its stretch, outcome and summary in the live checklist's words, then
 * its evidence (the side asked for is in the label already). None asked for: no lines.
 */
function challengeLines({ challenges }: AnalysisReport): string[] {
  if (challenges.length === 0) return [];
  return [
    'Challenges:',
    ...challenges.flatMap((challenge) => [
      `  ${stretchLabel(challenge)}  ${STATUS_WORDS[challenge.outcome]}  ${challenge.summary}`,
      `    ${evidenceParts(challenge.evidence, 'not measured').join(', ')}`,
    ]),
  ];
}

/** The report as a few lines: file and frames, lip-sync, findings (times m:ss), challenges, speed. */
export function recordingSummaryText(report: AnalysisReport): string {
  const { frames, performance } = report;
  return [
    `${report.file}: ${report.durationS.toFixed(1)} s, ${frames.analyzed} frames (${frames.withFace} with a face)`,
    ...(report.read?.endsEarly ? [RECORDING_DAMAGE_TEXT.endsEarly(report.read.videoReadS, report.read.declaredS)] : []),
    lipSyncLine(report),
    report.findings.length === 0 ? 'Findings: none' : 'Findings:',
    ...report.findings.map(
      (f) =>
        `  [${SEVERITY_TITLES[f.severity]}] ${formatClock(f.startS)}-${formatClock(f.endS)} ` +
        `${FINDING_TITLES[f.kind]}: ${f.message}`,
    ),
    ...challengeLines(report),
    `Speed: ${performance.realtimeFactor.toFixed(2)}x real time; ${performance.msPerFrameMedian.toFixed(1)} ms/frame ` +
      `median, ${performance.msPerFrameP95.toFixed(1)} ms p95`,
  ].join('\n');
}
