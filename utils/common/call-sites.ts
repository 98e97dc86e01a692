/** Web call platforms on which the panel is offered without a toolbar click. */
export const CALL_SITES = [
  { platform: 'Google Meet', match: 'https://meet.google.com/*' },
  { platform: 'Zoom', match: 'https://*.zoom.us/*' },
  { platform: 'Microsoft Teams', match: 'https://teams.microsoft.com/*' },
  { platform: 'Microsoft Teams', match: 'https://teams.live.com/*' },
  { platform: 'Webex', match: 'https://*.webex.com/*' },
  { platform: 'Jitsi Meet', match: 'https://meet.jit.si/*' },
  { platform: 'Whereby', match: 'https://whereby.com/*' },
] as const;

export type CallPlatform = (typeof CALL_SITES)[number]['platform'];

/** Match patterns for the manifest's host_permissions. */
export const CALL_SITE_MATCHES: readonly string[] = CALL_SITES.map((site) => site.match);

function patternToRegExp(pattern: string): RegExp {
  const [, scheme, host, path] = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern) ?? [];
  if (!scheme || !host || !path) throw new Error(`Bad match pattern: ${pattern}`);
  const escape = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const hostRe = host.startsWith('*.') ? `([^/]+\\.)?${escape(host.slice(2))}` : escape(host);
  const pathRe = escape(path).replace(/\*/g, '.*');
  return new RegExp(`^${scheme === '*' ? 'https?' : scheme}://${hostRe}${pathRe}$`);
}

const SITE_RES = CALL_SITES.map((site) => ({ ...site, re: patternToRegExp(site.match) }));

/** The call platform a tab URL belongs to, or null for any other page. */
export function callPlatformOf(url: string | undefined): CallPlatform | null {
  if (!url) return null;
  const hit = SITE_RES.find((site) => site.re.test(url));
  return hit ? hit.platform : null;
}

/**
 * Whether a tab watched on `origin` has left it: its URL is on another origin, or no longer visible
 * (an extension sees a tab's URL only on sites it has host access to, the call sites).
 */
export function leftSite(origin: string, url: string | undefined): boolean {
  return !url || new URL(url).origin !== origin;
}
