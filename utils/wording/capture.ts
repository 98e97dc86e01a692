/** Why a capture could not start, worded for the interviewer (the panel shows it after "Capture could not start:"). */
export const CAPTURE_TEXT = {
  /** Chrome refused the tab's stream id; `reason` is Chrome's own words. */
  tabRefused: (reason: string) =>
    `Chrome did not allow capturing this tab (${reason}). ` +
    'Click the Liveproof toolbar button on the call tab, then Start again, or use "Pick a tab".',
  pickerRefused: 'Sharing was cancelled or refused, so nothing is captured.',
} as const;

/** Where the analysis runs, said in the panel, and the toolbar while it runs. */
export const PLACE_TEXT = {
  offscreen: 'Analysis runs in the background: closing this panel does not stop it; reopen the panel to see it.',
  panel: 'Analysis of a picked tab runs in this panel: closing the panel stops it.',
  badge: 'ON',
  badgeTitle: 'Liveproof is analysing this tab',
  hostGone: 'The background analysis of this tab has ended; reload the panel to carry on.',
  offscreenJustification: 'Analyses the captured call tab on this device while the side panel is closed.',
  offscreenUnreachable:
    'The background analysis has not answered for 20 s (the computer may be very busy); still trying. ' +
    'Notes typed meanwhile are kept and sent when it answers.',
} as const;
