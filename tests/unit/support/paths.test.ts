import { afterEach, describe, expect, it, vi } from 'vitest';
import { faceModel, MODEL_FILE, mediaRequired, prerequisite, sharedClip } from '../../support/paths';

const nothingThere = () => false;
const everythingThere = () => true;

describe('mediaRequired', () => {
  it.each([
    [{}, false],
    [{ CI: '' }, false],
    [{ CI: 'false' }, false],
    [{ CI: 'FALSE' }, false],
    [{ CI: '0' }, false],
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: 'yes' }, true],
    [{ LIVEPROOF_REQUIRE_MEDIA: '1' }, true],
    [{ LIVEPROOF_REQUIRE_MEDIA: '0' }, false],
    [{ LIVEPROOF_REQUIRE_MEDIA: 'true' }, false],
    [{ CI: 'false', LIVEPROOF_REQUIRE_MEDIA: '1' }, true],
  ])('should decide %j -> %s', (env, required) => {
    expect(mediaRequired(env)).toBe(required);
  });
});

describe('prerequisite', () => {
  afterEach(() => vi.restoreAllMocks());
  const ffmpeg = { what: 'ffmpeg', path: 'ffmpeg', fix: 'apt-get install ffmpeg.' };

  it('should return the path when it is there, whatever the environment', () => {
    expect(prerequisite(ffmpeg, { CI: 'true' }, everythingThere)).toBe('ffmpeg');
    expect(prerequisite(ffmpeg, {}, everythingThere)).toBe('ffmpeg');
  });

  it('should skip with the printed reason when it is missing and media is not required', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(prerequisite(ffmpeg, { CI: 'false' }, nothingThere)).toBeNull();
    expect(warn).toHaveBeenCalledWith('[skip] ffmpeg missing: ffmpeg. apt-get install ffmpeg.');
  });

  it('should fail, saying what is missing and how to fix it, when media is required', () => {
    expect(() => prerequisite(ffmpeg, { LIVEPROOF_REQUIRE_MEDIA: '1' }, nothingThere)).toThrow(
      'ffmpeg missing: ffmpeg. apt-get install ffmpeg. CI or LIVEPROOF_REQUIRE_MEDIA=1 is set',
    );
  });
});

describe('sharedClip', () => {
  afterEach(() => vi.restoreAllMocks());

  it('should look in LIVEPROOF_MEDIA_DIR and fail on CI naming the clip, the missing folder and the fix', () => {
    const call = () => sharedClip('real/a.mp4', { CI: 'true', LIVEPROOF_MEDIA_DIR: '/nonexistent' }, nothingThere);
    expect(call).toThrow('Real clip (the media folder /nonexistent does not exist) missing: /nonexistent/real/a.mp4.');
    expect(call).toThrow(/beside the project \(\.\.\/shared\/media .*set LIVEPROOF_MEDIA_DIR/);
  });

  it('should name only the clip when the folder is there but the clip is not', () => {
    const present = (path: string) => path === '/media';
    expect(() => sharedClip('real/a.mp4', { CI: 'true', LIVEPROOF_MEDIA_DIR: '/media' }, present)).toThrow(
      /^Real clip missing: \/media\/real\/a\.mp4\./,
    );
  });

  it('should skip outside CI and return the clip path when it is there', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(sharedClip('real/a.mp4', { LIVEPROOF_MEDIA_DIR: '/media' }, nothingThere)).toBeNull();
    const onCi = { CI: 'true', LIVEPROOF_MEDIA_DIR: '/media' };
    expect(sharedClip('real/a.mp4', onCi, everythingThere)).toBe('/media/real/a.mp4');
  });

  it.each([[{}], [{ LIVEPROOF_MEDIA_DIR: '' }]])('should default to ../shared/media beside the project (%j)', (env) => {
    expect(sharedClip('real/a.mp4', env, everythingThere)).toMatch(/\/shared\/media\/real\/a\.mp4$/);
  });
});

describe('faceModel', () => {
  it('should fail on CI when public/models has no model, pointing at setup and ../shared/models', () => {
    expect(() => faceModel({ CI: 'true' }, nothingThere)).toThrow(
      /Face model missing: .*public\/models\/face_landmarker\.task\. Run `npm install`.*\.\.\/shared\/models/,
    );
    expect(faceModel({ CI: 'true' }, (path) => path === MODEL_FILE)).toBe(MODEL_FILE);
  });
});
