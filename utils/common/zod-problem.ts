import type { z } from 'zod';

/** Where and what the first problem of a failed zod parse is, as " at a.b: message" (no "at" for the root). */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return `${where}: ${issue?.message ?? 'invalid'}`;
}
