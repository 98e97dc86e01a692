/**
 * Whether a file's schemaVersion names a later version than this Liveproof reads: a whole number
 * above `current` (3.5 or "2" is no version, so such a file is damaged or foreign, not newer).
 */
export const isNewerVersion = (version: unknown, current: number): version is number =>
  typeof version === 'number' && Number.isInteger(version) && version > current;
