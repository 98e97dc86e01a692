import { mixToMono } from '@/utils/features/audio-features';
import { RECORDING_DAMAGE_TEXT, RECORDING_TEXT } from '@/utils/wording/recording';
import { ALL_FORMATS, AudioBufferSink, BlobSource, Input, VideoSampleSink, type InputAudioTrack } from 'mediabunny';
import { checkMp4Index } from './mp4-index';
import { messageOf } from '@/utils/common/error-message';

/** A problem with the user's file, worded for the user. */
export class UnsupportedRecordingError extends Error {}

/** Why an analysis of a file ended, for the user: the file's problem in their words, anything else as a stop. */
export const recordingFailureText = (error: unknown): string =>
  error instanceof UnsupportedRecordingError ? error.message : `The analysis stopped: ${messageOf(error)}`;

export interface DecodedFrame {
  frame: VideoFrame;
  /** Presentation time from the container, ms. */
  timestampMs: number;
  /** How long the frame is shown, ms (0 where the container does not say). */
  durationMs: number;
}

export interface DecodedAudio {
  /** Mono samples (channels averaged). */
  samples: Float32Array;
  /** Presentation time of the first sample, ms. */
  startMs: number;
  /** Length of the chunk, ms. */
  durationMs: number;
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
   * container timestamps; the caller closes each. Each call decodes independently. A decoding
   * failure throws UnsupportedRecordingError saying after which time.
   */
  frames: (fromS?: number, toS?: number) => AsyncGenerator<DecodedFrame>;
  /**
   * Audio in presentation order, as decoded chunks with their exact start times (none without
   * sound); a decoding failure throws UnsupportedRecordingError saying after which time.
   */
  audio: () => AsyncGenerator<DecodedAudio>;
  dispose: () => void;
}

/**
 * What is wrong with an MP4's index, in the user's words; null when it is sound or not an MP4.
 * Checked before the demuxer reads the index: a damaged one can hold it in a loop that freezes the page.
 */
export async function damagedIndexText(file: Blob): Promise<string | null> {
  const damaged = await checkMp4Index(file);
  if (!damaged) return null;
  return damaged.problem === 'cut'
    ? RECORDING_DAMAGE_TEXT.cut
    : RECORDING_DAMAGE_TEXT.damagedIndex(damaged.track, damaged.problem);
}

/**
 * Opens a recording with mediabunny (WebCodecs decoding, exact container timestamps).
 * Throws UnsupportedRecordingError, worded for the user, for anything it cannot analyse.
 */
export async function openRecording(file: Blob): Promise<Recording> {
  const damaged = await damagedIndexText(file);
  if (damaged) throw new UnsupportedRecordingError(damaged);
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
  let durationS: number;
  try {
    durationS = await input.computeDuration();
  } catch {
    // mediabunny's own words ("Assertion failed.") tell the user nothing.
    return reject(RECORDING_DAMAGE_TEXT.unreadableIndex);
  }
  const videoSink = new VideoSampleSink(videoTrack);
  const audioSink = audioTrack ? new AudioBufferSink(audioTrack) : null;
  return {
    durationS,
    width: videoTrack.displayWidth,
    height: videoTrack.displayHeight,
    sampleRate: audioTrack?.sampleRate ?? 0,
    hasAudio: audioTrack !== null,
    async *frames(fromS = 0, toS = Infinity) {
      // The end of the last frame decoded: where the damage starts, for the message.
      let readToS = fromS;
      try {
        for await (const sample of videoSink.samples(fromS, toS)) {
          try {
            readToS = sample.timestamp + sample.duration;
            yield {
              frame: sample.toVideoFrame(),
              timestampMs: sample.timestamp * 1000,
              durationMs: sample.duration * 1000,
            };
          } finally {
            sample.close();
          }
        }
      } catch {
        // The decoder's own words ("Decoding error.") say neither what nor where.
        throw new UnsupportedRecordingError(RECORDING_DAMAGE_TEXT.videoUndecodable(readToS));
      }
    },
    async *audio() {
      if (!audioSink) return;
      let readToS = 0;
      try {
        for await (const wrapped of audioSink.buffers()) {
          const { buffer } = wrapped;
          const channels = Array.from({ length: buffer.numberOfChannels }, (_, channel) =>
            buffer.getChannelData(channel),
          );
          readToS = wrapped.timestamp + wrapped.duration;
          yield {
            samples: mixToMono(channels, buffer.length),
            startMs: wrapped.timestamp * 1000,
            durationMs: wrapped.duration * 1000,
          };
        }
      } catch {
        throw new UnsupportedRecordingError(RECORDING_DAMAGE_TEXT.audioUndecodable(readToS));
      }
    },
    dispose: () => input.dispose(),
  };
}
