import { describe, expect, it } from 'vitest';
import {
  cpuShares,
  decayPlace,
  heapsByIsolate,
  isWorkTarget,
  soakVerdict,
  targetLabel,
  type SoakRow,
} from '../../../scripts/lib/bench/soak.mjs';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

/** Minute rows with the given fps, heap and stored bytes per minute (1-based). */
const rows = (minutes: number, at: (minute: number) => Omit<SoakRow, 'minute'>): SoakRow[] =>
  Array.from({ length: minutes }, (_, i) => ({ minute: i + 1, ...at(i + 1) }));

describe('isWorkTarget', () => {
  it('should take extension pages of any type and every worker, and nothing else', () => {
    expect(isWorkTarget({ type: 'page', url: `${EXTENSION}/sidepanel.html?tabId=3` })).toBe(true);
    expect(isWorkTarget({ type: 'other', url: `${EXTENSION}/offscreen.html` })).toBe(true);
    expect(isWorkTarget({ type: 'worker', url: `${EXTENSION}/assets/landmarker.worker-BpxS2_sW.js` })).toBe(true);
    expect(isWorkTarget({ type: 'service_worker', url: `${EXTENSION}/background.js` })).toBe(true);
    expect(isWorkTarget({ type: 'page', url: 'http://127.0.0.1:4000/' })).toBe(false);
    expect(isWorkTarget({ type: 'browser_ui', url: 'chrome://omnibox-popup.top-chrome/' })).toBe(false);
  });
});

describe('targetLabel', () => {
  it('should name a target by its file, without the query or the bundle hash, and its kind of worker', () => {
    expect(targetLabel({ type: 'page', url: `${EXTENSION}/sidepanel.html?tabId=3` })).toBe('sidepanel.html');
    expect(targetLabel({ type: 'worker', url: `${EXTENSION}/assets/live-analysis.worker-CkXy4D7M.js` })).toBe(
      'live-analysis.worker.js (worker)',
    );
    expect(targetLabel({ type: 'service_worker', url: `${EXTENSION}/background.js` })).toBe(
      'background.js (service worker)',
    );
  });
});

describe('heapsByIsolate', () => {
  it('should count an isolate shared by two pages once, under both names, largest first', () => {
    const heaps = heapsByIsolate([
      { label: 'sidepanel.html', isolateId: 'a', usedBytes: 10, buffersBytes: 1 },
      { label: 'worker.js (worker)', isolateId: 'b', usedBytes: 30, buffersBytes: 5 },
      { label: 'offscreen.html', isolateId: 'a', usedBytes: 12, buffersBytes: 1 },
    ]);
    expect(heaps).toEqual([
      { label: 'worker.js (worker)', usedBytes: 30, buffersBytes: 5 },
      { label: 'offscreen.html + sidepanel.html', usedBytes: 12, buffersBytes: 1 },
    ]);
  });
});

describe('soakVerdict', () => {
  it('should pass a flat heap, steady fps and a session growing 10 kB a minute', () => {
    const verdict = soakVerdict(
      rows(20, (m) => ({ fps: 10, heapMb: m < 5 ? 20 + m : 25 + m / 100, sessionBytes: 10_000 * m })),
    );
    expect(verdict.heapGrowth).toBeCloseTo(0.15 / 25.05, 6);
    expect(verdict.fpsRatio).toBe(1);
    expect(verdict.steady).toBe(true);
    expect(verdict.hourBytes).toBe(600_000);
    expect(verdict.line).not.toMatch(/FAIL|n\/a/);
  });

  it('should fail a growing heap, decaying fps and a session that grows faster as it goes', () => {
    const verdict = soakVerdict(
      rows(20, (m) => ({ fps: 12 - m / 2, heapMb: 20 * 1.02 ** m, sessionBytes: 100 * m * m })),
    );
    expect(verdict.heapGrowth).toBeGreaterThan(0.1);
    expect(verdict.fpsRatio).toBeLessThan(0.9);
    expect(verdict.steady).toBe(false);
    expect(verdict.line.match(/FAIL/g)).toHaveLength(3);
  });

  it('should fail a steady session that would pass 1 MB within the hour', () => {
    const verdict = soakVerdict(rows(10, (m) => ({ fps: 10, heapMb: 20, sessionBytes: 20_000 * m })));
    expect(verdict.steady).toBe(true);
    expect(verdict.hourBytes).toBe(1_200_000);
    expect(verdict.line).toMatch(/MB\/h\): FAIL/);
  });

  it('should leave unjudged what a short run cannot tell', () => {
    const verdict = soakVerdict(rows(3, (m) => ({ fps: 10, heapMb: 20, sessionBytes: 1000 * m })));
    expect(verdict.heapGrowth).toBeNaN();
    expect(verdict.line).toMatch(/heap after minute 5 \(needs > 5 min\) \(< 10 %\): n\/a/);
    expect(verdict.line).toMatch(/windows overlap/);
    expect(soakVerdict(rows(1, () => ({ fps: 10, heapMb: 20, sessionBytes: 1000 }))).line).toMatch(
      /fps .*: n\/a; session .*: n\/a$/,
    );
  });
});

describe('decayPlace', () => {
  it('should say none when the last minutes keep 90 % of the early fps', () => {
    const line = decayPlace({ early: 16, late: 15, freshPipeline: 16, freshBrowser: 16.5 });
    expect(line).toMatch(/^DECAY none/);
    expect(line).toContain('min 2–6 16.0, last 5 15.0, fresh pipeline 16.0, fresh browser 16.5 fps');
  });

  it('should place a decay in what a fresh start brings back, and on the machine when none does', () => {
    expect(decayPlace({ early: 16, late: 12, freshPipeline: 16, freshBrowser: 16 })).toMatch(/pipeline's state/);
    expect(decayPlace({ early: 16, late: 12, freshPipeline: 12, freshBrowser: 16 })).toMatch(
      /in the browser, the call page or the session/,
    );
    expect(decayPlace({ early: 16, late: 12, freshPipeline: 12, freshBrowser: 12.5 })).toMatch(/outside the browser/);
  });

  it('should say n/a when a run gave no figure', () => {
    expect(decayPlace({ early: 16, late: 12, freshPipeline: Number.NaN, freshBrowser: 16 })).toMatch(/^DECAY n\/a/);
  });
});

describe('cpuShares', () => {
  it('should give the busy (not stolen) and stolen shares of the jiffies between two readings', () => {
    // user nice system idle iowait irq softirq steal
    const before = [100, 0, 50, 800, 10, 0, 0, 40];
    const after = [160, 0, 70, 880, 20, 0, 0, 70];
    const shares = cpuShares(before, after);
    // Of 200 jiffies: 90 idle or waiting for disk, 30 stolen.
    expect(shares.busy).toBeCloseTo(1 - (90 + 30) / 200, 9);
    expect(shares.steal).toBeCloseTo(30 / 200, 9);
  });

  it('should give no figure without a reading', () => {
    expect(cpuShares(null, [1, 2, 3, 4, 5, 6, 7, 8]).busy).toBeNaN();
  });
});
