// How a person is named on screen: the birth name in capitals (identity-vigilance), then the first names.
import type { Person } from '../../api/persons';
import { formatDate } from '../establishments/format';

type Named = Pick<Person, 'birth_name' | 'used_name' | 'first_names' | 'used_first_name'>;

export const upper = (text: string) => text.toLocaleUpperCase('fr-FR');

/** "DUPONT Marie Anne". */
export const fullName = (p: Named) => `${upper(p.birth_name)} ${p.first_names.join(' ')}`.trim();

/** "DUPONT Marie Anne (nom d'usage : MARTIN)". */
export function displayName(p: Named): string {
  return p.used_name ? `${fullName(p)} (nom d'usage : ${upper(p.used_name)})` : fullName(p);
}

/** "03/05/2010", or "1975" when only the year is known. */
export const formatBirthDate = (date: string) => (/^\d{4}$/.test(date) ? date : formatDate(date));

/** "Née le 03/05/2010", "Né en 1975". */
export function bornLabel(p: Pick<Person, 'sex' | 'birth_date'>): string {
  const born = p.sex === 'F' ? 'Née' : p.sex === 'M' ? 'Né' : 'Né(e)';
  return /^\d{4}$/.test(p.birth_date) ? `${born} en ${p.birth_date}` : `${born} le ${formatDate(p.birth_date)}`;
}
