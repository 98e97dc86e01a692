import { ALL_FORMATS, BlobSource, Input, VideoSampleSink } from 'mediabunny';

/** A problem with the user's file, worded for the user. */
export class UnsupportedRecordingError extends Error {}

export interface DecodedFrame {
  frame: VideoFrame;
  /** Presentation time from the container, ms. */
  timestampMs: number;
}

export interface VideoSource {
  durationS: number;
  width: number;
  height: number;
  /** Frames in presentation order with their exact container timestamps; caller closes each. */
  frames: () => AsyncGenerator<DecodedFrame>;
  dispose: () => void;
}

/** Opens a recording with mediabunny and WebCodecs; throws UnsupportedRecordingError for bad input. */
export async function openVideo(file: Blob): Promise<VideoSource> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  let track;
  try {
    track = await input.getPrimaryVideoTrack();
  } catch {
    input.dispose();
    throw new UnsupportedRecordingError('This file is not a video this browser can read (try MP4 or WebM).');
  }
  if (!track) {
    input.dispose();
    throw new UnsupportedRecordingError('This file has no video track.');
  }
  if (!(await track.canDecode())) {
    input.dispose();
    throw new UnsupportedRecordingError(`This browser cannot decode the video codec (${track.codec ?? 'unknown'}).`);
  }
  const durationS = await input.computeDuration();
  const sink = new VideoSampleSink(track);
  return {
    durationS,
    width: track.displayWidth,
    height: track.displayHeight,
    async *frames() {
      for await (const sample of sink.samples()) {
        try {
          yield { frame: sample.toVideoFrame(), timestampMs: sample.timestamp * 1000 };
        } finally {
          sample.close();
        }
      }
    },
    dispose: () => input.dispose(),
  };
}
