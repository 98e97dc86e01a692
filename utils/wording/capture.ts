/** Why a capture could not start, worded for the interviewer (the panel shows it after "Capture could not start:"). */
export const CAPTURE_TEXT = {
  /** Chrome refused the tab's stream id; `reason` is Chrome's own words. */
  tabRefused: (reason: string) =>
    `Chrome did not allow capturing this tab (${reason}). ` +
    'Click the Liveproof toolbar button on the call tab, then Start again, or use "Pick a tab".',
  pickerRefused: 'Sharing was cancelled or refused, so nothing is captured.',
} as const;
