import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/lib/browser.mjs';
import { reuseSyncIds } from '../../../scripts/lib/mediapipe-glue.mjs';

const glue = readFileSync(join(ROOT, 'node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_internal.js'), 'utf8');

interface GlState {
  syncs: unknown[];
  counter: number;
}

/**
 * Runs the glue's own glFenceSync and glDeleteSync, cut out of `source`, `frames` times (one fence
 * a frame, deleted once waited on, as the landmarker does) and returns emscripten's GL state.
 */
function fenceEveryFrame(source: string, frames: number): GlState {
  const cut = (from: string, to: string) =>
    source.slice(source.indexOf(from), source.indexOf(to, source.indexOf(from)));
  const functions =
    cut('var _emscripten_glDeleteSync =', 'var _glDeleteSync') +
    cut('var _emscripten_glFenceSync =', 'var _glFenceSync');
  const getNewId = cut('getNewId: table =>', '\n  },') + '\n  }';
  const run = new Function(
    'frames',
    `var GLctx = { fenceSync: () => ({}), deleteSync: () => undefined };
     var GL = { counter: 1, syncs: [], textures: [], recordError: () => undefined, ${getNewId} };
     ${functions}
     for (let frame = 0; frame < frames; frame++) {
       GL.getNewId(GL.textures); // another GL object made in the frame
       _emscripten_glDeleteSync(_emscripten_glFenceSync(0x9117, 0));
     }
     return GL;`,
  ) as (frames: number) => GlState;
  return run(frames);
}

describe("MediaPipe's wasm glue, with sync ids reused", () => {
  it('should keep the sync table at its live fences however many frames pass', () => {
    const patched = fenceEveryFrame(reuseSyncIds(glue), 10_000);
    expect(patched.syncs.length).toBeLessThanOrEqual(2);
  });

  it('should show the table growing a slot per GL object without the change (what it fixes)', () => {
    expect(fenceEveryFrame(glue, 10_000).syncs.length).toBeGreaterThan(10_000);
  });

  it('should refuse glue it does not know', () => {
    expect(() => reuseSyncIds('var GL = {};')).toThrow(/glFenceSync is not as expected \(0 matches\)/);
  });
});
