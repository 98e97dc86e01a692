import { mixToMono } from '@/utils/features/audio-features';
import { RECORDING_TEXT } from '@/utils/wording/recording';
import { ALL_FORMATS, AudioBufferSink, BlobSource, Input, VideoSampleSink, type InputAudioTrack } from 'mediabunny';

/** A problem with the user's file, worded for the user. */
export class UnsupportedRecordingError extends Error {}

/** Why an analysis of a file ended, for the user: the file's problem in their words, anything else as a stop. */
export const recordingFailureText = (error: unknown): string =>
  error instanceof UnsupportedRecordingError
    ? error.message
    : `The analysis stopped: ${error instanceof Error ? error.message : String(error)}`;

export interface DecodedFrame {
  frame: VideoFrame;
  /** Presentation time from the container, ms. */
  timestampMs: number;
}

export interface DecodedAudio {
  /** Mono samples (channels averaged). */
  samples: Float32Array;
  /** Presentation time of the first sample, ms. */
  startMs: number;
}

export interface Recording {
  durationS: number;
  width: number;
  height: number;
  /** Audio sample rate, Hz; 0 when the file has no sound. */
  sampleRate: number;
  hasAudio: boolean;
  /**
   * Frames with presentation time in [fromS, toS) (all by default), in order, with their exact
   * container timestamps; the caller closes each. Each call decodes independently.
   */
  frames: (fromS?: number, toS?: number) => AsyncGenerator<DecodedFrame>;
  /** Audio in presentation order, as decoded chunks with their exact start times (none without sound). */
  audio: () => AsyncGenerator<DecodedAudio>;
  dispose: () => void;
}

/**
 * Opens a recording with mediabunny (WebCodecs decoding, exact container timestamps).
 * Throws UnsupportedRecordingError, worded for the user, for anything it cannot analyse.
 */
export async function openRecording(file: Blob): Promise<Recording> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  const reject = (message: string): never => {
    input.dispose();
    throw new UnsupportedRecordingError(message);
  };
  let videoTrack;
  let audioTrack: InputAudioTrack | null;
  try {
    videoTrack = await input.getPrimaryVideoTrack();
    audioTrack = await input.getPrimaryAudioTrack();
  } catch {
    return reject(RECORDING_TEXT.unreadable);
  }
  if (!videoTrack) return reject(RECORDING_TEXT.noVideo);
  if (!(await videoTrack.canDecode())) {
    return reject(RECORDING_TEXT.videoCodec(videoTrack.codec));
  }
  if (audioTrack && !(await audioTrack.canDecode())) {
    return reject(RECORDING_TEXT.audioCodec(audioTrack.codec));
  }
  const durationS = await input.computeDuration();
  const videoSink = new VideoSampleSink(videoTrack);
  const audioSink = audioTrack ? new AudioBufferSink(audioTrack) : null;
  return {
    durationS,
    width: videoTrack.displayWidth,
    height: videoTrack.displayHeight,
    sampleRate: audioTrack?.sampleRate ?? 0,
    hasAudio: audioTrack !== null,
    async *frames(fromS, toS) {
      for await (const sample of videoSink.samples(fromS, toS)) {
        try {
          yield { frame: sample.toVideoFrame(), timestampMs: sample.timestamp * 1000 };
        } finally {
          sample.close();
        }
      }
    },
    async *audio() {
      if (!audioSink) return;
      for await (const wrapped of audioSink.buffers()) {
        const { buffer } = wrapped;
        const channels = Array.from({ length: buffer.numberOfChannels }, (_, channel) =>
          buffer.getChannelData(channel),
        );
        yield { samples: mixToMono(channels, buffer.length), startMs: wrapped.timestamp * 1000 };
      }
    },
    dispose: () => input.dispose(),
  };
}
