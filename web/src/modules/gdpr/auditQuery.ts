// The filters of the audit trail as typed in the form, and their translation into the API's query.
import type { FieldMessages } from '../../api/problems';
import type { AuditQuery } from '../../api/audit';

export interface AuditFilterValues {
  account: string;
  person: string;
  action: string;
  /** AAAA-MM-JJ, included. */
  from: string;
  /** AAAA-MM-JJ, included (the API's "to" excludes its day: the day after is sent). */
  to: string;
}

export const NO_FILTERS: AuditFilterValues = { account: '', person: '', action: '', from: '', to: '' };

const ID = /^[1-9]\d{0,17}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkFilters(values: AuditFilterValues): FieldMessages {
  const errors: FieldMessages = {};
  if (values.account && !ID.test(values.account.trim())) errors.account = 'Saisissez un identifiant de compte (nombre entier).';
  if (values.person && !ID.test(values.person.trim())) errors.person = 'Saisissez un identifiant de personne (nombre entier).';
  if (values.from && !DATE.test(values.from)) errors.from = 'Saisissez une date valide.';
  if (values.to && !DATE.test(values.to)) errors.to = 'Saisissez une date valide.';
  if (!errors.from && !errors.to && values.from && values.to && values.to < values.from)
    errors.to = 'La date de fin précède la date de début.';
  return errors;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function toQuery(values: AuditFilterValues): AuditQuery {
  return {
    account: values.account.trim() || undefined,
    person: values.person.trim() || undefined,
    action: values.action || undefined,
    from: values.from || undefined,
    to: values.to ? nextDay(values.to) : undefined,
  };
}

/** The server names the query parameters; the form's fields have the same names except "to" (shown as "au"). */
export function serverFieldErrors(errors: FieldMessages): FieldMessages {
  const known: (keyof AuditFilterValues)[] = ['account', 'person', 'action', 'from', 'to'];
  const out: FieldMessages = {};
  for (const field of known) if (errors[field]) out[field] = errors[field];
  return out;
}
