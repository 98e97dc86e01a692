import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/browser.mjs';
import { faceModel, sharedClip } from '../support/paths';

// The shipped audio-to-mouth map must be what its training script makes of the corpus today: the
// script analyses every training clip with the built extension and fits again (about 3 minutes).
const ready = faceModel() && sharedClip('real/real_edtalk_tedlieu_m.mp4');

describe.skipIf(!ready)('the learned lip map', () => {
  it('should be reproduced exactly by its training script (weights and script agree)', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/train-lip-map.mjs'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 540_000,
    });
    expect(result.stderr).not.toContain('differ from a fresh fit');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/SUMMARY check: the shipped weights match a fresh fit/);
  }, 600_000);
});
