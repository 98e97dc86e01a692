import type { Prompt } from '@/utils/checklist/prompts';
import type { ItemStatus } from '@/utils/checklist/run';

/** How the checklist's purposes and states read in the panel. */
export const GROUP_LABEL: Record<Prompt['group'], string> = {
  liveness: 'Liveness challenge',
  identity: 'Identity and documents',
  location: 'Location and background',
  technical: 'Technical depth',
  environment: 'Environment',
};

export const STATUS_LABEL: Record<ItemStatus, string> = {
  waiting: 'Not asked',
  answering: 'Answering…',
  checking: 'Checking…',
  'awaiting-mark': 'Your mark',
  passed: 'Passed',
  concern: 'Concern',
  'not-verified': 'Not verified',
  skipped: 'Skipped',
};

export const STATUS_PILL: Record<ItemStatus, string> = {
  waiting: 'idle',
  answering: 'busy',
  checking: 'busy',
  'awaiting-mark': 'idle',
  passed: 'ok',
  concern: 'warn',
  'not-verified': 'idle',
  skipped: 'idle',
};
