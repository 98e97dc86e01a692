/**
 * Drill pack import fuzzed: a pack.json read with parsePack, a zip read with packFromZip, and the
 * clips chosen with a pack.json matched with matchClips. Packs are held in memory, not stored, so
 * "nothing changed" is checked at the boundary: a refused file yields no pack and no clips.
 * Seed: FUZZ_SEED.
 */
import { strToU8, Zip, ZipPassThrough } from 'fflate';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  matchClips,
  packFromZip,
  packToJson,
  packToZip,
  PACK_KIND,
  PACK_MANIFEST_MAX_BYTES,
  PACK_SCHEMA_VERSION,
  parsePack,
  type ChosenClip,
  type Pack,
} from '@/utils/drills/pack';
import { drillPack, sha256, sha256Hex } from '../drills/drill-fixtures';
import {
  copy,
  cut,
  expectNamesChangedField,
  expectNoPollution,
  expectPlainObjects,
  expectPlainProblem,
  hostile,
  hostileText,
  mutate,
  mutation,
  oddString,
  randomText,
  tally,
  withHugeArray,
  withHugeString,
  wrongVersion,
} from './json-fuzz';

const { pack: PACK, clips: CLIPS } = drillPack();
const FIXTURE = JSON.parse(packToJson(PACK)) as Record<string, unknown>;
const ZIP = packToZip(PACK, CLIPS);
const seen = tally('drill-packs');

type Read = { pack: Pack } | { problem: string };

function fromText(text: string): Read {
  const read = parsePack(text, new TextEncoder().encode(text).length);
  seen.count('problem' in read ? read.problem : null);
  if ('problem' in read) expectPlainProblem(read.problem);
  else expectPlainObjects(read.pack);
  expectNoPollution();
  return read;
}

async function fromZip(bytes: Uint8Array): Promise<Awaited<ReturnType<typeof packFromZip>>> {
  const read = await packFromZip(bytes, sha256);
  seen.count('problem' in read ? read.problem : null);
  if ('problem' in read) {
    expectPlainProblem(read.problem);
    expect(Object.keys(read)).toEqual(['problem']);
  } else {
    // Whatever a zip holds, a clip handed on is the one its key describes.
    for (const { clip } of read.pack.items)
      expect(sha256Hex(read.clips.get(clip.name) ?? new Uint8Array())).toBe(clip.sha256);
  }
  expectNoPollution();
  return read;
}

/**
 * A zip of pack.json (`manifest`), the clips and any `extra` entries, in that order. Built entry by
 * entry: zipSync takes names as object keys, and a "__proto__" key would be lost.
 */
function zipWith(manifest: string, extra: [string, Uint8Array][] = []): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  const clips = [...CLIPS].map(([name, bytes]): [string, Uint8Array] => [`clips/${name}`, bytes]);
  for (const [name, bytes] of [['pack.json', strToU8(manifest)] as const, ...clips, ...extra]) {
    const file = new ZipPassThrough(name);
    zip.add(file);
    file.push(bytes, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  chunks.reduce((at, chunk) => (out.set(chunk, at), at + chunk.length), 0);
  return out;
}

afterAll(() => console.log(seen.line()));

describe('drill pack import (pack.json), fuzzed', () => {
  it('should read the pack, the same after a round trip', () => {
    expect(fromText(packToJson(PACK))).toEqual({ pack: PACK });
  });

  it('should answer a mutated pack.json with a pack or a problem naming the field', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const { doc, paths } = mutate(FIXTURE, mutations);
        const read = fromText(JSON.stringify(doc));
        if ('problem' in read) expectNamesChangedField(read.problem, paths);
      }),
    );
  });

  it('should refuse a truncated pack.json as not JSON', () => {
    fc.assert(
      fc.property(cut(packToJson(PACK)), (text) => {
        expect(fromText(text)).toEqual({ problem: expect.stringContaining('not JSON') });
      }),
    );
  });

  it('should refuse another schemaVersion, naming a newer one', () => {
    fc.assert(
      fc.property(wrongVersion(PACK_SCHEMA_VERSION), (version) => {
        const read = fromText(JSON.stringify({ ...copy(FIXTURE), schemaVersion: version }));
        const newer = typeof version === 'number' && Number.isInteger(version) && version > PACK_SCHEMA_VERSION;
        const words = newer ? `newer Liveproof (version ${version})` : 'damaged at schemaVersion';
        expect(read).toEqual({ problem: expect.stringContaining(words) });
      }),
    );
  });

  it('should refuse a file of another kind', () => {
    const otherKind = fc.oneof(
      fc.constantFrom('liveproof-session', 'liveproof-drill-results', 'liveproof-checklist-template', '', null, 1),
      fc.string({ maxLength: 30 }).filter((kind) => kind !== PACK_KIND),
    );
    fc.assert(
      fc.property(otherKind, (kind) => {
        const read = fromText(JSON.stringify({ ...copy(FIXTURE), kind }));
        expect(read).toEqual({ problem: expect.stringMatching(/not a Liveproof drill pack|not a drill pack/) });
      }),
    );
  });

  it('should survive hostile JSON: prototype keys, 10^4 levels of nesting, very long keys', () => {
    fc.assert(fc.property(hostile, (change) => void fromText(hostileText(FIXTURE, change))));
  });

  it('should read a valid pack the same with "__proto__" keys added anywhere', () => {
    fc.assert(
      fc.property(fc.nat(), (pick) => {
        const change = { kind: 'proto-key' as const, pick, key: '__proto__', value: '{"polluted":"yes"}' };
        expect(fromText(hostileText(FIXTURE, change))).toEqual({ pack: PACK });
      }),
    );
  });

  it('should refuse oversized strings and arrays in words of a sensible length', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom('x', ' ', '\u0000', '€'), (pick, char) => {
        expect(fromText(JSON.stringify(withHugeString(FIXTURE, pick, 1_000_000, char)))).toHaveProperty('problem');
      }),
      { numRuns: 15 },
    );
    fc.assert(
      fc.property(fc.nat(), (pick) => void fromText(JSON.stringify(withHugeArray(FIXTURE, pick, 10_000)))),
      { numRuns: 15 },
    );
    const within = JSON.stringify({ ...copy(FIXTURE), title: 'x'.repeat(PACK_MANIFEST_MAX_BYTES - 2000) });
    expect(fromText(within)).toEqual({ problem: expect.stringContaining('at title') });
  }, 30_000);

  it('should answer random bytes and random JSON', () => {
    fc.assert(fc.property(randomText, (text) => void fromText(text)));
  });
});

describe('drill pack import (zip), fuzzed', () => {
  it('should read the pack zip with its clips', async () => {
    const read = await fromZip(ZIP);
    expect(read).toEqual({ pack: PACK, clips: CLIPS });
  });

  it('should answer a zip with bytes flipped, or cut short, without a damaged clip getting through', async () => {
    const flips = fc.array(fc.tuple(fc.nat({ max: ZIP.length - 1 }), fc.integer({ min: 1, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(flips, async (changes) => {
        const bytes = ZIP.slice();
        for (const [at, xor] of changes) bytes[at] = (bytes[at] as number) ^ xor;
        await fromZip(bytes);
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: ZIP.length - 1 }), async (end) => {
        expect(await fromZip(ZIP.slice(0, end))).toHaveProperty('problem');
      }),
      { numRuns: 100 },
    );
  });

  it('should answer a zip whose pack.json is mutated, hostile or not JSON', async () => {
    const manifest = fc.oneof(
      fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((mutations) => JSON.stringify(mutate(FIXTURE, mutations).doc)),
      hostile.map((change) => hostileText(FIXTURE, change)),
      cut(packToJson(PACK)),
      randomText,
    );
    await fc.assert(
      fc.asyncProperty(manifest, async (text) => void (await fromZip(zipWith(text)))),
      { numRuns: 150 },
    );
  });

  it('should answer a zip with odd entry names: folders out, prototype names, control characters', async () => {
    const name = fc.oneof(
      fc.constantFrom('../evil', '/abs', 'C:/x', 'clips/../../x', 'clips\\x', '__proto__', 'clips/__proto__'),
      oddString.filter((text) => text.length > 0 && text.length < 300),
    );
    await fc.assert(
      fc.asyncProperty(name, async (entry) => {
        await fromZip(zipWith(packToJson(PACK), [[entry, strToU8('x')]]));
      }),
      { numRuns: 100 },
    );
  });

  it('should answer random bytes as not a zip', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect(await fromZip(bytes)).toHaveProperty('problem');
      }),
    );
  });
});

describe('clips chosen with a pack.json, fuzzed', () => {
  const real: ChosenClip[] = [...CLIPS].map(([name, bytes]) => ({
    name,
    sizeBytes: bytes.length,
    sha256: sha256Hex(bytes),
  }));
  const chosen = fc.record({
    name: fc.oneof(fc.constantFrom(...real.map((clip) => clip.name)), oddString),
    sizeBytes: fc.oneof(fc.constantFrom(...real.map((clip) => clip.sizeBytes)), fc.integer(), fc.double()),
    sha256: fc.oneof(
      fc.constantFrom(...real.map((clip) => clip.sha256)),
      fc.constantFrom(...real.map((clip) => clip.sha256.toUpperCase())),
      fc.string({ maxLength: 70 }),
    ),
  });

  it('should find each item whose clip was chosen, and name the others', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(chosen, fc.constantFrom(...real)), { maxLength: 8 }), (files) => {
        const match = matchClips(PACK, files);
        seen.count(match.problem);
        expect(match.found.length + match.missing.length).toBe(PACK.items.length);
        expect(match.problem === null).toBe(match.missing.length === 0);
        if (match.problem !== null) {
          expectPlainProblem(match.problem);
          for (const { clipName } of match.missing) expect(match.problem).toContain(clipName);
        }
        for (const { itemId, fileName } of match.found) {
          const { clip } = PACK.items.find((item) => item.id === itemId) as Pack['items'][number];
          const same = (file: ChosenClip) =>
            file.name === fileName && file.sizeBytes === clip.sizeBytes && file.sha256.toLowerCase() === clip.sha256;
          expect(files.some(same)).toBe(true);
        }
        expectNoPollution();
      }),
    );
  });
});
