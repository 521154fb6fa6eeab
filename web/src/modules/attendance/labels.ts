// French labels of the attendance grid, the waiting list and the movements; months and days as text.
import type { AbsenceReason, AttendanceStatus, MovementKind, PersonName } from '../../api/attendance';

export const STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: 'présent',
  absent: 'absent',
  not_expected: 'non attendu',
};

/** The reasons of an absence, with the key typed in the grid. */
export const REASONS: readonly { code: AbsenceReason; key: string; label: string }[] = [
  { code: 'illness', key: 'M', label: 'maladie' },
  { code: 'hospitalisation', key: 'H', label: 'hospitalisation' },
  { code: 'holiday', key: 'C', label: 'congés, vacances' },
  { code: 'family', key: 'F', label: 'famille' },
  { code: 'unjustified', key: 'I', label: 'injustifiée' },
  { code: 'other', key: 'O', label: 'autre motif' },
];

export const reasonOf = (code: AbsenceReason | null) => REASONS.find((r) => r.code === code);

export const MOVEMENT_LABELS: Record<MovementKind, string> = {
  admission: 'Admission',
  discharge: 'Sortie',
  transfer: 'Transfert',
};

/** "Dupont Marie": the name in use, then the first name in use. */
export function personName(person: PersonName): string {
  const last = person.used_name || person.birth_name;
  const first = person.used_first_name || person.first_names[0] || '';
  return first ? `${last} ${first}` : last;
}

export const WEEKDAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
export const WEEKDAY_INITIALS = ['L', 'M', 'M', 'J', 'V', 'S', 'D'];
const MONTH_NAMES = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

const pad = (n: number) => String(n).padStart(2, '0');

/** '2026-11' → 'novembre 2026'. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1] ?? month} ${y}`;
}

/** '2026-11-03' (a Tuesday: weekday 1) → 'mardi 3 novembre'. */
export function dayLabel(iso: string, weekday: number): string {
  const [, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${WEEKDAY_NAMES[weekday] ?? ''} ${d} ${MONTH_NAMES[m - 1] ?? ''}`.trim();
}

/** The current month in local time, AAAA-MM. */
export function currentMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** A month moved by a number of months, AAAA-MM. */
export function addMonths(month: string, count: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

export const isMonth = (text: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(text);

/** The first and last days of the month before the current one, AAAA-MM-JJ. */
export function previousMonthRange(): { from: string; to: string } {
  const month = addMonths(currentMonth(), -1);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}

/** "1 jour", "12 jours". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}
