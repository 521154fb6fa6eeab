// The period of a dashboard: a month, a quarter, a year or two dates, and the dates it stands for. A period
// still running ends today (the days to come have no activity yet: counting them would lower every rate).
// Dates are AAAA-MM-JJ, computed as calendar days (UTC), never shifted by a time zone.
import { formatDate, isIsoDate, todayIso } from '../establishments/format';

export type PeriodKind = 'mois' | 'trimestre' | 'annee' | 'personnalisee';

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** 1 to 12 (kind "mois"). */
  month: number;
  /** 1 to 4 (kind "trimestre"). */
  quarter: number;
  /** Kind "personnalisee": as typed (AAAA-MM-JJ or ""). */
  from: string;
  to: string;
}

export const PERIOD_KINDS: readonly { value: PeriodKind; label: string }[] = [
  { value: 'mois', label: 'Mois' },
  { value: 'trimestre', label: 'Trimestre' },
  { value: 'annee', label: 'Année' },
  { value: 'personnalisee', label: 'Période personnalisée' },
];

export const MONTH_NAMES = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (year: number, month: number, day: number) => `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The month before the current one: the default period (the last complete month). */
export function defaultPeriod(today = todayIso()): PeriodChoice {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const year = m === 1 ? y - 1 : y;
  const month = m === 1 ? 12 : m - 1;
  return { kind: 'mois', year, month, quarter: Math.ceil(month / 3), from: '', to: '' };
}

export interface ResolvedPeriod {
  from: string;
  to: string;
  /** "mars 2025", "2e trimestre 2025", "année 2025", "du 01/01/2025 au 15/03/2025" */
  label: string;
  /** The period runs past today: it is shown up to today. */
  running: boolean;
}

export type PeriodResult = { ok: true; period: ResolvedPeriod } | { ok: false; field: 'du' | 'au'; message: string };

function bounded(from: string, to: string, label: string, today: string): ResolvedPeriod {
  if (from <= today && today < to) return { from, to: today, label, running: true };
  return { from, to, label, running: false };
}

/** The dates of a period choice, or what is wrong with the dates typed. */
export function resolvePeriod(choice: PeriodChoice, today = todayIso()): PeriodResult {
  const { year } = choice;
  switch (choice.kind) {
    case 'mois':
      return {
        ok: true,
        period: bounded(
          iso(year, choice.month, 1),
          iso(year, choice.month, lastDay(year, choice.month)),
          `${MONTH_NAMES[choice.month - 1]} ${year}`,
          today,
        ),
      };
    case 'trimestre': {
      const first = (choice.quarter - 1) * 3 + 1;
      const last = first + 2;
      const label = `${choice.quarter === 1 ? '1er' : `${choice.quarter}e`} trimestre ${year}`;
      return { ok: true, period: bounded(iso(year, first, 1), iso(year, last, lastDay(year, last)), label, today) };
    }
    case 'annee':
      return { ok: true, period: bounded(iso(year, 1, 1), iso(year, 12, 31), `année ${year}`, today) };
    case 'personnalisee': {
      if (!isIsoDate(choice.from)) return { ok: false, field: 'du', message: 'Indiquez le premier jour de la période.' };
      if (!isIsoDate(choice.to)) return { ok: false, field: 'au', message: 'Indiquez le dernier jour de la période.' };
      if (choice.to < choice.from)
        return { ok: false, field: 'au', message: 'Le dernier jour doit être le premier jour ou après.' };
      const label = `du ${formatDate(choice.from)} au ${formatDate(choice.to)}`;
      return { ok: true, period: { from: choice.from, to: choice.to, label, running: false } };
    }
  }
}

/** "du 01/03/2025 au 31/03/2025" */
export const datesLabel = (from: string, to: string) => `du ${formatDate(from)} au ${formatDate(to)}`;

/** The years offered by the selectors: this year and the ten before it. */
export function yearChoices(today = todayIso()): number[] {
  const current = Number(today.slice(0, 4));
  return Array.from({ length: 11 }, (_, i) => current - i);
}
