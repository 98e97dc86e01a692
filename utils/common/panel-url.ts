/** Side panel path for a tab; the panel reads the tab id back to know which call it serves. */
export function sidePanelPathFor(tabId: number): string {
  return `sidepanel.html?tabId=${tabId}`;
}

/** The tab id in a side panel URL's query, or null when the panel was opened some other way. */
export function tabIdFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}
