import { describe, expect, it } from 'vitest';
import { CALL_SITE_MATCHES, callPlatformOf, leftSite } from '@/utils/common/call-sites';

describe('callPlatformOf', () => {
  it.each([
    ['https://meet.google.com/abc-defg-hij', 'Google Meet'],
    ['https://us02web.zoom.us/wc/123456/join', 'Zoom'],
    ['https://zoom.us/wc/join/123', 'Zoom'],
    ['https://teams.microsoft.com/v2/', 'Microsoft Teams'],
    ['https://teams.live.com/meet/9999', 'Microsoft Teams'],
    ['https://acme.webex.com/meet/jane', 'Webex'],
    ['https://meet.jit.si/LiveproofDemo', 'Jitsi Meet'],
    ['https://whereby.com/liveproof', 'Whereby'],
  ])('should recognise %s as %s', (url, platform) => {
    expect(callPlatformOf(url)).toBe(platform);
  });

  it.each([
    'https://meet.google.com.evil.example/abc',
    'http://meet.google.com/abc',
    'https://notzoom.us/wc/1',
    'https://example.com/?next=https://meet.google.com/x',
    'chrome://extensions',
    '',
    undefined,
  ])('should not treat %s as a call site', (url) => {
    expect(callPlatformOf(url)).toBeNull();
  });

  it('should declare one host permission per call site', () => {
    expect(CALL_SITE_MATCHES).toContain('https://meet.google.com/*');
    expect(new Set(CALL_SITE_MATCHES).size).toBe(CALL_SITE_MATCHES.length);
  });
});

describe('leftSite', () => {
  const meet = 'https://meet.google.com';

  it('should keep a tab that stays on its origin, on any page there', () => {
    expect(leftSite(meet, 'https://meet.google.com/abc-defg-hij')).toBe(false);
    expect(leftSite(meet, 'https://meet.google.com/landing?authuser=0')).toBe(false);
  });

  it('should say a tab left when it is on another origin', () => {
    expect(leftSite(meet, 'https://us02web.zoom.us/wc/1')).toBe(true);
    expect(leftSite(meet, 'http://meet.google.com/abc')).toBe(true);
  });

  it('should say a tab left when its URL is no longer visible (a site without host access)', () => {
    expect(leftSite(meet, undefined)).toBe(true);
    expect(leftSite(meet, '')).toBe(true);
  });
});
