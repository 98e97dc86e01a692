import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StateBatch } from '@/utils/live/state-batch';

interface View {
  live: string;
  summary: number | null;
  session: string;
}

describe('StateBatch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('should apply the changes of one task together in the next, the later value of a key winning', () => {
    const applied: Partial<View>[] = [];
    const batch = new StateBatch<View>((change) => applied.push(change));
    batch.add({ live: 'starting', summary: null });
    batch.add({ session: 's-1' });
    batch.add({ live: 'live' });
    expect(applied).toEqual([]);
    vi.runAllTimers();
    expect(applied).toEqual([{ live: 'live', summary: null, session: 's-1' }]);
    batch.add({ summary: 3 });
    vi.runAllTimers();
    expect(applied).toEqual([{ live: 'live', summary: null, session: 's-1' }, { summary: 3 }]);
  });

  it('should drop what is not applied yet when cancelled, and apply later changes again', () => {
    const applied: Partial<View>[] = [];
    const batch = new StateBatch<View>((change) => applied.push(change));
    batch.add({ live: 'ended' });
    batch.cancel();
    vi.runAllTimers();
    expect(applied).toEqual([]);
    batch.add({ live: 'idle' });
    vi.runAllTimers();
    expect(applied).toEqual([{ live: 'idle' }]);
  });
});
