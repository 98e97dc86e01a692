import {
  BufferTarget,
  EncodedAudioPacketSource,
  EncodedPacket,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  Output,
} from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { checkMp4Index, moovProblem, type IndexCheck } from '@/utils/recording/mp4-index';

const FPS = 25;
const FRAMES = 50;

/**
 * A real MP4 written by mediabunny (the demuxer's own muxer): 2 s of H.264 packets in decode
 * order I P B B ... (so it has composition offsets, ctts) and 2 s of AAC packets. The payloads
 * are placeholders: only the index is read here.
 */
async function muxed(moovFirst: boolean): Promise<Uint8Array> {
  const output = new Output({
    format: new Mp4OutputFormat({ fastStart: moovFirst ? 'in-memory' : false }),
    target: new BufferTarget(),
  });
  const video = new EncodedVideoPacketSource('avc');
  const audio = new EncodedAudioPacketSource('aac');
  output.addVideoTrack(video);
  output.addAudioTrack(audio);
  await output.start();
  const presentation = [0];
  for (let k = 1; k + 2 < FRAMES; k += 3) presentation.push(k + 2, k, k + 1);
  for (const [i, frame] of presentation.entries()) {
    const config = { codec: 'avc1.42c01e', codedWidth: 64, codedHeight: 64, description: Uint8Array.of(1, 66, 192) };
    const packet = new EncodedPacket(new Uint8Array(100 + i), i === 0 ? 'key' : 'delta', frame / FPS, 1 / FPS);
    await video.add(packet, i === 0 ? { decoderConfig: config } : undefined);
  }
  for (let i = 0; i < 86; i++) {
    const config = { codec: 'mp4a.40.2', sampleRate: 44_100, numberOfChannels: 1, description: Uint8Array.of(18, 8) };
    const packet = new EncodedPacket(new Uint8Array(20), 'key', (i * 1024) / 44_100, 1024 / 44_100);
    await audio.add(packet, i === 0 ? { decoderConfig: config } : undefined);
  }
  await output.finalize();
  return new Uint8Array((output.target as BufferTarget).buffer as ArrayBuffer);
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

/** Every box along the containers the index lives in: type, track number (0: video) and offsets. */
function boxes(bytes: Uint8Array): { type: string; track: number; at: number; payload: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: { type: string; track: number; at: number; payload: number }[] = [];
  let track = -1;
  const walk = (start: number, end: number) => {
    for (let at = start; at + 8 <= end;) {
      const size = view.getUint32(at);
      const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
      if (type === 'trak') track++;
      found.push({ type, track, at, payload: at + 8 });
      if (CONTAINERS.has(type)) walk(at + 8, at + size);
      at += size;
    }
  };
  walk(0, bytes.length);
  return found;
}

/** The box `type` of track `track` (0: video, 1: sound). */
function box(bytes: Uint8Array, type: string, track = 0) {
  const found = boxes(bytes).find((b) => b.type === type && (b.track === track || type === 'moov'));
  if (!found) throw new Error(`no ${type} in track ${track}`);
  return found;
}

/** A copy of `bytes` with the 32-bit big-endian word at `at` changed by `change`. */
function withWord(bytes: Uint8Array, at: number, change: (word: number) => number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const view = new DataView(copy.buffer);
  view.setUint32(at, change(view.getUint32(at)) >>> 0);
  return copy;
}

const check = (bytes: Uint8Array): Promise<IndexCheck | null> => checkMp4Index(new Blob([Uint8Array.from(bytes)]));

const [moovFirst, moovLast] = await Promise.all([muxed(true), muxed(false)]);

describe('checkMp4Index: intact files', () => {
  it.each([
    ['the index first', moovFirst],
    ['the index last', moovLast],
  ])('should trust the index of a file written with %s', async (_, bytes) => {
    expect(boxes(bytes).some((b) => b.type === 'ctts')).toBe(true);
    expect(await check(bytes)).toBeNull();
  });

  it.each([
    ['an empty file', new Uint8Array(0)],
    ['text', new TextEncoder().encode('# Scripts\n\nWhat each script does, and how to run it.\n')],
    ['a WebM header', Uint8Array.of(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81)],
  ])('should leave %s to the demuxer', async (_, bytes) => {
    expect(await check(bytes)).toBeNull();
  });
});

describe('checkMp4Index: damaged indexes', () => {
  // Each table's payload: version and flags (4), entry count (4), then the entries.
  const FIRST_ENTRY = 8;

  it.each([
    // The flips the media fuzz bench found freezing the page: a samples-per-chunk or count of 2^31 or more.
    ['a samples-per-chunk count with its high byte flipped', 'stsc', FIRST_ENTRY + 4, (w: number) => w ^ 0xd5000000],
    ['a timing run of 2^24 more samples', 'stts', FIRST_ENTRY, (w: number) => w + 2 ** 24],
    ['a composition run of 2^31 more samples', 'ctts', FIRST_ENTRY, (w: number) => w ^ 0x9f000000],
  ])('should find %s too many samples for the track', async (_, type, offset, change) => {
    const bytes = withWord(moovFirst, box(moovFirst, type).payload + offset, change);
    expect(await check(bytes)).toEqual({ problem: 'sample-count', track: 'video' });
  });

  it.each([
    ['sample sizes', 'stsz', 8 + 8],
    ['chunk offsets', 'stco', 8 + 4],
    ['key frames', 'stss', 8 + 4],
    ['timing runs', 'stts', 8 + 4],
  ])('should find a table of %s listing one entry more than it holds', async (_, type, countAt) => {
    const bytes = withWord(moovFirst, box(moovFirst, type).at + countAt, (w) => w + 1);
    expect(await check(bytes)).toEqual({ problem: 'table-size', track: 'video' });
  });

  it('should find a frame moved further than the whole track lasts', async () => {
    const bytes = withWord(moovFirst, box(moovFirst, 'ctts').payload + FIRST_ENTRY + 4, (w) => w ^ 0x16000000);
    expect(await check(bytes)).toEqual({ problem: 'timing', track: 'video' });
  });

  it('should find a track without a time scale', async () => {
    const mdhd = box(moovFirst, 'mdhd', 1);
    expect(await check(withWord(moovFirst, mdhd.payload + 12, () => 0))).toEqual({ problem: 'timing', track: 'sound' });
  });

  it('should find chunk runs numbered from 0', async () => {
    const bytes = withWord(moovFirst, box(moovFirst, 'stsc', 1).payload + FIRST_ENTRY, () => 0);
    expect(await check(bytes)).toEqual({ problem: 'chunk-order', track: 'sound' });
  });

  it('should find a table box running past the track’s sample table', async () => {
    const bytes = withWord(moovFirst, box(moovFirst, 'stsz').at, (w) => w ^ 0x00c60000);
    expect(await check(bytes)).toEqual({ problem: 'overrun', track: 'video' });
  });

  it('should find a file cut inside its index, or cut before an index written last', async () => {
    expect(await check(moovFirst.subarray(0, 1024))).toEqual({ problem: 'cut', track: null });
    expect(await check(moovLast.subarray(0, Math.floor(moovLast.length * 0.6)))).toEqual({
      problem: 'cut',
      track: null,
    });
  });

  it('should trust a file cut after its index: what was written can be read', async () => {
    expect(await check(moovFirst.subarray(0, box(moovFirst, 'moov').at + 4000))).toBeNull();
  });
});

describe('moovProblem', () => {
  it('should find nothing wrong with an empty index, and a cut one as cut', () => {
    expect(moovProblem(new Uint8Array(0))).toBeNull();
    expect(moovProblem(new Uint8Array(0), true)).toEqual({ problem: 'cut', track: null });
  });
});
