// French display of dates and numbers. Dates of the API are AAAA-MM-JJ (calendar days, no time zone):
// they are rewritten as text, never through Date, so that no time zone shifts them by a day.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** '2024-09-01' → '01/09/2024'; anything else is returned as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = ISO_DATE.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The ISO dates inside a sentence of the server ("chevauche la période du 2024-01-01") in French. */
export function frenchDates(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');
}

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant (ISO 8601, UTC) in local time: '23/11/2026 16:36'. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : DATE_TIME.format(date).replace(',', '');
}

const NUMBER = new Intl.NumberFormat('fr-FR');

export const formatNumber = (n: number) => NUMBER.format(n);

/** "1 place", "24 places". */
export const places = (n: number) => `${formatNumber(n)} place${Math.abs(n) > 1 ? 's' : ''}`;

/** Today in local time, AAAA-MM-JJ. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A calendar day moved by whole years (29 February → 28 February when needed), AAAA-MM-JJ. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The day before a calendar day, AAAA-MM-JJ. */
export function dayBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** A valid calendar day AAAA-MM-JJ (what <input type="date"> gives). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
