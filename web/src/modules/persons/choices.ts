// Choices shared by the forms of the record.
import type { Reference } from '../../api/establishments';
import type { SelectOption } from '../../ui/SelectField';

/** "Semi-internat (13)". */
export const careModeOptions = (reference: Reference): SelectOption[] =>
  reference.care_modes.map((m) => ({ value: m.code, label: `${m.label} (${m.code})` }));

/** "IME — Institut médico-éducatif (183)", open categories only. */
export const categoryOptions = (reference: Reference): SelectOption[] =>
  reference.categories
    .filter((c) => c.valid_to === null)
    .map((c) => ({ value: c.code, label: `${c.short_label} — ${c.label} (${c.code})` }));

export const required = (value: string, message: string) => (value.trim() ? undefined : message);
