// Display helpers of the CPOM pages: dates, values in their unit (rates are fractions: 0.95 → « 95 % »).
const numbers = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const rates = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** "2025-01-16" → "16/01/2025". */
export function frenchDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An ISO timestamp → "16/01/2025 à 14:07" (local time). */
export function frenchDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toLocaleDateString('fr-FR')} à ${at.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' })}`;
}

/** A value in its unit; null → « pas de données ». */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return 'pas de données';
  switch (unit) {
    case 'rate':
      return `${rates.format(value * 100)} %`;
    case 'euros':
      return `${numbers.format(value)} €`;
    case 'days':
      return `${numbers.format(value)} j`;
    case 'fte':
      return `${numbers.format(value)} ETP`;
    default:
      return numbers.format(value);
  }
}

/** What the user types for a value in `unit` (a rate in percent: "95" or "95,5") → the API's number, or NaN. */
export function parseValue(text: string, unit: string): number {
  const trimmed = text.trim().replace(/\s/g, '').replace(',', '.').replace(/%$/, '');
  if (trimmed === '') return Number.NaN;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return Number.NaN;
  return unit === 'rate' ? Math.round(value * 1e6) / 1e8 : value;
}

/** The API's number → what the form shows (a rate in percent). */
export function valueText(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '';
  const shown = unit === 'rate' ? Math.round(value * 1e8) / 1e6 : value;
  return String(shown).replace('.', ',');
}

/** "du 01/01/2024 au 31/12/2028". */
export function period(from: string, to: string): string {
  return `du ${frenchDate(from)} au ${frenchDate(to)}`;
}

/** A scope of a linked indicator, in words. */
export function scopeLabel(scope: string | null, establishments: readonly { id: number; name: string }[]): string {
  if (!scope) return '';
  if (scope === 'organisation') return "l'organisme";
  if (scope.startsWith('establishment:')) {
    const id = Number(scope.slice('establishment:'.length));
    return establishments.find((e) => e.id === id)?.name ?? `établissement n° ${id}`;
  }
  if (scope.startsWith('category:')) return `catégorie ${scope.slice('category:'.length)}`;
  return scope;
}
