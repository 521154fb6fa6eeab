// French labels of the codes of the brick, from the reference endpoint; an unknown code is shown as it is.
import type { Code, Reference } from '../../api/establishments';
import type { SelectOption } from '../../ui/SelectField';

export function labelOf(list: readonly Code[], code: string): string {
  return list.find((c) => c.code === code)?.label ?? code;
}

export function labelsOf(list: readonly Code[], codes: readonly string[]): string {
  return codes.map((code) => labelOf(list, code)).join(', ');
}

export const options = (list: readonly Code[]): SelectOption[] => list.map((c) => ({ value: c.code, label: c.label }));

/** Short names of the funders, for the columns of a table. */
const FUNDER_SHORT: Record<string, string> = { ars: 'ARS', departement: 'Département' };

export const funderShort = (code: string) => FUNDER_SHORT[code] ?? code;

export function categoryShort(reference: Reference, code: string): string {
  return reference.categories.find((c) => c.code === code)?.short_label ?? code;
}

export function categoryLabel(reference: Reference, code: string): string {
  return reference.categories.find((c) => c.code === code)?.label ?? code;
}

/** "IME — Institut médico-éducatif"; closed categories are only offered when already in use (`keep`). */
export function categoryOptions(reference: Reference, keep?: string): SelectOption[] {
  return reference.categories
    .filter((c) => c.valid_to === null || c.code === keep)
    .map((c) => ({ value: c.code, label: `${c.short_label} — ${c.label}` }));
}

export const careModeLabel = (reference: Reference, code: string) => labelOf(reference.care_modes, code);

/** "Places autorisées" → "autorisées" inside a sentence. */
export function statusLabel(reference: Reference, code: string): string {
  return labelOf(reference.capacity_statuses, code);
}
