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

export function retentionText(days: number | null): string {
  return days === null ? 'Keep until I delete them' : `Delete sessions ${days} days after they end`;
}
