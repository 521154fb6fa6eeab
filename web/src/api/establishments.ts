// The establishments brick (GET/POST/PATCH /api/v1/establishments…): types of the answers and the calls.
// The parts of an establishment (capacity, authorisations, sites, calendar) are in establishmentParts.ts.
import { getJson, request } from './client';

export interface Code {
  code: string;
  label: string;
}

export interface Category {
  code: string;
  /** IME, MAS, ESAT… */
  short_label: string;
  label: string;
  /** AAAA-MM-JJ: the category is closed (no new establishment in it); null: open. */
  valid_to: string | null;
}

export interface Reference {
  categories: Category[];
  /** FINESS codes of the kinds of care: "11" internat, "13" semi-internat… */
  care_modes: Code[];
  /** authorised, installed, funded. */
  capacity_statuses: Code[];
  publics: Code[];
  disabilities: Code[];
  funders: Code[];
  bricks: Code[];
}

/** What a person edits on an establishment. */
export interface Profile {
  finess_et: string;
  name: string;
  category_code: string;
  publics: string[];
  disabilities: string[];
  funders: string[];
  bricks: string[];
  parent_id: number | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
}

export interface Establishment extends Profile {
  id: number;
  organisation_id: number;
  category: string;
  category_label: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface Site {
  id: number;
  name: string;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
}

export interface CapacityPeriod {
  id: number;
  care_mode: string;
  care_mode_label: string;
  status: string;
  places: number;
  /** AAAA-MM-JJ, included. */
  effective_from: string;
  /** AAAA-MM-JJ, included; null: no end. */
  effective_to: string | null;
}

export interface CapacityLine {
  care_mode: string;
  care_mode_label: string;
  status: string;
  value: number;
}

export interface Authorisation {
  id: number;
  decision_reference: string;
  decision_date: string;
  duration_years: number;
  renewal_date: string;
  /** The renewal is due within twelve months (or overdue). */
  renewal_due: boolean;
  notes: string | null;
}

export interface CalendarYear {
  care_mode: string;
  care_mode_label: string;
  year: number;
  days_open: number | null;
  /** "1111100": Monday first; null when a number of days was given. */
  weekly_pattern: string | null;
}

export interface Closure {
  id: number;
  care_mode: string | null;
  date_from: string;
  date_to: string;
  reason: string;
}

export interface EstablishmentDetail extends Establishment {
  sites: Site[];
  capacities: CapacityPeriod[];
  capacity_today: CapacityLine[];
  authorisations: Authorisation[];
  calendars: CalendarYear[];
  closures: Closure[];
}

export interface EstablishmentPage {
  items: Establishment[];
  next_cursor: string | null;
}

export interface HistoryEntry {
  id: number;
  field: string;
  previous_value: string | null;
  new_value: string | null;
  /** The e-mail address of the account that made the change. */
  account: string;
  /** ISO 8601, UTC. */
  at: string;
}

export interface RenewalAlert extends Authorisation {
  establishment_id: number;
  establishment_name: string;
}

export interface EstablishmentQuery {
  category?: string;
  funder?: string;
  q?: string;
  include_archived?: boolean;
}

/** What the creation form sends; organisation_id only for the platform administration. */
export type ProfileInput = Partial<Profile> & { organisation_id?: number };

export interface Organisation {
  id: number;
  name: string;
}

const BASE = '/api/v1/establishments';

export const establishmentPath = (id: number) => `${BASE}/${id}`;

export function fetchReference(signal?: AbortSignal): Promise<Reference> {
  return getJson<Reference>(`${BASE}/reference`, signal);
}

export function listEstablishments(query: EstablishmentQuery, cursor: string | null, limit: number, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (query.category) params.set('category', query.category);
  if (query.funder) params.set('funder', query.funder);
  if (query.q) params.set('q', query.q);
  if (query.include_archived) params.set('include_archived', 'true');
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return getJson<EstablishmentPage>(`${BASE}?${params}`, signal);
}

export function fetchEstablishment(id: number, signal?: AbortSignal): Promise<EstablishmentDetail> {
  return getJson<EstablishmentDetail>(establishmentPath(id), signal);
}

export function createEstablishment(input: ProfileInput): Promise<Establishment> {
  return request<Establishment>(BASE, { method: 'POST', body: input });
}

export function updateEstablishment(id: number, changes: ProfileInput): Promise<Establishment> {
  return request<Establishment>(establishmentPath(id), { method: 'PATCH', body: changes });
}

export function archiveEstablishment(id: number): Promise<Establishment> {
  return request<Establishment>(`${establishmentPath(id)}/archive`, { method: 'POST' });
}

export async function fetchHistory(id: number, signal?: AbortSignal): Promise<HistoryEntry[]> {
  return (await getJson<{ items: HistoryEntry[] }>(`${establishmentPath(id)}/history`, signal)).items;
}

export async function fetchRenewalAlerts(signal?: AbortSignal): Promise<RenewalAlert[]> {
  return (await getJson<{ items: RenewalAlert[] }>(`${BASE}/alerts`, signal)).items;
}

/** The organisations the platform administration can create an establishment in (first 200). */
export async function fetchOrganisations(signal?: AbortSignal): Promise<Organisation[]> {
  return (await getJson<{ items: Organisation[] }>('/api/v1/organisations?limit=200', signal)).items;
}
