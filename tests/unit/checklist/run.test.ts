import { describe, expect, it } from 'vitest';
import { PHRASE_WORDS } from '@/utils/checklist/challenges';
import { BUILT_IN_PROMPTS, defaultTemplate, type Template } from '@/utils/checklist/prompts';
import {
  type ChecklistItem,
  type ChecklistRun,
  answerItem,
  askItem,
  goTo,
  isChallenge,
  itemStatus,
  markItem,
  nextOpen,
  noteItem,
  progressOf,
  startRun,
  verifiedItem,
} from '@/utils/checklist/run';
import { seededRandom } from '../../support/generators';

const itemAt = (run: ChecklistRun, index: number) => run.items[index] as ChecklistItem;
const passed = { outcome: 'passed' as const, summary: 'ok', evidence: {} };

describe('checklist run', () => {
  it('should shuffle the challenges among their own slots and keep the other prompts in the template order', () => {
    const template: Template = { ...defaultTemplate(), hidden: ['remove-glasses'] };
    const orders = Array.from({ length: 12 }, (_, seed) =>
      startRun(template, seededRandom(seed + 1)).items.map((item) => item.prompt.id),
    );
    const visible = template.prompts.filter((prompt) => prompt.id !== 'remove-glasses');
    for (const order of orders) {
      expect(order).toHaveLength(visible.length);
      expect(order).not.toContain('remove-glasses');
      visible.forEach((prompt, i) => {
        if (!isChallenge(prompt)) expect(order[i]).toBe(prompt.id);
        else expect(isChallenge(BUILT_IN_PROMPTS.find((p) => p.id === order[i]) ?? prompt)).toBe(true);
      });
    }
    expect(new Set(orders.map((order) => order.join())).size).toBeGreaterThan(6);
  });

  it('should fill each challenge with random words from the list and a side', () => {
    const run = startRun(defaultTemplate(), seededRandom(5));
    const read = run.items.find((item) => item.prompt.id === 'read-phrase');
    const words = read?.words.split(': ')[1]?.split(' ') ?? [];
    expect(words).toHaveLength(8);
    for (const word of words) expect(PHRASE_WORDS).toContain(word);
    expect(run.items.find((item) => item.prompt.id === 'turn-profile')?.words).toMatch(/to the (left|right) until/);
  });

  it('should go from waiting to answering to checked, with the mark overriding the signals', () => {
    const random = seededRandom(2);
    let run = startRun(defaultTemplate(), random);
    const index = run.items.findIndex((item) => item.prompt.id === 'blink-twice');
    expect(itemStatus(itemAt(run, index))).toBe('waiting');
    run = askItem(run, index, 10, random);
    expect(run.current).toBe(index);
    expect(itemStatus(itemAt(run, index))).toBe('answering');
    run = answerItem(run, index, 16);
    expect(itemStatus(itemAt(run, index))).toBe('checking');
    run = verifiedItem(run, index, 10, { outcome: 'concern', summary: 'No blink', evidence: { blinks: 0 } });
    expect(itemStatus(itemAt(run, index))).toBe('concern');
    run = markItem(noteItem(run, index, 'blinked, camera lagged'), index, 'passed');
    expect(itemStatus(itemAt(run, index))).toBe('passed');
    expect(run.items[index]).toMatchObject({
      auto: { outcome: 'concern' },
      mark: 'passed',
      note: 'blinked, camera lagged',
      askedAtS: 10,
      answeredAtS: 16,
    });
    expect(itemStatus(itemAt(markItem(run, index, null), index))).toBe('concern');
  });

  it('should give a re-asked challenge new words, drop a late answer to the old asking, and keep the note', () => {
    const random = seededRandom(9);
    let run = startRun(defaultTemplate(), random);
    const index = run.items.findIndex((item) => item.prompt.id === 'read-phrase');
    run = noteItem(answerItem(askItem(run, index, 5, random), index, 20), index, 'stumbled');
    const firstWords = itemAt(run, index).words;
    run = askItem(run, index, 30, random);
    expect(itemAt(run, index).words).not.toBe(firstWords);
    expect(run.items[index]).toMatchObject({ attempts: 2, askedAtS: 30, answeredAtS: null, note: 'stumbled' });
    run = verifiedItem(run, index, 5, passed);
    expect(itemAt(run, index).auto).toBeNull();
  });

  it('should leave manual prompts waiting for the mark after the answer', () => {
    const random = seededRandom(4);
    let run = startRun(defaultTemplate(), random);
    const index = run.items.findIndex((item) => item.prompt.id === 'earlier-details');
    run = answerItem(askItem(run, index, 1, random), index, 9);
    expect(itemStatus(itemAt(run, index))).toBe('awaiting-mark');
  });

  it('should count progress and move to the next prompt without an outcome', () => {
    const random = seededRandom(1);
    let run = startRun(defaultTemplate(), random);
    run = markItem(run, 1, 'skipped');
    run = markItem(run, 2, 'concern');
    expect(nextOpen(goTo(run, 0))).toBe(3);
    expect(progressOf(run)).toEqual({
      total: run.items.length,
      done: 2,
      passed: 0,
      concern: 1,
      notVerified: 0,
      skipped: 1,
    });
    expect(goTo(run, 99).current).toBe(run.items.length - 1);
    for (let i = 0; i < run.items.length; i++) run = markItem(run, i, 'passed');
    expect(nextOpen(goTo(run, 4))).toBe(4);
  });
});
