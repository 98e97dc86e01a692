import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, ROOT } from '../../scripts/lib/browser.mjs';
import { pressShortcut } from '../support/shortcut';
import { launchExtensionBrowser, type ExtensionBrowser } from '../support/extension-browser';
import { sessionToJson } from '@/utils/sessions/export-json';
import { withEnded, type Session } from '@/utils/sessions/session';
import { profileAt, sessionWithProfile } from '../fixtures/sessions/identity-profiles';
import { evaluateInOffscreen } from '../support/offscreen';
import { faceModel } from '../support/paths';
import { sessionFixtureText } from '../support/session-fixtures';

const tmp = (name: string) => join(tmpdir(), `liveproof-${process.pid}-${name}`);

async function saved(download: Download, name: string): Promise<string> {
  const path = tmp(name);
  await download.saveAs(path);
  return readFile(path, 'utf8');
}

type StorageApi = { chrome: { storage: { local: { set(items: object): Promise<void> } } } };

// Sessions in real IndexedDB, without a capture: notes and details kept as they are typed, a
// failing database said plainly with nothing lost, the sessions page, exports, imports, the
// combined view, retention and deletion, and sessions from before IndexedDB moved over.
describe.skipIf(!faceModel())('sessions', () => {
  let browser: ExtensionBrowser;
  let panel: Page;

  beforeAll(async () => {
    browser = await launchExtensionBrowser();
    // A session kept by an older Liveproof (schema version 1, in chrome.storage.local).
    const [worker] = browser.context.serviceWorkers();
    await worker?.evaluate(async (v1) => {
      await (globalThis as unknown as StorageApi).chrome.storage.local.set({ 'liveSession:812': JSON.parse(v1) });
    }, sessionFixtureText(1));
    panel = await browser.openPage('sidepanel.html?tabId=44');
    await panel.getByText('Model loaded').waitFor({ timeout: 30_000 });
  });
  afterAll(async () => browser?.close());

  it('should stamp a note when T is pressed, not when saved, and keep details and notes across a reload', async () => {
    await panel.getByTestId('checklist-start').click();
    await panel.waitForTimeout(2500);
    await pressShortcut(panel, 't');
    const stamp = Number(await panel.getByTestId('note-input').getAttribute('data-stamp'));
    expect(stamp).toBeGreaterThan(2);
    await panel.waitForTimeout(2000);
    await panel.getByTestId('note-input').pressSequentially('Hesitated on the employer');
    await panel.getByTestId('note-input').press('Enter');
    await panel.getByTestId('session-candidate').fill('Ada Lovelace');
    await panel.getByLabel('Role').fill('Backend engineer');
    await panel.getByLabel('Interviewer').fill('Grace Hopper');
    await panel.reload();
    await panel.getByTestId('notes').getByText('Hesitated on the employer').waitFor();
    expect(await panel.getByTestId('notes').textContent()).toMatch(new RegExp(`^0:0${Math.round(stamp)} Hesitated`));
    expect(await panel.getByTestId('session-candidate').inputValue()).toBe('Ada Lovelace');
    expect(await panel.getByLabel('Interviewer').inputValue()).toBe('Grace Hopper');
    await panel.getByRole('button', { name: /Edit the note at/ }).click();
    await panel.getByLabel('Edit note').fill('Hesitated on the last employer');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByTestId('notes').getByText('Hesitated on the last employer (edited)').waitFor();
  });

  it('should say plainly when the database fails, keep the notes on screen and save them once it works', async () => {
    // The panel of a tab is a view: its session is saved by the offscreen document, where the disk fills.
    await evaluateInOffscreen(
      browser.context,
      `(() => {
        const put = IDBObjectStore.prototype.put;
        window.restorePut = () => { IDBObjectStore.prototype.put = put; };
        IDBObjectStore.prototype.put = () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      })()`,
    );
    await panel.getByTestId('note-input').fill('Written while the disk is full');
    await panel.getByTestId('note-input').press('Enter');
    const problem = panel.getByTestId('session-problem');
    await problem.waitFor();
    const problemText = await problem.textContent();
    expect(problemText).toMatch(/could not save this session: the browser says its storage for Liveproof is full/);
    // The panel is on a tab: the session is held by the offscreen document.
    expect(problemText).toMatch(/kept while this tab's capture runs or its panel is open; save a copy/);
    await panel.getByTestId('notes').getByText('Written while the disk is full').waitFor();
    // The copy holds what could not be saved, and reads back as a session.
    const [copy] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('session-save-copy').click()]);
    expect(JSON.parse(await saved(copy, 'copy.json')).notes.map((note: { text: string }) => note.text)).toContain(
      'Written while the disk is full',
    );
    await evaluateInOffscreen(browser.context, 'window.restorePut()');
    await panel.getByTestId('note-input').fill('And one after');
    await panel.getByTestId('note-input').press('Enter');
    await problem.waitFor({ state: 'detached' });
    await panel.reload();
    await panel.getByTestId('notes').getByText('Written while the disk is full').waitFor();
    await panel.getByTestId('notes').getByText('And one after').waitFor();
  });

  it('should say plainly when storage is blocked, keep the notes in the open panel with a copy to save', async () => {
    const blocked = await browser.context.newPage();
    // As in a profile with site data switched off: no IndexedDB at all.
    await blocked.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { get: () => undefined });
    });
    // A panel without a tab runs the session itself, so blocking its storage blocks the session's.
    await blocked.goto(browser.extensionUrl('sidepanel.html'));
    const problem = blocked.getByTestId('session-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(
      /could not read saved sessions: the browser has blocked storage for Liveproof/,
    );
    await blocked.getByTestId('note-input').fill('Kept in the panel only');
    await blocked.getByTestId('note-input').press('Enter');
    await blocked.getByTestId('notes').getByText('Kept in the panel only').waitFor();
    await expect
      .poll(() => problem.textContent())
      .toMatch(/could not save this session: the browser has blocked storage.*save a copy/);
    const [copy] = await Promise.all([
      blocked.waitForEvent('download'),
      blocked.getByTestId('session-save-copy').click(),
    ]);
    expect(JSON.parse(await saved(copy, 'blocked.json')).notes[0].text).toBe('Kept in the panel only');
    await blocked.close();
  });

  it('should list the ended session beside the one moved over from the old storage, and export it', async () => {
    await panel.getByTestId('end-session').click();
    await panel.getByTestId('live-session').waitFor({ state: 'detached' });
    const page = await browser.openPage('sessions.html');
    const rows = page.getByTestId('session-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(/Ada Lovelace, Backend engineer.*Grace Hopper/);
    // Never ended, but untouched for a year: not open in any call panel (SESSION_RESUME_MS).
    expect(await rows.nth(1).textContent()).toMatch(/Interview of 2025-11-26 00:00 UTC.*1 finding\(s\)$/);
    await rows.nth(0).getByRole('link').click();
    await page.getByTestId('session-view').waitFor();
    expect(await page.getByTestId('timeline').textContent()).toMatch(/Note Hesitated on the last employer/);

    const exports = page.getByTestId('exports');
    const [md] = await Promise.all([
      page.waitForEvent('download'),
      exports.getByRole('button', { name: 'Markdown' }).click(),
    ]);
    expect(md.suggestedFilename()).toMatch(/^liveproof-\d{4}-\d\d-\d\d-ada-lovelace-backend-engineer\.md$/);
    const markdown = await saved(md, 'session.md');
    expect(markdown).toMatch(/^## Liveproof session: Ada Lovelace, Backend engineer/);
    expect(markdown).toContain('- Interviewer: Grace Hopper');
    expect(markdown).toContain('Hesitated on the last employer');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      exports.getByRole('button', { name: 'CSV timeline' }).click(),
    ]);
    expect((await saved(csv, 'session.csv')).split('\r\n')[0]).toBe(
      'session_id,call_time_s,end_s,kind,level,title,detail',
    );
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      exports.getByRole('button', { name: 'JSON' }).click(),
    ]);
    const exported = JSON.parse(await saved(json, 'session.json'));
    expect(exported).toMatchObject({
      kind: 'liveproof-session',
      schemaVersion: 3,
      candidate: { name: 'Ada Lovelace' },
      interviewer: 'Grace Hopper',
    });
    expect(JSON.stringify(exported)).not.toMatch(/data:image|base64/);
    await page.close();
  });

  it('should import sessions, refuse damaged or hostile files changing nothing, and combine rounds', async () => {
    const page = await browser.openPage('sessions.html');
    await page.getByTestId('session-row').first().waitFor();
    const before = await page.getByTestId('session-row').count();
    const round = JSON.parse(sessionFixtureText(2));
    const hostile = {
      ...round,
      id: 'hostile',
      notes: [{ id: 'x', atS: 1, text: '<img src=x onerror="document.title=\'pwned\'">', editedAtMs: null }],
    };
    await writeFile(tmp('round.json'), JSON.stringify(round));
    await writeFile(tmp('hostile.json'), JSON.stringify(hostile));
    await writeFile(
      tmp('damaged.json'),
      JSON.stringify({ ...round, id: 'damaged', findings: [{ kind: 'mind-reading' }] }),
    );
    await writeFile(tmp('notes.txt'), 'just some notes');
    await page
      .getByTestId('session-import')
      .setInputFiles([
        tmp('round.json'),
        tmp('hostile.json'),
        tmp('damaged.json'),
        tmp('notes.txt'),
        tmp('round.json'),
      ]);
    const results = page.getByTestId('import-results');
    await results.waitFor();
    const lines = await results.locator('li').allTextContents();
    expect(lines[0]).toMatch(/round\.json: imported "Ada Lovelace, Backend engineer"/);
    expect(lines[1]).toMatch(/hostile\.json: imported/);
    expect(lines[2]).toMatch(
      /damaged\.json: not imported: This Liveproof session \(version 2\) is damaged at findings\.0\.kind/,
    );
    expect(lines[3]).toMatch(/notes\.txt: not imported: This file is not JSON/);
    expect(lines[4]).toMatch(
      /round\.json: "Ada Lovelace, Backend engineer" is already on this device; the stored one was kept/,
    );
    await expect.poll(() => page.getByTestId('session-row').count()).toBe(before + 2);

    // Note text is shown as text, never run as HTML.
    await page.locator('[data-testid="session-row"][data-id="hostile"]').getByRole('link').click();
    await page.getByTestId('notes').getByText('<img src=x onerror=').waitFor();
    expect(await page.title()).not.toBe('pwned');
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await page.goto(browser.extensionUrl('sessions.html'));
    const ada = page.getByTestId('session-row').filter({ hasText: 'Ada Lovelace' });
    await expect.poll(() => ada.count()).toBe(3);
    for (let i = 0; i < 3; i++) await ada.nth(i).getByRole('checkbox').check();
    await page.getByTestId('combine').click();
    const combined = page.getByTestId('combined');
    await combined.waitFor();
    expect(await combined.getByRole('heading').first().textContent()).toBe('Ada Lovelace: 3 sessions');
    expect(await page.getByTestId('combined-checklist').textContent()).toMatch(/read these words.*Concern/);
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('combined-export').click()]);
    const markdown = await saved(md, 'combined.md');
    expect(markdown).toMatch(/^# Liveproof: Ada Lovelace, 3 session\(s\)/);
    expect(markdown.match(/^## Session: /gm)).toHaveLength(3);
    expect(markdown).toContain('\\<img src=x onerror="document.title=\'pwned\'"\\>');
  });

  it('should link a later round to an earlier one, compare their faces and export the comparison', async () => {
    const round1At = Date.UTC(2026, 10, 20, 14, 2);
    const interview = (id: string, startedAtMs: number, distance: number): Session => {
      const session = sessionWithProfile(id, startedAtMs, profileAt(distance, 40), 'Jane Doe');
      const signals = Array.from({ length: 12 }, (_, i) => ({
        atS: (i + 1) * 5,
        faceShare: 1,
        lipSync: null,
        offsetMs: null,
        confidence: null,
      }));
      return withEnded({ ...session, signals }, startedAtMs + 60_000);
    };
    const files = {
      'jane-round-1': interview('jane-round-1', round1At, 0),
      'jane-same': interview('jane-same', round1At + 86_400_000, 0.21),
      'jane-other': interview('jane-other', round1At + 2 * 86_400_000, 0.71),
    };
    for (const [id, session] of Object.entries(files)) {
      await writeFile(tmp(`${id}.json`), sessionToJson(session, { includeDescriptors: true }));
    }
    const page = await browser.openPage('sessions.html');
    await page.getByTestId('returning-applicant').check();
    await page.getByTestId('session-import').setInputFiles(Object.keys(files).map((id) => tmp(`${id}.json`)));
    await expect.poll(() => page.getByTestId('import-results').locator('li').count()).toBe(3);

    // The same person, a day later: resembles round 1 until linked to it, then is compared with it.
    await page.goto(browser.extensionUrl('sessions.html?id=jane-same'));
    const identity = page.getByTestId('session-identity');
    await identity.waitFor();
    expect(await page.getByTestId('identity-state').textContent()).toMatch(/^on, consent recorded .*; 40 faces read$/);
    expect(await page.getByTestId('resemblances').textContent()).toContain(
      'Resembles the candidate of the session of 2026-11-20 (name given then: Jane Doe), face distance 0.21',
    );
    await identity.screenshot({ path: join(ROOT, '.cache/session-identity-resemblance.png') });
    await page.getByTestId('earlier-round').selectOption('jane-round-1');
    const comparison = page.getByTestId('round-comparison');
    await comparison.getByTestId('finding').waitFor();
    expect(await page.getByTestId('round-distance').textContent()).toBe('0.21');
    expect(await comparison.getByTestId('finding').textContent()).toContain(
      'Consistent with round 1 (Jane Doe, 2026-11-20 14:02 UTC): face distance 0.21, same-person threshold 0.46.',
    );
    await page.getByTestId('no-resemblance').waitFor();
    await page.setViewportSize({ width: 900, height: 900 });
    await page.screenshot({ path: join(ROOT, '.cache/session-identity.png'), fullPage: true });
    const [md] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('exports').getByRole('button', { name: 'Markdown' }).click(),
    ]);
    const markdown = await saved(md, 'jane-same.md');
    expect(markdown).toContain(
      '- **0:00–1:00** Same person as an earlier round? (Note): Consistent with round 1 ' +
        '(Jane Doe, 2026-11-20 14:02 UTC): face distance 0.21, same-person threshold 0.46.\n',
    );
    expect(markdown).toContain('- Earlier round: session jane-round-1\n');
    // Kept: the link and its finding read back from the database.
    await page.reload();
    await comparison.getByTestId('finding').waitFor();
    expect(await page.getByTestId('earlier-round').inputValue()).toBe('jane-round-1');

    // Another face two days later: a different person, said with the numbers, and deleted on request.
    await page.goto(browser.extensionUrl('sessions.html?id=jane-other'));
    await page.getByTestId('earlier-round').selectOption('jane-round-1');
    await comparison.getByTestId('finding').waitFor();
    expect(await comparison.getByTestId('finding').textContent()).toContain(
      'A different person from round 1 (Jane Doe, 2026-11-20 14:02 UTC): face distance 0.71, threshold 0.46. ' +
        'Ask for ID again and compare with the earlier recording.',
    );
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('exports').getByRole('button', { name: 'JSON' }).click(),
    ]);
    expect(JSON.parse(await saved(json, 'jane-other.json')).identity.profile).toEqual({
      descriptor: null,
      count: 40,
      spread: 0.2,
    });
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('identity-off').check();
    await expect
      .poll(() => page.getByTestId('identity-state').textContent())
      .toBe('off for this session (no face descriptors kept)');
    await comparison.getByText(/No comparison/).waitFor();
    expect(await comparison.getByTestId('finding').count()).toBe(0);
    await page.reload();
    await page.getByTestId('session-identity').waitFor();
    expect(await page.getByTestId('identity-off').isChecked()).toBe(true);
    expect(await page.getByTestId('timeline').textContent()).toContain('Face identity switched off for this session');

    await page.goto(browser.extensionUrl('sessions.html?combine=jane-round-1,jane-same,jane-other'));
    const combined = page.getByTestId('combined-identity');
    await combined.waitFor();
    const cells = await combined.locator('tr').nth(1).locator('td').allTextContents();
    expect(cells).toEqual(['Round comparison', '–', expect.stringMatching(/^Consistent with round 1 /), '–']);
    expect(await combined.locator('tr').first().textContent()).toContain('off for this session');
    await page.close();
  });

  it('should show a printable report of a session', async () => {
    const page = await browser.openPage(`sessions.html?id=${JSON.parse(sessionFixtureText(2)).id}&view=report`);
    await page.getByTestId('report').waitFor();
    await page.getByTestId('session-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('checklist-table').textContent()).toMatch(/Driving licence/);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ROOT, '.cache/report-fixture.png'), fullPage: true });
    await page.close();
  });

  it('should keep the retention setting, and delete one session and then everything', async () => {
    const page = await browser.openPage('sessions.html');
    await page.getByTestId('retention').selectOption('30');
    await page.reload();
    await expect.poll(() => page.getByTestId('retention').inputValue()).toBe('30');
    const rows = page.getByTestId('session-row');
    await rows.first().waitFor();
    const count = await rows.count();
    await page.locator('[data-testid="session-row"][data-id="hostile"]').getByRole('link').click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('delete-session').click();
    await expect.poll(() => rows.count()).toBe(count - 1);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('delete-all').click();
    await page.getByTestId('no-sessions').waitFor();
    await page.reload();
    await page.getByTestId('no-sessions').waitFor();
  });

  it('should keep the session and its notes across a browser restart', async () => {
    const profileDir = await mkdtemp(join(tmpdir(), 'liveproof-restart-'));
    try {
      const first = await launchExtension({ profileDir });
      const before = await first.openPage('sidepanel.html?tabId=9');
      await before.getByTestId('note-input').fill('Written before the browser closed');
      await before.getByTestId('note-input').press('Enter');
      await before.getByTestId('notes').getByText('Written before the browser closed').waitFor();
      // The browser closes only once the session is in the database (a fresh profile holds just this one).
      // Generous: late in a full run on two cores, 10 s was once not enough (the panel opening
      // loads its models beside this list's reloads).
      const list = await first.openPage('sessions.html');
      await expect
        .poll(
          async () => {
            await list.reload();
            return list.getByTestId('session-row').count();
          },
          { timeout: 30_000 },
        )
        .toBe(1);
      await first.close();
      const second = await launchExtension({ profileDir });
      try {
        const after = await second.openPage('sidepanel.html?tabId=9');
        await after.getByTestId('notes').getByText('Written before the browser closed').waitFor({ timeout: 10_000 });
      } finally {
        await second.close();
      }
    } finally {
      await rm(profileDir, { recursive: true, force: true });
    }
  });
});
