import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSessionJson } from '@/utils/sessions/migrations';
import type { Session } from '@/utils/sessions/session';

/** A stored session fixture of schema `version`, as text (tests/fixtures/sessions/v<version>.json). */
export const sessionFixtureText = (version: number) =>
  readFileSync(join(__dirname, `../fixtures/sessions/v${version}.json`), 'utf8');

/** The fixture read and migrated to the current schema. */
export function fixtureSession(version = 2): Session {
  const parsed = parseSessionJson(sessionFixtureText(version));
  if (!('session' in parsed)) throw new Error(parsed.problem);
  return parsed.session;
}
