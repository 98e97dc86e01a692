import type { z } from 'zod';

/** Where and what the first problem of a failed zod parse is, as " at a.b: message" (no "at" for the root). */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return `${where}: ${issue?.message ?? 'invalid'}`;
}

/** A file's keys and refinement messages can be any length; the part shown is cut to this many characters. */
const SHOWN_CHARS = { step: 40, message: 300 } as const;

/** Cut to `max` characters, control characters (a key can hold a newline or a NUL) shown as "�". */
export function shortened(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const printable = text.replace(/[\u0000-\u001f\u007f]/g, '\ufffd');
  return printable.length > max ? `${printable.slice(0, max - 1)}…` : printable;
}

/**
 * firstProblem in the reader's words, for files a person chose: a missing field is called missing
 * (zod says "expected string, received undefined"), and path steps and messages from the file
 * (a record's keys, the ids a refinement lists) are cut to a readable length, without control characters.
 */
export function plainProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const steps = (issue?.path ?? []).map((step) => shortened(String(step), SHOWN_CHARS.step));
  const where = steps.length > 0 ? ` at ${steps.join('.')}` : '';
  const message = (issue?.message ?? 'invalid').replace(
    /^Invalid input: expected (.+), received undefined$/,
    'missing ($1 expected)',
  );
  return `${where}: ${shortened(message, SHOWN_CHARS.message)}`;
}
