import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkedModelBytes, ModelFileProblem } from '@/utils/engine/model-file';

const bytes = new TextEncoder().encode('a model of known bytes');
const sha256 = createHash('sha256').update(bytes).digest('hex');

describe('checkedModelBytes', () => {
  it('should give the bytes when their sha256 is the manifest’s', async () => {
    expect(await checkedModelBytes(async () => new Response(bytes), 'model.task', sha256)).toEqual(bytes);
  });

  it('should say the file is missing when it cannot be read or is not there', async () => {
    for (const read of [
      async () => new Response('not found', { status: 404 }),
      () => Promise.reject(new TypeError('Failed to fetch')),
    ]) {
      const failure = checkedModelBytes(read, 'model.task', sha256);
      await expect(failure).rejects.toBeInstanceOf(ModelFileProblem);
      await expect(failure).rejects.toThrow(/model file \(model\.task\) is missing.*Reinstall/);
    }
  });

  it('should refuse a file whose bytes differ, even by one', async () => {
    const damaged = bytes.slice();
    damaged[3] = (damaged[3] ?? 0) ^ 1;
    const failure = checkedModelBytes(async () => new Response(damaged), 'model.task', sha256);
    await expect(failure).rejects.toThrow(/model\.task, 22 bytes\) is damaged.*checksum/);
  });
});
