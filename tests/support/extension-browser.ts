import { launchExtension, type LaunchedExtension } from '../../scripts/lib/browser.mjs';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

export interface ExtensionBrowser extends LaunchedExtension {
  /** Every request that tried to leave the machine, from any page, worker or the browser itself. */
  proxy: RecordingProxy;
}

/**
 * Headless Chromium with the built extension, routed through a recording proxy so that any
 * request bound off this machine is seen (and refused) at the browser level.
 */
export async function launchExtensionBrowser(
  args: string[] = [],
  viewport?: { width: number; height: number },
): Promise<ExtensionBrowser> {
  const proxy = await startRecordingProxy();
  const launched = await launchExtension({
    args: [`--proxy-server=http://127.0.0.1:${proxy.port}`, ...args],
    ...(viewport ? { viewport } : {}),
  });
  return {
    ...launched,
    proxy,
    close: async () => {
      await launched.close();
      await proxy.close();
    },
  };
}
