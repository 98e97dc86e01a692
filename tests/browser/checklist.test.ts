import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/browser.mjs';
import { panelScreenshot } from '../../scripts/lib/demo-call.mjs';
import { pressShortcut } from '../support/shortcut';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { faceModel } from '../support/paths';

/** Opens prompt `id` of the running checklist from the list. */
async function openPrompt(panel: Page, id: string) {
  await panel.locator(`[data-testid="checklist-item"][data-prompt="${id}"]`).click();
  await panel.locator(`[data-testid="checklist-current"][data-prompt="${id}"]`).waitFor();
}

const statusOf = (panel: Page) => panel.getByTestId('checklist-current').getAttribute('data-status');

// The checklist in the side panel of a tab with no capture running: the flow, the keys, what
// survives a reload, and the template editor. The checks against live signals are in live-call.test.ts.
describe.skipIf(!faceModel())('checklist in the side panel', () => {
  let browser: ExtensionBrowser;
  let panel: Page;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    panel = await browser.openPage('sidepanel.html?tabId=77');
    await panel.getByText('Model loaded').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => browser?.close());

  it('should start a checklist in a random order with the current prompt large and nothing done', async () => {
    await panel.getByTestId('checklist-start').click();
    await panel.getByTestId('checklist-current').waitFor();
    const order = await panel
      .getByTestId('checklist-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-prompt')));
    expect(order).toHaveLength(11);
    await expect.poll(() => panel.getByTestId('checklist-progress').getAttribute('data-done')).toBe('0');
    const words = (await panel.getByTestId('checklist-words').textContent()) ?? '';
    const size = await panel
      .getByTestId('checklist-words')
      .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    expect(words.length).toBeGreaterThan(10);
    expect(size).toBeGreaterThanOrEqual(18);
    const read = (await panel.locator('[data-testid="checklist-item"][data-prompt="read-phrase"]').textContent()) ?? '';
    expect(read).toMatch(/slowly, twice: (\w+ ){7}\w+/);
  });

  it('should ask a manual prompt, close its window on Done and take the mark by key and the typed note', async () => {
    await openPrompt(panel, 'earlier-details');
    await panel.getByRole('button', { name: /Ask now/ }).click();
    await panel
      .getByTestId('checklist-countdown')
      .getByText(/Listening · (59|60) s/)
      .waitFor();
    await panel.getByRole('button', { name: /Done/ }).click();
    await expect.poll(() => statusOf(panel)).toBe('awaiting-mark');
    await pressShortcut(panel, 'p');
    await expect.poll(() => statusOf(panel)).toBe('passed');
    await panel.getByTestId('checklist-note').fill('Named the bug and how it was found');
    await expect.poll(() => panel.getByTestId('checklist-progress').getAttribute('data-done')).toBe('1');
    // Typing a "c" in the note is text, not a mark.
    const note = panel.getByTestId('checklist-note');
    await note.press('c');
    await expect.poll(() => note.inputValue()).toBe('Named the bug and how it was foundc');
    expect(await statusOf(panel)).toBe('passed');
    await pressShortcut(panel, 'c');
    await expect.poll(() => statusOf(panel)).toBe('concern');
    await panel.getByTestId('mark-passed').click();
    await expect.poll(() => statusOf(panel)).toBe('passed');
  });

  it('should say a challenge could not be checked without a capture, and let the interviewer override it', async () => {
    await openPrompt(panel, 'blink-twice');
    await pressShortcut(panel, 'a');
    await panel.getByTestId('checklist-countdown').waitFor();
    await pressShortcut(panel, 'd');
    await panel.locator('[data-testid="checklist-auto"][data-outcome="not-verified"]').waitFor();
    expect(await panel.getByTestId('checklist-auto').textContent()).toMatch(/No capture was analysing the call/);
    await pressShortcut(panel, 'n');
    await expect.poll(() => panel.getByTestId('mark-not-verified').getAttribute('aria-pressed')).toBe('true');
    await pressShortcut(panel, 'n');
    await expect.poll(() => panel.getByTestId('mark-not-verified').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => statusOf(panel)).toBe('not-verified');
    const before = await panel.getByTestId('checklist-current').getAttribute('data-prompt');
    await pressShortcut(panel, 'j');
    expect(await panel.getByTestId('checklist-current').getAttribute('data-prompt')).not.toBe(before);
    await pressShortcut(panel, 'k');
    expect(await panel.getByTestId('checklist-current').getAttribute('data-prompt')).toBe(before);
  });

  it('should keep the order, outcomes and notes across a panel reload', async () => {
    const order = await panel
      .getByTestId('checklist-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-prompt')));
    await panel.reload();
    await panel.getByTestId('checklist-current').waitFor();
    expect(
      await panel
        .getByTestId('checklist-item')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-prompt'))),
    ).toEqual(order);
    await openPrompt(panel, 'earlier-details');
    await expect.poll(() => statusOf(panel)).toBe('passed');
    expect(await panel.getByTestId('checklist-note').inputValue()).toBe('Named the bug and how it was foundc');
    await expect.poll(() => panel.getByTestId('checklist-progress').getAttribute('data-done')).toBe('2');
    await panelScreenshot(panel, join(ROOT, '.cache/checklist.png'));
  });

  it('should edit, save, export and import templates, refusing a broken file with a clear message', async () => {
    await panel.getByRole('button', { name: 'Edit templates' }).click();
    const editor = panel.getByTestId('checklist-editor');
    await editor.getByLabel('New template name').fill('Senior backend');
    await editor.getByRole('button', { name: 'Save as new' }).click();
    await expect.poll(() => editor.getByTestId('editor-template').inputValue()).toBe('Senior backend');
    await editor.getByLabel('Show "Please blink twice, slowly."').uncheck();
    await editor.locator('[data-prompt="read-phrase"]').getByRole('button', { name: 'Move up' }).click();
    await editor.getByLabel('The words to say').fill('Which on-call incident taught you the most?');
    await editor.getByRole('button', { name: 'Add prompt' }).click();
    await editor.locator('[data-prompt^="own-which-on-call-incident"]').waitFor();
    await editor.getByRole('button', { name: 'Add prompt' }).click();
    await editor.getByText(/The words to say: /).waitFor();

    const [download] = await Promise.all([
      panel.waitForEvent('download'),
      editor.getByTestId('template-export').click(),
    ]);
    const exported = join(tmpdir(), `liveproof-template-${process.pid}.json`);
    await download.saveAs(exported);
    const template = JSON.parse(await readFile(exported, 'utf8'));
    expect(template).toMatchObject({
      kind: 'liveproof-checklist-template',
      schemaVersion: 1,
      name: 'Senior backend',
      hidden: ['blink-twice'],
    });
    expect(template.prompts.map((prompt: { id: string }) => prompt.id).indexOf('read-phrase')).toBe(1);
    expect(template.prompts.at(-1).say).toBe('Which on-call incident taught you the most?');

    const broken = join(tmpdir(), `liveproof-broken-${process.pid}.json`);
    await writeFile(
      broken,
      JSON.stringify({ ...template, prompts: [{ ...template.prompts[0], verifier: 'mind-reading' }] }),
    );
    await editor.getByTestId('template-import').setInputFiles(broken);
    const problem = panel.getByTestId('templates-problem');
    await problem.waitFor();
    const problemText = await problem.textContent();
    expect(problemText).toMatch(
      /^liveproof-broken-\d+\.json: This is not a Liveproof checklist template at prompts\.0\.verifier: /,
    );
    expect(problemText).toMatch(/Nothing was changed\.$/);
    expect(await editor.getByTestId('editor-template').locator('option').allTextContents()).toEqual([
      'Standard interview',
      'Senior backend',
    ]);

    await editor.getByTestId('template-import').setInputFiles(exported);
    await expect.poll(() => editor.getByTestId('editor-template').inputValue()).toBe('Senior backend (imported)');
    expect(await panel.getByTestId('templates-problem').count()).toBe(0);
    await panelScreenshot(panel, join(ROOT, '.cache/checklist-editor.png'));

    // The templates are kept in the extension's storage, and a new checklist uses the edited one.
    await panel.reload();
    await panel.getByTestId('checklist-current').waitFor();
    panel.once('dialog', (dialog) => void dialog.accept());
    await panel.getByRole('button', { name: 'Discard checklist' }).click();
    await expect.poll(() => panel.getByTestId('template-select').inputValue()).toBe('Senior backend (imported)');
    await panel.getByTestId('checklist-start').click();
    const ids = await panel
      .getByTestId('checklist-item')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-prompt')));
    expect(ids).not.toContain('blink-twice');
    expect(ids.at(-1)).toMatch(/^own-which-on-call-incident/);
  });
});
