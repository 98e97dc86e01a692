import { describe, expect, it } from 'vitest';
import { findingTimeS, type Finding } from '@/utils/findings/finding';
import { mergeFindings, mergeWindows } from '@/utils/findings/merge';

const finding = (
  kind: Finding['kind'],
  startS: number,
  endS: number,
  severity: Finding['severity'] = 'warn',
): Finding => ({
  kind,
  severity,
  startS,
  endS,
  message: `${kind} ${severity}`,
  evidence: {},
});

describe('mergeFindings', () => {
  it('should extend a finding of the same kind that overlaps, keeping the stronger one', () => {
    const merged = mergeFindings(
      [finding('freeze', 10, 20, 'info'), finding('no-face', 12, 14)],
      [finding('freeze', 15, 25, 'warn')],
    );
    expect(merged).toEqual([finding('freeze', 10, 25, 'warn'), finding('no-face', 12, 14)]);
  });

  it('should keep separate events of one kind apart', () => {
    expect(mergeFindings([finding('freeze', 10, 20)], [finding('freeze', 40, 45)])).toHaveLength(2);
  });

  it('should join findings that only touch', () => {
    expect(mergeFindings([finding('av-offset', 0, 30)], [finding('av-offset', 30, 40)])).toEqual([
      finding('av-offset', 0, 40),
    ]);
  });

  it('should keep the earlier wording when the severities are equal', () => {
    const first = { ...finding('av-offset', 0, 30), message: 'first' };
    const [merged] = mergeFindings([first], [{ ...finding('av-offset', 10, 40), message: 'second' }]);
    expect(merged?.message).toBe('first');
  });
});

describe('mergeWindows', () => {
  it('should join a kind across windows even when another kind came in between', () => {
    const merged = mergeWindows([
      [finding('av-offset', 0, 30)],
      [finding('av-mismatch', 10, 40, 'high')],
      [finding('av-offset', 20, 50)],
    ]);
    expect(merged).toEqual([finding('av-offset', 0, 50), finding('av-mismatch', 10, 40, 'high')]);
  });

  it('should give nothing for windows without findings', () => {
    expect(mergeWindows([[], []])).toEqual([]);
  });
});

describe('findingTimeS', () => {
  it.each([
    [1234.4, 1.234],
    [1234.6, 1.235],
    [-500, -0.5],
  ])('should give %d ms as %d s', (ms, s) => {
    expect(findingTimeS(ms)).toBe(s);
  });
});
