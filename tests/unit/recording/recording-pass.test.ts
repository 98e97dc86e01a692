import { describe, expect, it } from 'vitest';
import type { FrameLandmarks } from '@/utils/features/landmarks';
import { ENDS_EARLY_S, passOverRecording } from '@/utils/recording/analyze-recording';
import { UnsupportedRecordingError, type DecodedFrame, type Recording } from '@/utils/recording/open-recording';
import { RECORDING_DAMAGE_TEXT } from '@/utils/wording/recording';

const FRAME_MS = 40;

interface FakeFile {
  declaredS: number;
  /** Frames exist up to here, s (a file cut short has fewer than it declares). */
  framesToS?: number;
  /** Decoding fails at this time, s. */
  failsAtS?: number;
  /** Frames on for ever (a stretch that would never end by itself), counting how many were decoded. */
  endless?: boolean;
}

/** What the fake decoder did: frames handed out, and the decoders (per `frames` call) still open. */
interface Decoding {
  framesOut: number;
  open: number;
}

/** A recording whose frames are plain objects at 25 fps, with sound over the whole declared length. */
function fakeRecording(file: FakeFile, decoding: Decoding): Recording {
  const framesToS = file.framesToS ?? file.declaredS;
  return {
    durationS: file.declaredS,
    width: 640,
    height: 480,
    sampleRate: 16_000,
    hasAudio: true,
    async *frames(fromS = 0, toS = Infinity): AsyncGenerator<DecodedFrame> {
      decoding.open++;
      try {
        for (let t = Math.ceil((fromS * 1000) / FRAME_MS) * FRAME_MS; t < toS * 1000; t += FRAME_MS) {
          if (!file.endless && t >= framesToS * 1000) return;
          if (file.failsAtS !== undefined && t >= file.failsAtS * 1000) {
            throw new UnsupportedRecordingError(RECORDING_DAMAGE_TEXT.videoUndecodable(t / 1000));
          }
          // A decoder hands frames out as they come: the other stretches run meanwhile.
          await new Promise((resolve) => setImmediate(resolve));
          decoding.framesOut++;
          yield { frame: { close: () => undefined } as VideoFrame, timestampMs: t, durationMs: FRAME_MS };
        }
      } finally {
        decoding.open--;
      }
    },
    async *audio() {
      for (let t = 0; t < file.declaredS * 1000; t += 100)
        yield { samples: new Float32Array(1600), startMs: t, durationMs: 100 };
    },
    dispose: () => undefined,
  };
}

/** A landmarker that finds no face, answering on the next turn of the event loop. */
const client = {
  detect: async (_frame: VideoFrame | ImageBitmap, timestampMs: number): Promise<FrameLandmarks> => {
    await new Promise((resolve) => setImmediate(resolve));
    return { timestampMs, faces: [], detectMs: 1 };
  },
};

/** A clock that moves 300 ms a reading, so every frame may report progress. */
function steppingClock(): () => number {
  let ms = 0;
  return () => (ms += 300);
}

const settle = async (turns: number) => {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('passOverRecording', () => {
  it('should stop the other stretches and report no progress once one stretch fails', async () => {
    const decoding = { framesOut: 0, open: 0 };
    // Stretch 1 of 2 starts at 5 s and fails at 6 s; stretch 0 would decode for ever.
    const recording = fakeRecording({ declaredS: 10, failsAtS: 6, endless: true }, decoding);
    const events: string[] = [];
    const pass = passOverRecording(
      recording,
      [client, client],
      (fraction) => events.push(`progress ${fraction}`),
      { maxFps: Infinity },
      steppingClock(),
    );
    await expect(pass).rejects.toThrow(RECORDING_DAMAGE_TEXT.videoUndecodable(6));
    events.push('failed');
    const framesAtFailure = decoding.framesOut;
    await settle(200);
    // Nothing after the failure: a late progress report turned the page back to "Analysing".
    expect(events.at(-1)).toBe('failed');
    expect(events.length).toBeGreaterThan(1);
    // The endless stretch was stopped (its decoder closed), not left decoding.
    expect(decoding.open).toBe(0);
    expect(decoding.framesOut).toBe(framesAtFailure);
  });

  it('should say how much of a file cut short could be read', async () => {
    const decoding = { framesOut: 0, open: 0 };
    const recording = fakeRecording({ declaredS: 8, framesToS: 4.2 }, decoding);
    const { pass, coverage } = await passOverRecording(
      recording,
      [client, client],
      () => undefined,
      { maxFps: Infinity },
      steppingClock(),
    );
    expect(pass.landmarks.framesAnalyzed).toBe(105);
    expect(coverage).toEqual({ declaredS: 8, videoReadS: 4.2, audioReadS: 8, endsEarly: true });
  });

  it.each([
    [8 - ENDS_EARLY_S + 0.04, false],
    [8 - ENDS_EARLY_S - 0.04, true],
    [8, false],
  ])('should call video read up to %d s of 8 s declared ending early: %s', async (framesToS, endsEarly) => {
    const recording = fakeRecording({ declaredS: 8, framesToS }, { framesOut: 0, open: 0 });
    const { coverage } = await passOverRecording(recording, [client], () => undefined, { maxFps: 15 }, steppingClock());
    expect(coverage.endsEarly).toBe(endsEarly);
  });

  it('should refuse a file of which not one video frame could be read, saying how long it claims to be', async () => {
    const recording = fakeRecording({ declaredS: 8, framesToS: 0 }, { framesOut: 0, open: 0 });
    const pass = passOverRecording(recording, [client, client], () => undefined, { maxFps: 15 }, steppingClock());
    await expect(pass).rejects.toThrow(UnsupportedRecordingError);
    await expect(pass).rejects.toThrow(RECORDING_DAMAGE_TEXT.noFrames(8));
  });
});
