// Calendar arithmetic on "AAAA-MM-JJ" days and "AAAA-MM-JJTHH:MM" local times (the establishment's wall
// clock, Europe/Paris). Days are computed in UTC so that summer time never shifts them.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const isDay = (text: string | null | undefined): text is string =>
  !!text && DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && toDay(new Date(`${text}T00:00:00Z`)) === text;

const toDay = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return toDay(d);
}

/** Monday = 0 … Sunday = 6. */
export const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

export const mondayOf = (day: string) => addDays(day, -weekday(day));

/** The seven days of the week that holds `day`, Monday first. */
export const weekOf = (day: string) => Array.from({ length: 7 }, (_, i) => addDays(mondayOf(day), i));

/** Today on the establishments' clocks. */
export function todayInParis(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Now on the establishments' clocks, "AAAA-MM-JJTHH:MM" (to compare with the appointments' times). */
export function nowInParis(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

const format = (day: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', ...options }).format(new Date(`${day}T00:00:00Z`));

/** "lundi 2 décembre 2030". */
export const longDay = (day: string) => format(day, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** "lun. 2 déc.". */
export const shortDay = (day: string) => format(day, { weekday: 'short', day: 'numeric', month: 'short' });

/** "2 déc.", "8 déc. 2030". */
export const dayMonth = (day: string, withYear = false) =>
  format(day, { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) });

export const dayOf = (localTime: string) => localTime.slice(0, 10);
export const timeOf = (localTime: string) => localTime.slice(11, 16);
export const hourOf = (localTime: string) => Number(localTime.slice(11, 13));

/** "10:00–11:00", or "08/12 20:00 – 09/12 08:00" across days. */
export function timeRange(startsAt: string, endsAt: string): string {
  if (dayOf(startsAt) === dayOf(endsAt)) return `${timeOf(startsAt)}–${timeOf(endsAt)}`;
  const short = (t: string) => `${t.slice(8, 10)}/${t.slice(5, 7)} ${timeOf(t)}`;
  return `${short(startsAt)} – ${short(endsAt)}`;
}

/** Does [startsAt, endsAt) meet the day? */
export const meetsDay = (startsAt: string, endsAt: string, day: string) =>
  startsAt < `${addDays(day, 1)}T00:00` && endsAt > `${day}T00:00`;
