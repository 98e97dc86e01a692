/**
 * Renders a drill variant's edit plan (utils/drills/variant-plan.ts) to an MP4 with mediabunny:
 * WebCodecs decodes the trainer's clips and encodes the new picture and sound on this device. A
 * picture the plan leaves untouched (the audio shifts, a replaced voice) is copied packet for
 * packet, so only the sound is encoded again.
 */
import { assembleAudio, type DecodedSound } from '@/utils/drills/assemble-audio';
import { pieceSeconds, type VariantPlan, type VideoPiece } from '@/utils/drills/variant-plan';
import { mixToMono } from '@/utils/features/audio-features';
import {
  ALL_FORMATS,
  AudioBufferSink,
  AudioSample,
  AudioSampleSource,
  BlobSource,
  BufferTarget,
  EncodedPacketSink,
  EncodedVideoPacketSource,
  Input,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  VideoSample,
  VideoSampleSink,
  VideoSampleSource,
  getFirstEncodableAudioCodec,
  getFirstEncodableVideoCodec,
  type InputVideoTrack,
} from 'mediabunny';

/** Opus, the one sound codec Chromium encodes, runs at 48 kHz. */
const OUTPUT_RATE = 48_000;
/** Sound is handed to the encoder in blocks of this many samples (20 ms). */
const AUDIO_BLOCK = 960;

/** A problem with a trainer's clip, worded for them. */
export class VariantSourceError extends Error {}

interface OpenClip {
  input: Input;
  video: InputVideoTrack;
  frameRate: number;
  durationS: number;
}

async function openClip(file: Blob, name: string): Promise<OpenClip> {
  const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
  const video = await input.getPrimaryVideoTrack().catch(() => null);
  if (!video || !(await video.canDecode())) {
    input.dispose();
    throw new VariantSourceError(`${name} has no picture this browser can decode.`);
  }
  const stats = await video.computePacketStats(120);
  return { input, video, frameRate: stats.averagePacketRate || 25, durationS: await input.computeDuration() };
}

async function decodeSound(clip: OpenClip): Promise<DecodedSound | null> {
  const track = await clip.input.getPrimaryAudioTrack();
  if (!track || !(await track.canDecode())) return null;
  const chunks: { samples: Float32Array; startS: number }[] = [];
  for await (const { buffer, timestamp } of new AudioBufferSink(track).buffers()) {
    const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
    chunks.push({ samples: mixToMono(channels, buffer.length), startS: timestamp });
  }
  const samples = new Float32Array(Math.ceil(clip.durationS * track.sampleRate));
  for (const chunk of chunks) {
    const at = Math.round(chunk.startS * track.sampleRate);
    // A chunk that starts before 0 (encoder priming, an edit list) keeps its part from 0 on.
    const from = Math.max(0, -at);
    samples.set(chunk.samples.subarray(from, from + Math.max(0, samples.length - Math.max(0, at))), Math.max(0, at));
  }
  return { samples, sampleRate: track.sampleRate };
}

/** Whether the picture is one clip from start to end, which can be copied without encoding. */
const wholePicture = (pieces: readonly VideoPiece[], clips: ReadonlyMap<string, OpenClip>) => {
  const [only] = pieces;
  if (pieces.length !== 1 || !only || 'holdAtS' in only) return null;
  const clip = clips.get(only.clip);
  return clip && only.fromS <= 0 && only.toS >= clip.durationS - 1e-3 ? clip : null;
};

/** Adds a video sample and closes it, also when adding fails. */
async function addAndClose(source: VideoSampleSource, sample: VideoSample): Promise<void> {
  try {
    await source.add(sample);
  } finally {
    sample.close();
  }
}

/** The one frame rate of all the clips, or null when they differ (timestamps are then kept as they come). */
function sharedFrameRate(clips: readonly OpenClip[]): number | null {
  const rates = new Set(clips.map((clip) => Math.round(clip.frameRate * 100) / 100));
  return rates.size === 1 ? (clips[0]?.frameRate ?? null) : null;
}

/**
 * The variant as an MP4 (H.264 or VP9 picture, Opus sound). `clipFiles` maps the plan's clip ids
 * to their files; `onProgress` gets 0..1 as the picture is written; `sounds` keeps each clip's
 * decoded sound for the next variant of the same clips.
 */
export async function renderVariant(
  plan: VariantPlan,
  clipFiles: ReadonlyMap<string, { file: Blob; name: string }>,
  onProgress: (fraction: number) => void = () => undefined,
  sounds: Map<string, DecodedSound | null> = new Map(),
): Promise<Blob> {
  const used = [...new Set([...plan.video, ...(plan.audio ?? [])].flatMap((p) => ('clip' in p ? [p.clip] : [])))];
  const clips = new Map<string, OpenClip>();
  try {
    for (const id of used) {
      const source = clipFiles.get(id);
      if (!source) throw new Error(`The plan uses clip ${id}, which was not given.`);
      clips.set(id, await openClip(source.file, source.name));
    }
    const first = clips.get(plan.video[0]?.clip ?? '') as OpenClip;
    const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
    const copied = wholePicture(plan.video, clips);
    const videoCodec = copied
      ? null
      : await getFirstEncodableVideoCodec(['avc', 'vp9', 'vp8'], {
          width: first.video.codedWidth,
          height: first.video.codedHeight,
        });
    if (!copied && !videoCodec)
      throw new VariantSourceError('This browser cannot encode video (no H.264, VP9 or VP8).');
    const copySource = copied?.video.codec ? new EncodedVideoPacketSource(copied.video.codec) : null;
    const encodeSource = videoCodec
      ? new VideoSampleSource({ codec: videoCodec, bitrate: QUALITY_HIGH, sizeChangeBehavior: 'contain' })
      : null;
    // Frames are encoded as decoded, unrotated: the track carries the first clip's rotation, as the file did.
    const frameRate = copied ? null : sharedFrameRate([...clips.values()]);
    output.addVideoTrack((copySource ?? encodeSource) as EncodedVideoPacketSource | VideoSampleSource, {
      rotation: first.video.rotation,
      ...(frameRate ? { frameRate } : {}),
    });
    const audioCodec = plan.audio ? await getFirstEncodableAudioCodec(['opus'], { sampleRate: OUTPUT_RATE }) : null;
    if (plan.audio && !audioCodec) throw new VariantSourceError('This browser cannot encode Opus sound.');
    const audioSource = audioCodec ? new AudioSampleSource({ codec: audioCodec, bitrate: QUALITY_HIGH }) : null;
    if (audioSource) output.addAudioTrack(audioSource);
    await output.start();

    const writeVideo = async () => {
      if (copied && copySource) {
        const decoderConfig = await copied.video.getDecoderConfig();
        let firstPacket = true;
        for await (const packet of new EncodedPacketSink(copied.video).packets()) {
          await copySource.add(packet, firstPacket && decoderConfig ? { decoderConfig } : undefined);
          firstPacket = false;
          onProgress(Math.min(1, packet.timestamp / plan.durationS));
        }
        copySource.close();
        return;
      }
      const source = encodeSource as VideoSampleSource;
      let outS = 0;
      for (const piece of plan.video) {
        const clip = clips.get(piece.clip) as OpenClip;
        const sink = new VideoSampleSink(clip.video);
        const frameS = 1 / clip.frameRate;
        if ('holdAtS' in piece) {
          const held = await sink.getSample(piece.holdAtS);
          try {
            for (let t = 0; held && t < piece.durationS - frameS / 2; t += frameS) {
              const copy = held.clone();
              copy.setTimestamp(outS + t);
              copy.setDuration(frameS);
              await addAndClose(source, copy);
            }
          } finally {
            held?.close();
          }
        } else {
          for await (const sample of sink.samples(piece.fromS, piece.toS)) {
            sample.setTimestamp(outS + Math.max(0, sample.timestamp - piece.fromS));
            await addAndClose(source, sample);
          }
        }
        outS += pieceSeconds(piece);
        onProgress(Math.min(1, outS / plan.durationS));
      }
      source.close();
    };

    const writeAudio = async () => {
      if (!plan.audio || !audioSource) return;
      const used = new Map<string, DecodedSound>();
      for (const id of new Set(plan.audio.flatMap((p) => ('clip' in p ? [p.clip] : [])))) {
        if (!sounds.has(id)) sounds.set(id, await decodeSound(clips.get(id) as OpenClip));
        used.set(id, sounds.get(id) ?? { samples: new Float32Array(0), sampleRate: OUTPUT_RATE });
      }
      const samples = assembleAudio(plan.audio, used, OUTPUT_RATE);
      for (let at = 0; at < samples.length; at += AUDIO_BLOCK) {
        const sample = new AudioSample({
          data: samples.slice(at, at + AUDIO_BLOCK),
          format: 'f32-planar',
          numberOfChannels: 1,
          sampleRate: OUTPUT_RATE,
          timestamp: at / OUTPUT_RATE,
        });
        await audioSource.add(sample);
        sample.close();
      }
      audioSource.close();
    };

    // Both writers finish before the inputs are disposed; a failed one cancels the output.
    const written = await Promise.allSettled([writeVideo(), writeAudio()]);
    const failed = written.find((result) => result.status === 'rejected');
    if (failed) {
      await output.cancel();
      throw failed.reason;
    }
    await output.finalize();
    const buffer = (output.target as BufferTarget).buffer;
    if (!buffer) throw new Error('The variant was not written.');
    return new Blob([buffer], { type: 'video/mp4' });
  } finally {
    for (const clip of clips.values()) clip.input.dispose();
  }
}
