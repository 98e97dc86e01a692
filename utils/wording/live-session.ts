/** What the live panel says about the capture and the session (events go to the timeline too). */
const SOURCE_TEXT: Record<'call-tab' | 'picked-tab', string> = { 'call-tab': 'this tab', 'picked-tab': 'a picked tab' };

export const LIVE_TEXT = {
  modelNotLoaded: 'The face model is not loaded yet; wait for "Model loaded" and try again.',
  earlierRoundMissing: 'The earlier round this session was linked to is no longer on this device; link another one.',
  noTab: 'This panel is not attached to a tab; use "Pick a tab".',
  captureFailed: (reason: string) => `Capture could not start: ${reason}`,
  started: (source: keyof typeof SOURCE_TEXT) => `Capture started on ${SOURCE_TEXT[source]}.`,
  paused: 'Analysis paused.',
  resumed: 'Analysis resumed.',
  stoppedEvent: 'Capture stopped.',
  stopped: 'Capture stopped. Findings and notes are kept below.',
  endedEvent: 'Capture ended by itself (tab closed or navigated away, or sharing stopped).',
  ended:
    'The capture ended (the tab was closed, navigated away, or sharing was stopped). ' +
    'Findings and notes are kept below.',
  leftSiteEvent: 'The call tab went to another site; capture stopped.',
  leftSite: 'The call tab went to another site, so capture stopped. Findings and notes are kept below.',
  panelClosedEvent: 'The panel was closed; capture stopped.',
  sessionEndedEvent: 'Session ended.',
  /** The session could not be saved; where it is held meanwhile depends on where the analysis runs. */
  keptUnsaved: (problem: string, place: 'offscreen' | 'panel') =>
    place === 'panel'
      ? `${problem} It is kept while this panel stays open; save a copy before closing it.`
      : `${problem} It is kept while this tab's capture runs or its panel is open; save a copy before both end.`,
  newSessionMeanwhile: (problem: string) => `${problem} A new session is kept in this panel meanwhile.`,
} as const;

/** The panel's warning when the computer analyses too few frames for some checks. */
export function degradedText(analysedFps: number, affected: { check: string; needsFps: number }[]): string {
  const checks = affected.map(({ check, needsFps }) => `${check} (needs ${needsFps} fps)`).join(', ');
  return (
    `Analysis is degraded: only ${analysedFps.toFixed(1)} frames a second are analysed on this computer, ` +
    `so these checks see too little and say less: ${checks}. Closing other programs or tabs helps.`
  );
}
