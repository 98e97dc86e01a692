/** What the panel sees of the live pipeline, a few times a second (never per frame). */
import type { FaceChecks } from '@/utils/analyzers/face';
import type { Box, FrameSize, HeadPose } from '@/utils/features/face-features';
import type { Finding } from '@/utils/findings/finding';
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import type { FrameTally } from '@/utils/sessions/signal-points';
import type { Candidate } from '@/utils/tracking/candidate-machine';
import type { LiveHealth } from './live-health';
import type { LiveIdentity } from './live-analysis-protocol';

export interface LiveSummary {
  frame: FrameSize;
  /** Faces from the latest complete layout scan, frame px, largest first. */
  faces: Box[];
  candidate: Candidate;
  /** The candidate's face in the latest analysed frame. */
  faceFound: boolean;
  /** Frames analysed since the capture started, and how many found the candidate's face. */
  frames: FrameTally;
  /** Whether the candidate's mouth could be seen in that frame, and the measures behind it (see LIP_SYNC). */
  mouth: { visible: boolean; lumaStd: number; flatRowShare: number };
  pose: HeadPose | null;
  lipSync: LipSyncEstimate | null;
  /** What the face checks measured over their newest window (null before the first run). */
  faceChecks: FaceChecks | null;
  findings: Finding[];
  /** The candidate's face profile so far (null: identity off or too few faces read) and faces read. */
  identity: LiveIdentity;
  health: LiveHealth;
  /** Plain-words events worth showing once, newest last (layout changed, candidate lost...). */
  events: { atS: number; text: string }[];
}
