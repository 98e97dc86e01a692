// Makes test variants of real clips with ffmpeg, cached in .cache/bench/variants/:
// audio shifted by a known amount, audio swapped between two speakers, two people joined, frozen
// and replayed stretches, short cuts, and another voice over a still face.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from '../browser.mjs';

const OUT = join(ROOT, '.cache/bench/variants');
/** The sound of every variant: AAC at 96 kb/s, as the corpus's clips have. */
const AAC_AUDIO = ['-c:a', 'aac', '-b:a', '96k'];

/** Truth from the corpus's own names (see MANIFEST.md) and the names these variants get. */
export function truthOf(path) {
  const name = basename(path);
  const shifted = /__shift([+-]\d+)ms/.exec(name) ?? /lag_plus(\d+)ms/.exec(name);
  if (shifted) return { kind: 'offset', offsetMs: Number(shifted[1]) };
  const lead = /lead_minus(\d+)ms/.exec(name);
  if (lead) return { kind: 'offset', offsetMs: -Number(lead[1]) };
  if (name.includes('__audio-of__') || name.startsWith('mismatch_')) return { kind: 'mismatch' };
  return { kind: 'real', offsetMs: 0 };
}

function ffmpeg(args, output) {
  if (existsSync(output)) return output;
  mkdirSync(OUT, { recursive: true });
  const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args, `${output}.tmp.mp4`], { encoding: 'utf8' });
  if (result.error)
    throw new Error(`ffmpeg is needed for the bench variants (apt-get install ffmpeg): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`ffmpeg failed for ${output}: ${result.stderr}`);
  spawnSync('mv', [`${output}.tmp.mp4`, output]);
  return output;
}

/**
 * The clip with its audio moved by offsetMs (positive: the sound comes later than the lips),
 * same length, video stream copied untouched.
 */
export function shiftAudio(clip, offsetMs) {
  const name = `${basename(clip, '.mp4')}__shift${offsetMs >= 0 ? '+' : ''}${offsetMs}ms.mp4`;
  const filter =
    offsetMs >= 0 ? `adelay=${offsetMs}:all=1,apad` : `atrim=start=${-offsetMs / 1000},asetpts=PTS-STARTPTS,apad`;
  return ffmpeg(
    ['-i', clip, '-map', '0:v:0', '-map', '0:a:0', '-c:v', 'copy', '-af', filter, '-shortest', ...AAC_AUDIO],
    join(OUT, name),
  );
}

/** The video of one clip with the audio of another (a proxy speaking), cut to the shorter. */
export function swapAudio(videoClip, audioClip) {
  const name = `${basename(videoClip, '.mp4')}__audio-of__${basename(audioClip, '.mp4')}.mp4`;
  return ffmpeg(
    ['-i', videoClip, '-i', audioClip, '-map', '0:v:0', '-map', '1:a:0', '-c:v', 'copy', ...AAC_AUDIO, '-shortest'],
    join(OUT, name),
  );
}

function probe(clip) {
  const result = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-show_entries',
      'stream=r_frame_rate:format=duration',
      '-of',
      'json',
      clip,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`ffprobe failed for ${clip}: ${result.stderr}`);
  const info = JSON.parse(result.stdout);
  const [num, den] = info.streams[0].r_frame_rate.split('/').map(Number);
  return { fps: num / den, durationS: Number(info.format.duration) };
}

/** Both clips scaled into 512x512 at 25 fps with 48 kHz sound. */
const FIT = 'scale=512:512:force_original_aspect_ratio=decrease,pad=512:512:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=25';

/**
 * The first `cutS` seconds of one clip, then the first `cutS` of another (a different person):
 * the person on camera changes at `cutS`.
 */
export function joinClips(first, second, cutS = 8) {
  const name = `${basename(first, '.mp4')}__then__${basename(second, '.mp4')}.mp4`;
  const filter =
    `[0:v]trim=0:${cutS},setpts=PTS-STARTPTS,${FIT}[v0];[1:v]trim=0:${cutS},setpts=PTS-STARTPTS,${FIT}[v1];` +
    `[0:a]atrim=0:${cutS},asetpts=PTS-STARTPTS,aresample=48000,aformat=channel_layouts=stereo[a0];` +
    `[1:a]atrim=0:${cutS},asetpts=PTS-STARTPTS,aresample=48000,aformat=channel_layouts=stereo[a1];` +
    '[v0][a0][v1][a1]concat=n=2:v=1:a=1[v][a]';
  const output = ffmpeg(
    [
      '-i',
      first,
      '-i',
      second,
      '-filter_complex',
      filter,
      '-map',
      '[v]',
      '-map',
      '[a]',
      '-c:v',
      'libx264',
      '-crf',
      '20',
      '-pix_fmt',
      'yuv420p',
      ...AAC_AUDIO,
    ],
    join(OUT, name),
  );
  // A first clip shorter than cutS is used whole, so the change comes at its end.
  return { path: output, cutS: Math.min(cutS, probe(first).durationS) };
}

/** The clip with the picture frozen on one frame for `lengthS` from `atS`, the sound untouched. */
export function freezeVideo(clip, atS = 3, lengthS = 3) {
  const { fps, durationS } = probe(clip);
  if (durationS < atS + lengthS)
    throw new Error(`${clip} is ${durationS} s long; a freeze until ${atS + lengthS} s needs a longer clip.`);
  const first = Math.round(atS * fps);
  const last = Math.round((atS + lengthS) * fps) - 1;
  const name = `${basename(clip, '.mp4')}__frozen${atS}s+${lengthS}s.mp4`;
  const output = ffmpeg(
    [
      '-i',
      clip,
      '-filter_complex',
      `[0:v]split[a][b];[a][b]freezeframes=first=${first}:last=${last}:replace=${first}[v]`,
      '-map',
      '[v]',
      '-map',
      '0:a:0',
      '-c:v',
      'libx264',
      '-crf',
      '20',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'copy',
    ],
    join(OUT, name),
  );
  return { path: output, fromS: atS, toS: atS + lengthS };
}

/**
 * The clip with the picture from `sourceS` replayed over `atS`..`atS + lengthS` (the sound goes
 * on untouched): a looped recording.
 */
export function loopVideo(clip, sourceS = 1, atS = 5, lengthS = 3) {
  const { durationS } = probe(clip);
  if (durationS < atS + lengthS)
    throw new Error(`${clip} is ${durationS} s long; a replay until ${atS + lengthS} s needs a longer clip.`);
  const name = `${basename(clip, '.mp4')}__loop${sourceS}s-at${atS}s+${lengthS}s.mp4`;
  const end = atS + lengthS;
  const filter =
    `[0:v]split=3[x][y][z];[x]trim=0:${atS},setpts=PTS-STARTPTS[a];` +
    `[y]trim=${sourceS}:${sourceS + lengthS},setpts=PTS-STARTPTS[b];` +
    `[z]trim=${end}:${durationS},setpts=PTS-STARTPTS[c];[a][b][c]concat=n=3:v=1:a=0[v]`;
  const output = ffmpeg(
    [
      '-i',
      clip,
      '-filter_complex',
      filter,
      '-map',
      '[v]',
      '-map',
      '0:a:0',
      '-c:v',
      'libx264',
      '-crf',
      '20',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'copy',
    ],
    join(OUT, name),
  );
  return { path: output, fromS: atS, toS: end };
}

/** Whether the clip has a sound track. */
export function hasAudio(clip) {
  const result = spawnSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'a', '-show_entries', 'stream=index', '-of', 'csv=p=0', clip],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`ffprobe failed for ${clip}: ${result.stderr}`);
  return result.stdout.trim().length > 0;
}

/** The clip's length, s. */
export function durationOf(clip) {
  return probe(clip).durationS;
}

/** `lengthS` of the clip from `fromS` (picture and sound re-encoded, so the cut is frame-accurate). */
export function cutClip(clip, fromS, lengthS) {
  const name = `${basename(clip, '.mp4')}__cut${lengthS}s@${fromS}s.mp4`;
  return ffmpeg(
    [
      '-ss',
      `${fromS}`,
      '-t',
      `${lengthS}`,
      '-i',
      clip,
      '-map',
      '0:v:0',
      '-map',
      '0:a:0?',
      '-c:v',
      'libx264',
      '-crf',
      '18',
      '-preset',
      'veryfast',
      '-pix_fmt',
      'yuv420p',
      ...AAC_AUDIO,
    ],
    join(OUT, name),
  );
}

/**
 * The picture of `videoClip` (untouched, its own sound dropped) with the first `lengthS` of
 * `voiceClip`'s sound from `atS`, silence before and after: someone else's voice over a face.
 */
export function muxVoice(videoClip, voiceClip, atS, lengthS) {
  const name = `${basename(videoClip, '.mp4')}__voice-of__${basename(voiceClip, '.mp4')}@${atS}s+${lengthS}s.mp4`;
  const delayMs = Math.round(atS * 1000);
  return ffmpeg(
    [
      '-i',
      videoClip,
      '-i',
      voiceClip,
      '-filter_complex',
      `[1:a]atrim=0:${lengthS},asetpts=PTS-STARTPTS,aresample=48000,aformat=channel_layouts=stereo,` +
        `adelay=${delayMs}:all=1,apad[a]`,
      '-map',
      '0:v:0',
      '-map',
      '[a]',
      '-c:v',
      'copy',
      ...AAC_AUDIO,
      '-shortest',
    ],
    join(OUT, name),
  );
}
