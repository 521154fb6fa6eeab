/** Moves the keyboard focus to the heading of the page (every page has one, focusable by script). */
export function focusMainHeading(): void {
  document.querySelector<HTMLElement>('#contenu h1')?.focus();
}
