import { describe, expect, it } from 'vitest';
import { fileSlug } from '@/utils/common/file-name';

describe('fileSlug', () => {
  it('should keep letters and digits of any script, dash the rest, and fall back when nothing is left', () => {
    expect(fileSlug('Ada Lovelace, Engineer #2', 'x')).toBe('ada-lovelace-engineer-2');
    expect(fileSlug('Zoë Łukasz 陈', 'x')).toBe('zoë-łukasz-陈');
    expect(fileSlug('  ***  ', 'trainee')).toBe('trainee');
    expect(fileSlug('a'.repeat(50) + ' b', 'x', 51)).toBe('a'.repeat(50));
  });
});
