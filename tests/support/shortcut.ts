import type { Page } from 'playwright-core';

/** A key pressed with no text field focused, as an interviewer's shortcut. */
export async function pressShortcut(page: Page, key: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}
