// What is typed in the search box, turned into the parameters of GET /api/v1/persons: a NIR (15 characters,
// spaces allowed), birth dates (JJ/MM/AAAA, AAAA-MM-JJ, or a year) and name words, which may be mixed
// ("dupont 2010"). Nothing is searched under two characters.
import type { PersonQuery } from '../../api/persons';

export const MIN_LENGTH = 2;

export type Parsed = { kind: 'empty' } | { kind: 'query'; query: PersonQuery } | { kind: 'invalid'; message: string };

const pad = (n: string) => n.padStart(2, '0');

function asDate(token: string): string | null {
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(token);
  if (fr) return `${fr[3]}-${pad(fr[2] ?? '')}-${pad(fr[1] ?? '')}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(token)) return token;
  if (/^(19|20)\d{2}$/.test(token)) return token;
  return null;
}

export function parseSearch(typed: string): Parsed {
  const text = typed.trim();
  if (text.length < MIN_LENGTH) return { kind: 'empty' };
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (/^[12378]\d{4}(\d|2A|2B)/.test(compact) && /^[0-9AB]+$/.test(compact)) {
    if (compact.length === 15) return { kind: 'query', query: { nir: compact } };
    if (compact.length > 8)
      return { kind: 'invalid', message: `Un NIR compte 15 caractères (clé comprise) : ${compact.length} saisis.` };
  }
  const words: string[] = [];
  let birthDate: string | undefined;
  for (const token of text.split(/\s+/)) {
    const date = asDate(token);
    if (date && !birthDate) birthDate = date;
    else if (/^\d[\d/.-]*$/.test(token))
      return { kind: 'invalid', message: 'Date de naissance attendue sous la forme JJ/MM/AAAA, ou une année.' };
    else words.push(token);
  }
  const q = words.join(' ');
  if (!birthDate && q.length < MIN_LENGTH) return { kind: 'empty' };
  return { kind: 'query', query: { ...(q ? { q } : {}), ...(birthDate ? { birth_date: birthDate } : {}) } };
}
