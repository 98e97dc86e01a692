// Makes test variants of real clips with ffmpeg, cached in .cache/bench/variants/:
// audio shifted by a known amount, and audio swapped between two speakers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT } from '../browser.mjs';

const OUT = join(ROOT, '.cache/bench/variants');

function ffmpeg(args, output) {
  if (existsSync(output)) return output;
  mkdirSync(OUT, { recursive: true });
  const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args, `${output}.tmp.mp4`], { encoding: 'utf8' });
  if (result.error) throw new Error(`ffmpeg is needed for the bench variants (apt-get install ffmpeg): ${result.error.message}`);
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
    offsetMs >= 0
      ? `adelay=${offsetMs}:all=1,apad`
      : `atrim=start=${-offsetMs / 1000},asetpts=PTS-STARTPTS,apad`;
  return ffmpeg(
    ['-i', clip, '-map', '0:v:0', '-map', '0:a:0', '-c:v', 'copy', '-af', filter, '-shortest', '-c:a', 'aac', '-b:a', '96k'],
    join(OUT, name),
  );
}

/** The video of one clip with the audio of another (a proxy speaking), cut to the shorter. */
export function swapAudio(videoClip, audioClip) {
  const name = `${basename(videoClip, '.mp4')}__audio-of__${basename(audioClip, '.mp4')}.mp4`;
  return ffmpeg(
    ['-i', videoClip, '-i', audioClip, '-map', '0:v:0', '-map', '1:a:0', '-c:v', 'copy', '-c:a', 'aac', '-b:a', '96k', '-shortest'],
    join(OUT, name),
  );
}
