import { describe, expect, it } from 'vitest';
import { sidePanelPathFor, tabIdFromSearch } from '@/utils/common/panel-url';

describe('panel-url', () => {
  it('should round-trip a tab id through the panel path', () => {
    const path = sidePanelPathFor(42);
    expect(tabIdFromSearch(path.slice(path.indexOf('?')))).toBe(42);
  });

  it.each(['', '?tabId=', '?tabId=abc', '?tabId=-1', '?tabId=1.5', '?other=3'])('should give null for %j', (search) => {
    expect(tabIdFromSearch(search)).toBeNull();
  });
});
