import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { provisionModel, sha256 } from '../../scripts/lib/provision-model.mjs';

const good = Buffer.from('the real model bytes');
const bad = Buffer.from('a truncated download');
const manifest = { file: 'model.task', sha256: sha256(good), url: 'https://models.example/model.task' };
const offline = () => Promise.reject(Object.assign(new Error('fetch failed'), { cause: { code: 'ENOTFOUND' } }));

describe('provisionModel', () => {
  let work: string;
  let target: string;
  const folderWith = (name: string, bytes: Buffer) => {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, manifest.file), bytes);
    return dir;
  };
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'liveproof-provision-'));
    target = join(work, 'public/models/model.task');
  });

  it('should copy from the first folder whose file has the right sha256', async () => {
    const wrong = folderWith('wrong', bad);
    const right = folderWith('right', good);
    const result = await provisionModel({ manifest, target, searchDirs: [wrong, right], download: offline });
    expect(result).toEqual({ ok: true, from: join(right, manifest.file) });
    expect(readFileSync(target)).toEqual(good);
  });

  it('should replace a corrupt installed model', async () => {
    folderWith('public/models', bad);
    const right = folderWith('right', good);
    const result = await provisionModel({ manifest, target, searchDirs: [right], download: offline });
    expect(result.ok).toBe(true);
    expect(readFileSync(target)).toEqual(good);
  });

  it('should download when no folder has it, and verify the download', async () => {
    const result = await provisionModel({ manifest, target, searchDirs: [], download: async () => good });
    expect(result).toEqual({ ok: true, from: manifest.url });
    const corrupt = await provisionModel({
      manifest,
      target: join(work, 'other.task'),
      searchDirs: [],
      download: async () => bad,
    });
    expect(corrupt.ok).toBe(false);
  });

  it('should list every place tried when it fails', async () => {
    const wrong = folderWith('wrong', bad);
    const result = await provisionModel({
      manifest,
      target,
      searchDirs: [join(work, 'missing'), wrong],
      download: offline,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.tried).toEqual([
      `${join(work, 'missing', manifest.file)}: not found`,
      expect.stringContaining(`${join(wrong, manifest.file)}: sha256 `),
      `${manifest.url}: ENOTFOUND`,
    ]);
  });
});
