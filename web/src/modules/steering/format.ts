// French display of the indicators: a value by its unit ("91,2 %", "1 234 j", "12,5 ETP"), never a number for
// a value the server could not compute (null: "Pas de données", not 0 % or ∞), and the direction of the change
// since the previous period, good or bad news according to the indicator.
import type { Unit } from '../../api/steering';

export const NO_DATA = 'Pas de données';

const number = (digits: number, minimum = 0) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: minimum });
const WHOLE = number(0);
const ONE = number(1);
const ONE_FIXED = number(1, 1);
const TWO = number(2);

const plural = (n: number, one: string, many: string) => (Math.abs(n) >= 2 ? many : one);

/** A value of an indicator in French, with its unit; "Pas de données" for null (and anything not finite). */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA;
  switch (unit) {
    case 'rate':
      return `${ONE_FIXED.format(value * 100)}\u00a0%`;
    case 'days':
      return `${ONE.format(value)}\u00a0j`;
    case 'persons':
      return `${WHOLE.format(value)}\u00a0${plural(value, 'personne', 'personnes')}`;
    case 'fte':
      return `${ONE.format(value)}\u00a0ETP`;
    case 'ratio':
      return TWO.format(value);
    case 'count':
    case 'distribution':
      return ONE.format(value);
  }
}

/** A plain number in French ("1 234", "2,5"). */
export const formatNumber = (value: number) => ONE.format(value);

/** A share of a total in French ("12,5 %"), or "–" when the total is 0. */
export function formatShare(part: number, total: number): string {
  return total > 0 ? `${ONE_FIXED.format((part / total) * 100)}\u00a0%` : '–';
}

export const UNIT_LABELS: Record<Unit, string> = {
  rate: 'taux (en %)',
  days: 'jours',
  persons: 'personnes',
  count: 'nombre',
  fte: 'équivalents temps plein (ETP)',
  ratio: 'ratio',
  distribution: 'répartition',
};

export type Direction = 'up' | 'down' | 'same';
export type Verdict = 'good' | 'bad' | 'neutral';

export interface Trend {
  direction: Direction;
  verdict: Verdict;
  /** "En hausse", "En baisse", "Stable" */
  text: string;
  /** ▲ ▼ = (hidden from assistive technologies: the text says it) */
  arrow: string;
}

/**
 * The change from `previous` to `value`, or null when either is unknown. Rates are compared to a tenth of a
 * point, the rest to the precision shown, so that a change too small to see is "stable".
 */
export function trendOf(value: number | null, previous: number | null, unit: Unit, higherIsBetter: boolean): Trend | null {
  if (value === null || previous === null || !Number.isFinite(value) || !Number.isFinite(previous)) return null;
  const precision = unit === 'rate' ? 0.0005 : unit === 'ratio' ? 0.005 : 0.05;
  const delta = value - previous;
  if (Math.abs(delta) < precision) return { direction: 'same', verdict: 'neutral', text: 'Stable', arrow: '=' };
  const up = delta > 0;
  return {
    direction: up ? 'up' : 'down',
    verdict: up === higherIsBetter ? 'good' : 'bad',
    text: up ? 'En hausse' : 'En baisse',
    arrow: up ? '▲' : '▼',
  };
}

const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH_LONG = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function monthDate(month: string): Date | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

/** '2025-01' → 'janv. 2025' (axis labels). */
export function shortMonth(month: string): string {
  const date = monthDate(month);
  return date ? MONTH.format(date) : month;
}

/** '2025-01' → 'janvier 2025' (tables, descriptions). */
export function longMonth(month: string): string {
  const date = monthDate(month);
  return date ? MONTH_LONG.format(date) : month;
}
