// MediaPipe's wasm glue (emscripten) gives every GL object a new id and never reuses one; a table
// is padded with nulls up to the newest id when it gets an object. The landmarker makes a fence
// sync for every frame, so GL.syncs grew ~10 kB a minute per worker over a long call (found by
// heap snapshots in the soak; emscripten issues #18668, #22425). A freed sync id is taken again.

const FENCE_ID = 'var id = GL.getNewId(GL.syncs);';
const REUSED_FENCE_ID = 'var id = GL.syncs.indexOf(null, 1); if (id < 0) id = Math.max(GL.syncs.length, 1);';

/** The glue with sync ids reused; throws if this MediaPipe's glue is not the one the patch knows. */
export function reuseSyncIds(glue) {
  const found = glue.split(FENCE_ID).length - 1;
  if (found !== 1) {
    throw new Error(
      `MediaPipe's glFenceSync is not as expected (${found} matches); see scripts/lib/mediapipe-glue.mjs.`,
    );
  }
  return glue.replace(FENCE_ID, REUSED_FENCE_ID);
}
