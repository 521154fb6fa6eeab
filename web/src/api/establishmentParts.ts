// The parts of an establishment that are added one at a time: capacity periods, authorisations, sites,
// opening calendar and closures. Each call answers the created (or updated) part.
import { request } from './client';
import { establishmentPath, type Authorisation, type CapacityPeriod, type Closure, type Site } from './establishments';

export interface CapacityInput {
  care_mode: string;
  status: string;
  places: number;
  effective_from: string;
  effective_to?: string;
}

export interface AuthorisationInput {
  decision_reference: string;
  decision_date: string;
  duration_years?: number;
  notes?: string;
}

export interface SiteInput {
  name: string;
  address_line?: string;
  postal_code?: string;
  city?: string;
}

/** Either days_open or weekly_pattern ("1111100", Monday first). */
export interface CalendarInput {
  care_mode: string;
  year: number;
  days_open?: number;
  weekly_pattern?: string;
}

export interface ClosureInput {
  date_from: string;
  date_to: string;
  reason: string;
  care_mode?: string;
}

const post = <T>(id: number, part: string, body: unknown) =>
  request<T>(`${establishmentPath(id)}/${part}`, { method: 'POST', body });

export const addCapacity = (id: number, input: CapacityInput) => post<CapacityPeriod>(id, 'capacities', input);

/** Closes a period on `effectiveTo` (included), or reopens it with null. */
export function setCapacityEnd(id: number, capacityId: number, effectiveTo: string | null): Promise<CapacityPeriod> {
  return request<CapacityPeriod>(`${establishmentPath(id)}/capacities/${capacityId}`, {
    method: 'PATCH',
    body: { effective_to: effectiveTo },
  });
}

export const addAuthorisation = (id: number, input: AuthorisationInput) =>
  post<Authorisation>(id, 'authorisations', input);

export const addSite = (id: number, input: SiteInput) => post<Site>(id, 'sites', input);

export const addClosure = (id: number, input: ClosureInput) => post<Closure>(id, 'closures', input);

export function setCalendar(id: number, input: CalendarInput) {
  return request<{ care_mode: string; year: number; days_open: number | null }>(`${establishmentPath(id)}/calendar`, {
    method: 'PUT',
    body: input,
  });
}
