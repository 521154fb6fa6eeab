// The month of a person's attendance as weeks (Monday first), each day with its mark and whether it falls
// within one of the person's stays. Dates are handled as text and UTC days: no time zone shifts them.
import type { AttendanceMark, Stay } from '../../api/persons';

export interface CalendarDay {
  date: string;
  day: number;
  inStay: boolean;
  mark: AttendanceMark | null;
}

/** null: a cell before the first or after the last day of the month. */
export type Week = (CalendarDay | null)[];

const pad = (n: number) => String(n).padStart(2, '0');

export function currentMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

/** '2026-11' moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + delta;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** '2026-11' → 'novembre 2026'. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1] ?? m} ${y}`;
}

export function weeksOf(month: string, stays: readonly Stay[], marks: readonly AttendanceMark[]): Week[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
  // 0 = Monday.
  const firstWeekday = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const byDate = new Map(marks.map((mark) => [mark.date, mark]));
  const cells: (CalendarDay | null)[] = Array.from({ length: firstWeekday }, () => null);
  for (let day = 1; day <= length; day++) {
    const date = `${month}-${pad(day)}`;
    const inStay = stays.some((s) => s.admission_date <= date && (s.discharge_date === null || date <= s.discharge_date));
    cells.push({ date, day, inStay, mark: byDate.get(date) ?? null });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Week[] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
