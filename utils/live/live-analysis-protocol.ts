import type { FaceChecks } from '@/utils/analyzers/face';
import type { LipSyncEstimate } from '@/utils/findings/lip-sync-estimate';
import type { CheckedVerifier } from '@/utils/checklist/prompts';
import type { Verification } from '@/utils/checklist/verify';
import type { FrameRecord } from '@/utils/features/frame-record';
import type { Finding } from '@/utils/findings/finding';
import type { IdentityProfile } from '@/utils/features/descriptor';

export interface LiveIdentity {
  profile: IdentityProfile | null;
  described: number;
}

/** Mono PCM that starts at `startMs` on the pipeline clock. */
export interface AudioChunk {
  startMs: number;
  sampleRate: number;
  samples: Float32Array;
}

/**
 * Pipeline -> analysis worker (lip sync, face checks and checklist answers). Readings, face samples and audio
 * arrive in batches a few times a second (never one message per frame); `update` asks for the
 * estimates over the newest window.
 */
export type AnalysisRequest =
  | { kind: 'start'; sessionStartMs: number }
  | { kind: 'batch'; frames: FrameRecord[]; audio: AudioChunk[] }
  | { kind: 'forget-face' }
  /** Face identity was switched off: the faces read so far are dropped. */
  | { kind: 'forget-identity' }
  | { kind: 'update'; nowMs: number }
  /**
   * Check the answer to a challenge prompt given in [fromMs, toMs] (the face checks run first, so
   * its findings count).
   */
  | { kind: 'verify'; id: number; verifier: CheckedVerifier; fromMs: number; toMs: number };

export type AnalysisReply =
  | {
      kind: 'estimate';
      estimate: LipSyncEstimate;
      /** The session's findings so far: lip sync, then face checks. */
      findings: Finding[];
      /** The newest face-check window's measures (null before the first run). */
      faceChecks: FaceChecks | null;
      /** The candidate's face profile since they became the candidate, and the descriptors read. */
      identity: LiveIdentity;
    }
  | { kind: 'verification'; id: number; verification: Verification; computeMs: number };
