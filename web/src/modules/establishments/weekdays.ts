// The weekly pattern of a calendar: 7 characters 0 or 1, Monday first ("1111100": Monday to Friday).
import type { SelectOption } from '../../ui/SelectField';

export const WEEKDAYS: readonly SelectOption[] = [
  { value: '0', label: 'Lundi' },
  { value: '1', label: 'Mardi' },
  { value: '2', label: 'Mercredi' },
  { value: '3', label: 'Jeudi' },
  { value: '4', label: 'Vendredi' },
  { value: '5', label: 'Samedi' },
  { value: '6', label: 'Dimanche' },
];

/** The checked days ("0" = Monday) as a pattern. */
export function patternOf(days: readonly string[]): string {
  return WEEKDAYS.map((d) => (days.includes(d.value) ? '1' : '0')).join('');
}

/** "1111100" → "du lundi au vendredi"-like text: the open days, in French ("lundi, mardi, …"). */
export function describePattern(pattern: string): string {
  if (pattern === '1111111') return 'tous les jours';
  const open = WEEKDAYS.filter((_, i) => pattern[i] === '1').map((d) => d.label.toLowerCase());
  return open.length === 0 ? 'aucun jour' : open.join(', ');
}
