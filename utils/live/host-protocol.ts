/**
 * What a live host (the tab's session, checklist, engine and capture; utils/live/live-host.ts)
 * shows and what it is told, in plain data: the panel drives a host in the offscreen document
 * (a call-tab capture that outlives the panel) through a BroadcastChannel, or one in its own page
 * (a picked tab, which the offscreen document cannot capture) directly, with the same commands.
 */
import type { Template } from '@/utils/checklist/prompts';
import type { Mark } from '@/utils/checklist/run';
import type { Box } from '@/utils/features/face-features';
import type { DelegateChoice, EngineStatus } from '@/utils/engine/landmarks';
import type { Session } from '@/utils/sessions/session';
import type { CaptureSource } from './capture';
import type { LiveCapture } from './live-session';
import type { LiveSummary } from './live-summary';

/** Where the analysis runs: the offscreen document goes on when the panel closes; the panel does not. */
export type HostPlace = 'offscreen' | 'panel';

export interface HostState {
  place: HostPlace;
  engine: EngineStatus;
  live: LiveCapture;
  liveSummary: LiveSummary | null;
  liveSession: Session | null;
  sessionProblem: string | null;
}

export type SessionDetails = { name?: string; role?: string; interviewer?: string };

export type HostCommand =
  | { kind: 'start'; how: CaptureSource }
  | { kind: 'pause'; paused: boolean }
  | { kind: 'stop' }
  | { kind: 'choose'; face: Box }
  | { kind: 'choose-next' }
  | { kind: 'add-note'; text: string; atS: number }
  | { kind: 'edit-note'; id: string; text: string }
  | { kind: 'details'; change: SessionDetails }
  | { kind: 'end-session' }
  | { kind: 'consent-identity' }
  | { kind: 'identity'; enabled: boolean }
  | { kind: 'link-round'; earlierId: string | null }
  | { kind: 'delegate'; delegate: DelegateChoice }
  | { kind: 'checklist-start'; template: Template }
  | { kind: 'checklist-discard' }
  | { kind: 'checklist-ask'; index: number }
  | { kind: 'checklist-answer'; index: number }
  | { kind: 'checklist-mark'; index: number; mark: Mark | null }
  | { kind: 'checklist-note'; index: number; text: string }
  | { kind: 'checklist-go-to'; index: number };

/** The channel between panels and the offscreen document's hosts (same extension origin only). */
export const HOST_CHANNEL = 'liveproof-live-hosts';

/** Held (shared) by every panel open on a tab; the offscreen host lets go of an idle tab once none is. */
export const viewLockName = (tabId: number) => `liveproof-view:${tabId}`;

export type ToHost =
  | { to: 'host'; tabId: number; kind: 'attach'; platform: string | null; delegate: DelegateChoice }
  | { to: 'host'; tabId: number; kind: 'command'; command: HostCommand }
  /** The panel takes the session over (to capture a picked tab itself). */
  | { to: 'host'; tabId: number; kind: 'release' };

export type ToView =
  /** The whole state, the answer to an attach (a panel is attached once it has one). */
  | { to: 'view'; tabId: number; kind: 'snapshot'; state: HostState }
  /** What changed, to every panel on the tab. */
  | { to: 'view'; tabId: number; kind: 'state'; state: Partial<HostState> }
  /** A preview still, as a JPEG (a few times a second, small). */
  | { to: 'view'; tabId: number; kind: 'preview'; picture: Blob }
  | { to: 'view'; tabId: number; kind: 'released' };
