import type { LipSyncEstimate } from '@/utils/analyzers/lip-sync';
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
 * Pipeline -> lip-sync worker. Readings and audio arrive in batches a few times a second (never
 * one message per frame); `update` asks for the estimate over the newest window.
 */
export type LipSyncRequest =
  | { kind: 'start'; sessionStartMs: number }
  | { kind: 'batch'; mouths: MouthReading[]; audio: AudioChunk[] }
  | { kind: 'forget-face' }
  | { kind: 'update'; nowMs: number };

export interface LipSyncReply {
  kind: 'estimate';
  estimate: LipSyncEstimate;
  findings: Finding[];
}
