/** What the checklist says on the timeline and when an answer cannot be checked. */
export const CHECKLIST_TEXT = {
  started: (templateName: string) => `Checklist started ("${templateName}").`,
  discarded: 'Checklist discarded.',
  captureRestarted: 'The capture stopped or restarted during the answer, so the signals cannot say; mark it yourself.',
  noCapture: 'No capture was analysing the call during the answer, so the signals cannot say; mark it yourself.',
  stoppedBeforeCheck: 'The capture stopped before the answer could be checked; mark it yourself.',
} as const;
