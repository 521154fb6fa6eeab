/** Puts the focus on a form field by id, after the current render (the field may just have appeared). */
export function focusField(id: string): void {
  window.setTimeout(() => document.getElementById(id)?.focus(), 0);
}
