/**
 * Words for a file name: letters and digits of any script kept, everything else one dash,
 * lowercased, at most `maxLength` characters; `fallback` when nothing is left.
 */
export function fileSlug(text: string, fallback: string, maxLength = 60): string {
  const slug = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || fallback;
}
