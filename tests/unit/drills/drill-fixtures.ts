/** A small drill pack with made-up clip bytes, for the drill data tests. */
import { createHash } from 'node:crypto';
import type { AnswerKey } from '@/utils/drills/answer-key';
import { PACK_KIND, PACK_SCHEMA_VERSION, type Pack, type PackItem, type Sha256 } from '@/utils/drills/pack';
import { drillResults, type Answer, type DrillResults } from '@/utils/drills/scoring';

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
export const sha256: Sha256 = async (bytes) => sha256Hex(bytes);

/** Bytes that do not compress, like a video's, the same for the same seed. */
export function clipBytes(seed: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

export const GENUINE: AnswerKey = { genuine: true };
export const SHIFTED: AnswerKey = {
  genuine: false,
  manipulation: 'audio-shift',
  startS: 0,
  endS: 30,
  shiftMs: 250,
  promptId: 'read-phrase',
  description: 'The sound was moved 250 ms later than the picture.',
};
export const FROZEN: AnswerKey = {
  genuine: false,
  manipulation: 'frozen-stretch',
  startS: 4.8,
  endS: 7.2,
  description: 'The picture was frozen for 2.4 s.',
};

const ITEMS: { id: string; name: string; durationS: number; key: AnswerKey; seed: number }[] = [
  { id: 'ada', name: 'ada.mp4', durationS: 30, key: GENUINE, seed: 1 },
  { id: 'ada.shift+250', name: 'ada.shift+250ms.mp4', durationS: 30, key: SHIFTED, seed: 2 },
  { id: 'bob', name: 'bob.webm', durationS: 12, key: GENUINE, seed: 3 },
  { id: 'bob.frozen', name: 'bob.frozen.mp4', durationS: 12, key: FROZEN, seed: 4 },
];

/** Four items: two genuine clips and a variant of each; "ada" has a response segment. */
export function drillPack(): { pack: Pack; clips: Map<string, Uint8Array> } {
  const clips = new Map<string, Uint8Array>();
  const items = ITEMS.map(({ id, name, durationS, key, seed }): PackItem => {
    const bytes = clipBytes(seed, 2000 + seed * 100);
    clips.set(name, bytes);
    const clip = { name, sizeBytes: bytes.length, durationS, sha256: sha256Hex(bytes) };
    const variantOf = id.includes('.') ? id.slice(0, id.indexOf('.')) : undefined;
    return {
      id,
      clip,
      key,
      ...(id === 'ada'
        ? { segments: [{ label: 'Turns the head to both sides', startS: 10, endS: 14, promptId: 'turn-profile' }] }
        : {}),
      ...(variantOf ? { source: { variantOf } } : {}),
    };
  });
  const pack: Pack = {
    kind: PACK_KIND,
    schemaVersion: PACK_SCHEMA_VERSION,
    title: 'Interview drills, week 1',
    difficulty: 'medium',
    createdAtMs: Date.UTC(2026, 10, 29, 9, 30),
    items,
  };
  return { pack, clips };
}

/** The id results files of drillPack() name (any 64 hex digits do for these tests). */
export const PACK_ID = 'a'.repeat(64);

/** An answer without a note or the engine; a fake is flagged by its lips. */
export const answer = (itemId: string, saidGenuine: boolean, confidence: number, answerMs: number): Answer => ({
  itemId,
  saidGenuine,
  cues: saidGenuine ? [] : ['lips-out-of-sync'],
  confidence,
  note: '',
  answerMs,
  engineOn: false,
});

/** A trainee's results for drillPack() (optionally retitled, or under another pack id). */
export const drillPackResults = (
  trainee: string,
  answers: Answer[],
  options: { startedAtMs?: number; seed?: number; packId?: string; title?: string } = {},
): DrillResults => {
  const { pack } = drillPack();
  return drillResults(options.title ? { ...pack, title: options.title } : pack, {
    packId: options.packId ?? PACK_ID,
    trainee,
    seed: options.seed ?? 42,
    startedAtMs: options.startedAtMs ?? 1_000,
    answers,
  });
};
