// The history of an establishment in French: the names of the fields the server records, and their values
// (codes of the nomenclatures, dates) as a person reads them. An unknown field or value is shown as it is.
import type { Reference } from '../../api/establishments';
import { formatDate, frenchDates } from './format';
import { careModeLabel, categoryLabel, labelsOf, statusLabel } from './labels';
import { describePattern } from './weekdays';

const FIELDS: Record<string, string> = {
  finess_et: 'Numéro FINESS',
  name: 'Nom',
  category_code: 'Catégorie',
  publics: 'Publics accueillis',
  disabilities: 'Handicaps ou besoins',
  funders: 'Financeurs',
  bricks: 'Briques activées',
  parent_id: 'Établissement de rattachement',
  address_line: 'Adresse',
  postal_code: 'Code postal',
  city: 'Ville',
  capacity: 'Capacité',
  authorisations: 'Autorisation',
  sites: 'Site',
  closures: 'Fermeture',
  archived_at: 'Archivage',
};

/** "calendar 11 2026" → "Calendrier 2026 — Hébergement complet / internat"; "activity_target 2026" → "Objectif d'activité 2026". */
export function fieldLabel(reference: Reference, field: string): string {
  const calendar = /^calendar (\w+) (\d{4})$/.exec(field);
  if (calendar) return `Calendrier ${calendar[2]} — ${careModeLabel(reference, calendar[1] ?? '')}`;
  const target = /^activity_target (\d{4})$/.exec(field);
  if (target) return `Objectif d'activité ${target[1]}`;
  return FIELDS[field] ?? field;
}

/** "11/authorised : 20 places du 2024-01-01 (sans fin)" as written by the server for a capacity period. */
const CAPACITY = /^(\w+)\/(\w+) : (\d+) places du (\d{4}-\d{2}-\d{2})(?: au (\d{4}-\d{2}-\d{2})| \(sans fin\))$/;

function capacityValue(reference: Reference, value: string): string {
  const m = CAPACITY.exec(value);
  if (!m) return frenchDates(value);
  const [, mode = '', status = '', count = '', from = '', to] = m;
  const period = to ? `du ${formatDate(from)} au ${formatDate(to)}` : `à partir du ${formatDate(from)} (sans fin)`;
  return `${careModeLabel(reference, mode)}, ${statusLabel(reference, status).toLowerCase()} : ${count} places ${period}`;
}

export function valueLabel(reference: Reference, field: string, value: string | null): string {
  if (value === null || value === '') return '—';
  switch (field) {
    case 'category_code':
      return `${categoryLabel(reference, value)} (${value})`;
    case 'publics':
      return labelsOf(reference.publics, value.split(','));
    case 'disabilities':
      return labelsOf(reference.disabilities, value.split(','));
    case 'funders':
      return labelsOf(reference.funders, value.split(','));
    case 'bricks':
      return labelsOf(reference.bricks, value.split(','));
    case 'capacity':
      return capacityValue(reference, value);
  }
  if (field.startsWith('calendar ') && /^[01]{7}$/.test(value)) return `ouvert ${describePattern(value)}`;
  return frenchDates(value);
}
