/** What the panel says when a worker of the live analysis crashed or stopped answering. */

/** The live pipeline's workers, as the interviewer knows them. */
const WORKER_NAME = {
  tracker: 'The face tracker',
  scanner: 'The face finder',
  analysis: 'The signal analysis (lip sync, face checks)',
} as const;

export type RestartedWorker = keyof typeof WORKER_NAME;
export type WorkerFault = 'crashed' | 'hung';

const FAULT_TEXT: Record<WorkerFault, string> = { crashed: 'crashed', hung: 'stopped responding' };

const restartsText = (count: number) => `${count} restart${count === 1 ? '' : 's'}`;

export const WORKER_TEXT = {
  /**
   * Why a request failed: its worker (`subject`) crashed or went silent, `detail` in the browser's
   * words where it gave any; then it was restarted, stopped for good (it faulted again right after a
   * restart), or neither (it had not loaded the model yet, or was closing).
   */
  requestFailed: (
    subject: string,
    fault: WorkerFault,
    detail: string,
    outcome: 'restarted' | 'stopped' | 'lost',
  ): string => {
    const what = `${subject} ${FAULT_TEXT[fault]}${detail ? ` (${detail})` : ''}`;
    if (outcome === 'restarted') return `${what} and was restarted; this request was dropped.`;
    if (outcome === 'stopped') return `${what} again right after its restart, so it was stopped.`;
    return `${what}.`;
  },
  /**
   * The panel's line about the latest fault; `count`: restarts in this capture, `restarted`: whether
   * a new worker took over.
   */
  panel: (worker: RestartedWorker, fault: WorkerFault, count: number, restarted: boolean): string =>
    restarted
      ? `${WORKER_NAME[worker]} ${FAULT_TEXT[fault]} and was restarted (${restartsText(count)}) — the session goes on.`
      : `${WORKER_NAME[worker]} ${FAULT_TEXT[fault]} again right after its restart, so it was stopped ` +
        `(${restartsText(count)}); the capture goes on without it.`,
} as const;
