// Display helpers of the staff pages.
import type { Contract } from '../../api/staff';

/** "2025-01-16" → "16/01/2025". */
export function frenchDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** 0.8 → "80 %". */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10} %`.replace('.', ',');
}

/** "80" or "80,5" (percent of full time) → 0.8, or NaN. */
export function fractionFromPercent(text: string): number {
  const value = Number(text.trim().replace(',', '.').replace(/\s*%$/, ''));
  return Number.isFinite(value) && text.trim() !== '' ? value / 100 : Number.NaN;
}

export function period(c: Pick<Contract, 'start_date' | 'end_date'>): string {
  return c.end_date ? `du ${frenchDate(c.start_date)} au ${frenchDate(c.end_date)}` : `depuis le ${frenchDate(c.start_date)}`;
}
