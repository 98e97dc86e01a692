/** What Liveproof says about the browser's storage and how long sessions are kept. */

/** Plain words for what went wrong with the browser's storage. */
export function storageProblem(error: unknown, doing: string): string {
  const name = error instanceof Error ? error.name : '';
  const reason =
    name === 'QuotaExceededError' || /quota/i.test(String(error))
      ? 'the browser says its storage for Liveproof is full; delete old sessions or free disk space'
      : name === 'InvalidStateError' || name === 'MissingAPIError' || name === 'DatabaseClosedError'
        ? 'the browser has blocked storage for Liveproof (a private window, or site data switched off)'
        : error instanceof Error
          ? error.message
          : String(error);
  return `Liveproof could not ${doing}: ${reason}.`;
}

/** What went wrong reading or saving the checklist templates and settings; `reason` is the error's own words. */
export const STORED_TEXT = {
  /** The stored templates fail the schema; `problem` is " at path: message" or ": message". */
  templatesInvalid: (problem: string) =>
    `Your saved checklist templates could not be read${problem}; ` +
    'the standard one is shown and they are left as they were until you change a template.',
  templatesUnreadable: (reason: string) => `Checklist templates could not be read (${reason}).`,
  templatesUnsaved: (reason: string) =>
    `Checklist templates could not be saved (${reason}); export the template to keep your changes.`,
  settingsUnsaved: (reason: string) => `Settings could not be saved (${reason}).`,
} as const;

export function retentionText(days: number | null): string {
  return days === null ? 'Keep until I delete them' : `Delete sessions ${days} days after they end`;
}
