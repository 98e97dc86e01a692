/** A key press meant as a panel shortcut: no text field has the focus and no modifier is held. */
export function isShortcutKey(event: KeyboardEvent): boolean {
  const target = event.target;
  const typing =
    target instanceof HTMLElement &&
    (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable);
  return !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
}
