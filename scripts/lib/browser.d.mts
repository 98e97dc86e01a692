import type { BrowserContext, Page } from 'playwright-core';

export const ROOT: string;
/** The built extension, as Chromium loads it. */
export const EXTENSION_DIR: string;
export const CHROME_PATH: string;
export const QUIET_ARGS: string[];

export function checkPrerequisites(): void;

export function unpackedExtensionId(dir?: string): string;

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  extensionUrl: (path: string) => string;
  openPage: (path: string) => Promise<Page>;
  close: () => Promise<void>;
}

export function launchExtension(options?: {
  headless?: boolean;
  args?: string[];
  viewport?: { width: number; height: number };
  /** Reuse this profile folder (kept after close) instead of a fresh one. */
  profileDir?: string | null;
  /** Load this build instead of .output/chrome-mv3 (a damaged copy, for fault tests). */
  extensionDir?: string;
}): Promise<LaunchedExtension>;

export function ensureBuilt(): void;

/** Where the model of an extension page with the engine card runs, and why where 'Automatic' chose it (else null). */
export function engineRunsOn(page: Page): Promise<{ delegate: 'CPU' | 'GPU' | null; reason: string | null }>;
