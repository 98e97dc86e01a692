import { strToU8, zipSync, Zip, ZipPassThrough, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  matchClips,
  packFromZip,
  packId,
  packToJson,
  packToZip,
  PACK_MANIFEST_MAX_BYTES,
  PACK_ZIP_MAX_BYTES,
  parsePack,
  type Pack,
} from '@/utils/drills/pack';
import { DRILL_FILE_TEXT } from '@/utils/wording/drills';
import { clipBytes, drillPack, sha256 } from './drill-fixtures';

const packText = (value: unknown) => JSON.stringify(value);
const parse = (value: unknown) => {
  const text = packText(value);
  return parsePack(text, text.length);
};
const problemOf = (result: object) => ('problem' in result ? result.problem : 'no problem');

/** The pack's JSON value with the value at `path` replaced (undefined: removed, as JSON drops it). */
function withValue(path: (string | number)[], value: unknown): unknown {
  const pack: unknown = JSON.parse(packToJson(drillPack().pack));
  const parent = path.slice(0, -1).reduce((node, key) => (node as Record<string, unknown>)[key], pack);
  (parent as Record<string, unknown>)[path.at(-1) as string] = value;
  return pack;
}

/** A zip of exactly these entries, in order, names as given (duplicates and unsafe names included). */
function rawZip(entries: [string, Uint8Array][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, bytes] of entries) {
    const file = new ZipPassThrough(name);
    zip.add(file);
    file.push(bytes, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  chunks.reduce((at, chunk) => (out.set(chunk, at), at + chunk.length), 0);
  return out;
}

/** Writes `size` as the unpacked size the zip's central directory declares for `name`. */
function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 46 < out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(out.subarray(at + 46, at + 46 + nameLength)) === name)
      view.setUint32(at + 24, size, true);
  }
  return out;
}

describe('parsePack', () => {
  it('should read a valid pack and give the same pack back from its JSON', () => {
    const { pack } = drillPack();
    const text = packToJson(pack);
    expect(parsePack(text, text.length)).toEqual({ pack });
  });

  it('should refuse a manifest over the size limit before reading it', () => {
    expect(parsePack('{}', PACK_MANIFEST_MAX_BYTES + 1)).toEqual({
      problem: 'This drill pack is 1.1 MB, over the 1 MB Liveproof opens; nothing was imported.',
    });
    expect(problemOf(parsePack('{}', 3 * 1024 * 1024))).toBe(
      'This drill pack is 3 MB, over the 1 MB Liveproof opens; nothing was imported.',
    );
  });

  it('should refuse text that is not JSON', () => {
    expect(parsePack('PK\u0003\u0004 not json', 14)).toEqual({
      problem: 'This file is not JSON, so it is not a Liveproof drill pack; nothing was imported.',
    });
  });

  it.each([
    ['an object of another program', { title: 'quiz', items: [] }],
    ['an array', [1, 2]],
    ['a number', 42],
    ['null', null],
    ['an unknown kind', { kind: 'liveproof-something', schemaVersion: 1 }],
  ])('should call %s foreign', (_case, value) => {
    expect(problemOf(parse(value))).toBe('This is not a Liveproof drill pack; nothing was imported.');
  });

  it('should name a Liveproof file of another kind', () => {
    expect(problemOf(parse({ kind: 'liveproof-drill-results', schemaVersion: 1 }))).toBe(
      'This is a Liveproof drill results file, not a drill pack; nothing was imported.',
    );
    expect(problemOf(parse({ kind: 'liveproof-session', schemaVersion: 3 }))).toBe(
      'This is a Liveproof session, not a drill pack; nothing was imported.',
    );
  });

  it('should refuse a pack of a newer version, saying to update', () => {
    expect(problemOf(parse(withValue(['schemaVersion'], 2)))).toBe(
      'This drill pack was made by a newer Liveproof (version 2); update Liveproof to open it.',
    );
  });

  it.each([
    ['no schemaVersion', ['schemaVersion'], undefined, ' at schemaVersion: Invalid input: expected 1'],
    ['no title', ['title'], undefined, ' at title: missing (string expected)'],
    [
      'an unknown difficulty',
      ['difficulty'],
      'brutal',
      ' at difficulty: Invalid option: expected one of "easy"|"medium"|"hard"',
    ],
    ['no items', ['items'], [], ' at items: Too small: expected array to have >=1 items'],
    ['two items of one id', ['items', 2, 'id'], 'ada', ' at items.2.id: two items have the id "ada"'],
    [
      'two items of one clip',
      ['items', 1, 'clip', 'name'],
      'ada.mp4',
      ' at items.1.clip.name: two items use the clip "ada.mp4"',
    ],
    [
      'a variant of an item not in the pack',
      ['items', 1, 'source', 'variantOf'],
      'eve',
      ' at items.1.source.variantOf: a variant names another item of the pack as its source',
    ],
    [
      'a variant of itself',
      ['items', 1, 'source', 'variantOf'],
      'ada.shift+250',
      ' at items.1.source.variantOf: a variant names another item of the pack as its source',
    ],
    [
      'a clip name with a folder',
      ['items', 0, 'clip', 'name'],
      '../ada.mp4',
      ' at items.0.clip.name: a clip name is a plain file name, without folders',
    ],
    [
      'a sha256 that is not hex',
      ['items', 0, 'clip', 'sha256'],
      'abc',
      ' at items.0.clip.sha256: a sha256 is 64 lowercase hex digits',
    ],
    [
      'a manipulation past the clip end',
      ['items', 3, 'key', 'endS'],
      13,
      ' at items.3.key.endS: the manipulation ends after the clip',
    ],
    [
      'a segment past the clip end',
      ['items', 2, 'segments'],
      [{ label: 'Turns', startS: 10, endS: 15 }],
      ' at items.2.segments.0.endS: the segment ends after the clip',
    ],
    [
      'a segment ending before it starts',
      ['items', 2, 'segments'],
      [{ label: 'Turns', startS: 5, endS: 4 }],
      ' at items.2.segments.0.endS: a segment ends after it starts',
    ],
    [
      'a broken answer key',
      ['items', 1, 'key', 'shiftMs'],
      undefined,
      ' at items.1.key.shiftMs: an audio shift, and only an audio shift, gives shiftMs',
    ],
  ] as [string, (string | number)[], unknown, string][])(
    'should call a pack with %s damaged, saying where',
    (_case, path, value, where) => {
      expect(problemOf(parse(withValue(path, value)))).toBe(
        `This drill pack is damaged${where}; nothing was imported.`,
      );
    },
  );

  it('should take a key that ends within the encoder slack after the clip', () => {
    expect('pack' in parse(withValue(['items', 3, 'key'], FROZEN_AT_END))).toBe(true);
  });
});

const FROZEN_AT_END = {
  genuine: false,
  manipulation: 'frozen-stretch',
  startS: 10,
  endS: 12.4,
  description: 'The picture was frozen for the last 2 s.',
};

describe('packId', () => {
  it('should be the same for the same pack and differ when a key differs', async () => {
    const { pack } = drillPack();
    const id = await packId(pack, sha256);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(await packId(structuredClone(pack), sha256)).toBe(id);
    const rekeyed: Pack = { ...pack, items: pack.items.map((item) => ({ ...item, key: { genuine: true } })) };
    expect(await packId(rekeyed, sha256)).not.toBe(id);
  });
});

describe('packToZip and packFromZip', () => {
  it('should give back the pack and every clip, byte for byte, from a reproducible zip', async () => {
    const { pack, clips } = drillPack();
    const zip = packToZip(pack, clips);
    expect(packToZip(pack, clips)).toEqual(zip);
    const read = await packFromZip(zip, sha256);
    expect(read).toEqual({ pack, clips });
  });

  it('should refuse to zip a pack without the bytes of each clip as long as the pack says', () => {
    const { pack, clips } = drillPack();
    clips.delete('bob.webm');
    expect(() => packToZip(pack, clips)).toThrow('the clip "bob.webm" is not given, the pack says 2300 bytes');
    clips.set('bob.webm', new Uint8Array(5));
    expect(() => packToZip(pack, clips)).toThrow('the clip "bob.webm" is 5 bytes, the pack says 2300 bytes');
  });

  it('should refuse a file over the size limit before unzipping it', async () => {
    expect(await packFromZip(new Uint8Array(PACK_ZIP_MAX_BYTES + 1), sha256)).toEqual({
      problem: 'This drill pack is 500.1 MB, over the 500 MB Liveproof opens; nothing was imported.',
    });
  });

  it('should refuse bytes that are not a zip', async () => {
    expect(await packFromZip(clipBytes(9, 5000), sha256)).toEqual({ problem: DRILL_FILE_TEXT.notZip });
    expect(await packFromZip(strToU8(packToJson(drillPack().pack)), sha256)).toEqual({
      problem: DRILL_FILE_TEXT.notZip,
    });
  });

  it('should refuse a zip without pack.json', async () => {
    const zip = zipSync({ 'clips/ada.mp4': clipBytes(1, 2100), 'readme.txt': strToU8('hello') });
    expect(await packFromZip(zip, sha256)).toEqual({
      problem: 'This zip holds no pack.json, so it is not a Liveproof drill pack; nothing was imported.',
    });
  });

  it('should refuse a zip whose pack.json is damaged, of a newer version, or not a pack', async () => {
    const { pack } = drillPack();
    const withManifest = (text: string) => zipSync({ 'pack.json': strToU8(text) });
    expect(await packFromZip(withManifest('{"kind":'), sha256)).toEqual({
      problem: 'This file is not JSON, so it is not a Liveproof drill pack; nothing was imported.',
    });
    expect(await packFromZip(withManifest(packText({ ...pack, schemaVersion: 7 })), sha256)).toEqual({
      problem: 'This drill pack was made by a newer Liveproof (version 7); update Liveproof to open it.',
    });
    expect(await packFromZip(withManifest(packText({ ...pack, title: '' })), sha256)).toEqual({
      problem:
        'This drill pack is damaged at title: Too small: expected string to have >=1 characters; ' +
        'nothing was imported.',
    });
  });

  it('should refuse a zip that lacks a clip the pack lists', async () => {
    const { pack, clips } = drillPack();
    const files: Zippable = { 'pack.json': strToU8(packToJson(pack)) };
    for (const [name, bytes] of clips) if (name !== 'bob.frozen.mp4') files[`clips/${name}`] = bytes;
    expect(await packFromZip(zipSync(files), sha256)).toEqual({
      problem: 'The pack lists the clip "bob.frozen.mp4" but the zip does not hold it; nothing was imported.',
    });
  });

  it('should refuse a clip that is not the one the pack was made with, of the same size or not', async () => {
    const { pack, clips } = drillPack();
    const expected = {
      problem:
        'The clip "ada.mp4" in the zip is not the one the pack was made with (its fingerprint differs); ' +
        'nothing was imported.',
    };
    const sameSize = new Map(clips).set('ada.mp4', clipBytes(99, 2100));
    expect(await packFromZip(packToZip(pack, sameSize), sha256)).toEqual(expected);
    const files: Zippable = { 'pack.json': strToU8(packToJson(pack)) };
    for (const [name, bytes] of clips) files[`clips/${name}`] = name === 'ada.mp4' ? bytes.subarray(1) : bytes;
    expect(await packFromZip(zipSync(files), sha256)).toEqual(expected);
  });

  it.each(['../evil.mp4', 'clips/../../evil.mp4', '/etc/evil', 'C:/evil.mp4', 'clips\\..\\evil.mp4'])(
    'should refuse a zip with the escaping path %s',
    async (path) => {
      const { pack, clips } = drillPack();
      const entries: [string, Uint8Array][] = [['pack.json', strToU8(packToJson(pack))]];
      for (const [name, bytes] of clips) entries.push([`clips/${name}`, bytes]);
      entries.push([path, strToU8('x')]);
      expect(await packFromZip(rawZip(entries), sha256)).toEqual({
        problem: `This zip names a file outside its own folder (${path}); it was refused and nothing was imported.`,
      });
    },
  );

  it('should refuse a zip holding one name twice', async () => {
    const { pack, clips } = drillPack();
    const entries: [string, Uint8Array][] = [['pack.json', strToU8(packToJson(pack))]];
    for (const [name, bytes] of clips) entries.push([`clips/${name}`, bytes]);
    entries.push(['clips/ada.mp4', clipBytes(5, 2100)]);
    expect(await packFromZip(rawZip(entries), sha256)).toEqual({
      problem: 'This drill pack is damaged: it holds "clips/ada.mp4" twice; nothing was imported.',
    });
  });

  it('should refuse a zip bomb by the sizes its directory declares, before unpacking', async () => {
    const padded = strToU8(`${packToJson(drillPack().pack)}${' '.repeat(2 * 1024 * 1024)}`);
    const bomb = zipSync({ 'pack.json': padded });
    expect(bomb.length).toBeLessThan(20_000);
    expect(await packFromZip(bomb, sha256)).toEqual({
      problem: "This drill pack's pack.json is 2.1 MB, over the 1 MB Liveproof opens; nothing was imported.",
    });

    const { pack, clips } = drillPack();
    const huge = 300 * 1024 * 1024;
    const bigPack: Pack = {
      ...pack,
      items: pack.items.map((item, index) => (index < 2 ? { ...item, clip: { ...item.clip, sizeBytes: huge } } : item)),
    };
    const files: Zippable = { 'pack.json': strToU8(packToJson(bigPack)) };
    for (const [name, bytes] of clips) files[`clips/${name}`] = bytes;
    let zip: Uint8Array = zipSync(files);
    for (const item of bigPack.items.slice(0, 2)) zip = declareSize(zip, `clips/${item.clip.name}`, huge);
    expect(await packFromZip(zip, sha256)).toEqual({
      problem: 'This drill pack would unpack to 600.1 MB, over the 500 MB Liveproof opens; nothing was imported.',
    });
  });

  it('should unpack no more than a clip declares, so a clip that lies about its size fails its check', async () => {
    const { pack, clips } = drillPack();
    const files: Zippable = { 'pack.json': strToU8(packToJson(pack)) };
    for (const [name, bytes] of clips) files[`clips/${name}`] = name === 'ada.mp4' ? new Uint8Array(10_000_000) : bytes;
    const zip = declareSize(zipSync(files), 'clips/ada.mp4', 2100);
    expect(zip.length).toBeLessThan(50_000);
    expect(problemOf(await packFromZip(zip, sha256))).toBe(
      'The clip "ada.mp4" in the zip is not the one the pack was made with (its fingerprint differs); ' +
        'nothing was imported.',
    );
  });

  it('should ignore other files in the zip', async () => {
    const { pack, clips } = drillPack();
    const files: Zippable = { 'pack.json': strToU8(packToJson(pack)), 'notes/readme.txt': strToU8('hi') };
    for (const [name, bytes] of clips) files[`clips/${name}`] = bytes;
    expect(await packFromZip(zipSync(files), sha256)).toEqual({ pack, clips });
  });
});

describe('matchClips', () => {
  const chosen = (clips: Map<string, Uint8Array>, rename: Record<string, string> = {}) =>
    [...clips].map(([name, bytes]) => ({
      name: rename[name] ?? name,
      sizeBytes: bytes.length,
      sha256: '',
      bytes,
    }));
  const hashed = async (files: ReturnType<typeof chosen>) =>
    Promise.all(files.map(async ({ name, sizeBytes, bytes }) => ({ name, sizeBytes, sha256: await sha256(bytes) })));

  it('should find every clip, a renamed copy by its content', async () => {
    const { pack, clips } = drillPack();
    const files = await hashed(chosen(clips, { 'bob.webm': 'bob (copy).webm' }));
    expect(matchClips(pack, files)).toEqual({
      found: [
        { itemId: 'ada', fileName: 'ada.mp4' },
        { itemId: 'ada.shift+250', fileName: 'ada.shift+250ms.mp4' },
        { itemId: 'bob', fileName: 'bob (copy).webm' },
        { itemId: 'bob.frozen', fileName: 'bob.frozen.mp4' },
      ],
      missing: [],
      problem: null,
    });
  });

  it('should match hashes given in capitals', async () => {
    const { pack, clips } = drillPack();
    const files = (await hashed(chosen(clips))).map((file) => ({ ...file, sha256: file.sha256.toUpperCase() }));
    expect(matchClips(pack, files).missing).toEqual([]);
  });

  it('should tell which clips were not chosen and which chosen file holds something else', async () => {
    const { pack, clips } = drillPack();
    const files = (await hashed(chosen(clips))).filter((file) => file.name !== 'ada.mp4' && file.name !== 'bob.webm');
    files.push({ name: 'bob.webm', sizeBytes: 2300, sha256: await sha256(clipBytes(50, 2300)) });
    const match = matchClips(pack, files);
    expect(match.found.map((entry) => entry.itemId)).toEqual(['ada.shift+250', 'bob.frozen']);
    expect(match.missing).toEqual([
      { itemId: 'ada', clipName: 'ada.mp4', differs: false },
      { itemId: 'bob', clipName: 'bob.webm', differs: true },
    ]);
    expect(match.problem).toBe(
      '"bob.webm" is not the clip the pack was made with (its fingerprint differs); choose the original file. ' +
        'Not among the files you chose: "ada.mp4". Choose this clip too.',
    );
    expect(matchClips(pack, []).problem).toBe(
      'Not among the files you chose: "ada.mp4", "ada.shift+250ms.mp4", "bob.webm", "bob.frozen.mp4". ' +
        'Choose these clips too.',
    );
  });
});
