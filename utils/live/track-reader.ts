/** Reading a captured track chunk by chunk (MediaStreamTrackProcessor), and audio chunks' samples. */

/** A running read of one track; `stop()` cancels it. */
export interface TrackReader {
  stop: () => void;
}

/**
 * Reads `track` until it ends or the reader stops, handing each chunk (a VideoFrame or AudioData)
 * to `handle` and closing it after, even when `handle` throws.
 */
export function readTrack<T extends VideoFrame | AudioData>(
  track: MediaStreamTrack,
  handle: (chunk: T) => void,
): TrackReader {
  const reader = new MediaStreamTrackProcessor({ track }).readable.getReader() as ReadableStreamDefaultReader<T>;
  let running = true;
  void (async () => {
    while (running) {
      const { value, done } = await reader.read();
      if (done) break;
      try {
        handle(value);
      } finally {
        value.close();
      }
    }
  })();
  return {
    stop: () => {
      running = false;
      reader.cancel().catch(() => undefined);
    },
  };
}

/** An audio chunk's channels as planar float samples. */
export function audioPlanes(data: AudioData): Float32Array[] {
  return Array.from({ length: data.numberOfChannels }, (_, planeIndex) => {
    const plane = new Float32Array(data.numberOfFrames);
    data.copyTo(plane, { planeIndex, format: 'f32-planar' });
    return plane;
  });
}
