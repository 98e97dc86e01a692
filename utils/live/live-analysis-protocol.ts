import type { FaceChecks } from '@/utils/analyzers/face';
import type { LipSyncEstimate } from '@/utils/analyzers/lip-sync';
import type { FaceSample } from '@/utils/features/face-sample';
import type { Finding } from '@/utils/findings';

/** One analysed frame's mouth reading (null: no face), on the pipeline clock (ms). */
export interface MouthReading {
  timeMs: number;
  mouth: { mouthOpen: number; jawOpen: number } | null;
}

/** Mono PCM that starts at `startMs` on the pipeline clock. */
export interface AudioChunk {
  startMs: number;
  sampleRate: number;
  samples: Float32Array;
}

/**
 * Pipeline -> analysis worker (lip sync and face checks). Readings, face samples and audio
 * arrive in batches a few times a second (never one message per frame); `update` asks for the
 * estimates over the newest window.
 */
export type AnalysisRequest =
  | { kind: 'start'; sessionStartMs: number }
  | { kind: 'batch'; mouths: MouthReading[]; faces: FaceSample[]; audio: AudioChunk[] }
  | { kind: 'forget-face' }
  | { kind: 'update'; nowMs: number };

export interface AnalysisReply {
  kind: 'estimate';
  estimate: LipSyncEstimate;
  /** The session's findings so far: lip sync, then face checks. */
  findings: Finding[];
  /** The newest face-check window's measures (null before the first run). */
  faceChecks: FaceChecks | null;
}
