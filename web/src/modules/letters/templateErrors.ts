// The server names a template error by its line and column (« ligne 3, colonne 23 : champ inconnu … »),
// counted in characters from 1: the editor turns them into a position in the text to put the caret on.

export interface TemplateError {
  field: string;
  line: number | null;
  column: number | null;
  message: string;
}

const POSITION = /^ligne (\d+), colonne (\d+) : (.*)$/s;

export function templateError(field: string, full: string): TemplateError {
  // The fields are listed beside the editor: the server's list of them is not repeated under the text.
  const message = full.split(' ; champs possibles : ')[0];
  const match = POSITION.exec(message);
  if (!match) return { field, line: null, column: null, message };
  return { field, line: Number(match[1]), column: Number(match[2]), message: match[3] };
}

/** The offset (UTF-16, as textarea selections count) of a line and column counted in characters. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
  const current = Array.from(lines[Math.min(line, lines.length) - 1] ?? '');
  return offset + current.slice(0, Math.max(0, column - 1)).join('').length;
}

/** Where a field goes in the text: `{{ name }}` at the caret, replacing the selection. */
export function insertField(text: string, start: number, end: number, name: string): { text: string; caret: number } {
  const tag = `{{ ${name} }}`;
  return { text: text.slice(0, start) + tag + text.slice(end), caret: start + tag.length };
}
