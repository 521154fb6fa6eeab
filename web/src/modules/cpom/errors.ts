import type { FieldMessages } from '../../api/problems';

/** The message of `field`, or of the first item under it ("establishment_ids/2" for "establishment_ids"). */
export function errorOf(errors: FieldMessages, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const key = Object.keys(errors).find((k) => k.startsWith(`${field}/`));
  return key ? errors[key] : undefined;
}
