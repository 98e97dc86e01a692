/**
 * The face model's bytes, read from the extension and checked against the sha256 in its manifest
 * before MediaPipe sees them: a missing or damaged file then fails with words an interviewer can
 * act on instead of a wasm abort.
 */
import { MODEL_FILE_TEXT } from '@/utils/wording/engine';

export class ModelFileProblem extends Error {}

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** `read` fetches the file (a rejected or non-OK response counts as missing). */
export async function checkedModelBytes(
  read: () => Promise<Response>,
  file: string,
  sha256: string,
): Promise<Uint8Array> {
  const response = await read().catch(() => null);
  if (!response?.ok) throw new ModelFileProblem(MODEL_FILE_TEXT.missing(file));
  const bytes = await response.arrayBuffer();
  const digest = hex(await crypto.subtle.digest('SHA-256', bytes));
  if (digest !== sha256) throw new ModelFileProblem(MODEL_FILE_TEXT.damaged(file, bytes.byteLength));
  return new Uint8Array(bytes);
}
