// Appointments (« Rendez-vous »): the agenda (day and week views), one appointment, a person's
// appointments, creation, change and cancellation (GET/POST/PATCH /api/v1/appointments…). Times are the
// establishment's local wall-clock time, "AAAA-MM-JJTHH:MM" (Europe/Paris).
import { ApiError, getJson, request } from './client';

export type AppointmentKind = 'medical' | 'paramedical' | 'family' | 'external_partner' | 'internal' | 'other';
export type AppointmentStatus = 'planned' | 'done' | 'cancelled' | 'missed';

export interface AppointmentPerson {
  id: number;
  birth_name: string;
  used_name: string | null;
  first_names: string[];
  used_first_name: string | null;
}

export interface Professional {
  id: number;
  display_name: string;
}

export interface Appointment {
  id: number;
  organisation_id: number;
  establishment_id: number;
  person_id: number | null;
  person: AppointmentPerson | null;
  professionals: Professional[];
  starts_at: string;
  ends_at: string;
  kind: AppointmentKind;
  kind_label: string;
  /** « Rendez-vous médical » when `masked`. */
  title: string;
  place: string | null;
  comment: string | null;
  status: AppointmentStatus;
  status_label: string;
  cancel_reason: string | null;
  /** A medical appointment whose content the account may not read (medical secret). */
  masked: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** Planned appointments overlapping this one for the same person or one of its professionals. */
  conflicts: number[];
}

export interface AgendaQuery {
  from: string;
  to: string;
  establishment_id?: number;
  professional_id?: number;
  person_id?: number;
}

export interface AppointmentInput {
  establishment_id: number;
  starts_at: string;
  ends_at: string;
  kind: AppointmentKind;
  title: string;
  person_id: number | null;
  professional_ids: number[];
  place: string | null;
  comment: string | null;
  confirm_conflict?: boolean;
}

export type AppointmentChange = Partial<AppointmentInput> & { status?: AppointmentStatus };

export interface ProfessionalChoice extends Professional {
  roles: string[];
}

/** A conflicting appointment named by a 409 (its title is hidden when the account may not read it). */
export interface ConflictingAppointment {
  id: number;
  establishment_id: number;
  starts_at: string;
  ends_at: string;
  title: string;
  /** "person" or "professional:<account id>". */
  shared: string[];
}

/** The problem type of a conflict at creation or change (409): resend with confirm_conflict: true. */
export const APPOINTMENT_CONFLICT = '/problems/appointment-conflict';

/** The appointments a 409 conflict names, or null when the error is something else. */
export function conflictsOf(error: unknown): ConflictingAppointment[] | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.type !== APPOINTMENT_CONFLICT) return null;
  const body = error.body as { conflicts?: ConflictingAppointment[] } | undefined;
  return Array.isArray(body?.conflicts) ? body.conflicts : [];
}

const BASE = '/api/v1/appointments';

export function fetchAgenda(query: AgendaQuery, signal?: AbortSignal): Promise<{ from: string; to: string; items: Appointment[] }> {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.establishment_id) params.set('establishment_id', String(query.establishment_id));
  if (query.professional_id) params.set('professional_id', String(query.professional_id));
  if (query.person_id) params.set('person_id', String(query.person_id));
  return getJson(`${BASE}?${params}`, signal);
}

export function fetchProfessionals(establishmentId: number | null, signal?: AbortSignal): Promise<{ items: ProfessionalChoice[] }> {
  return getJson(`${BASE}/professionals${establishmentId ? `?establishment_id=${establishmentId}` : ''}`, signal);
}

export function fetchAppointment(id: number, signal?: AbortSignal): Promise<Appointment> {
  return getJson(`${BASE}/${id}`, signal);
}

export function createAppointment(input: AppointmentInput): Promise<Appointment> {
  return request<Appointment>(BASE, { method: 'POST', body: input });
}

export function updateAppointment(id: number, changes: AppointmentChange): Promise<Appointment> {
  return request<Appointment>(`${BASE}/${id}`, { method: 'PATCH', body: changes });
}

export function cancelAppointment(id: number, reason: string | null): Promise<Appointment> {
  return request<Appointment>(`${BASE}/${id}/cancel`, { method: 'POST', body: reason ? { reason } : {} });
}

export async function fetchPersonAppointments(personId: number, signal?: AbortSignal): Promise<Appointment[]> {
  return (await getJson<{ items: Appointment[] }>(`/api/v1/persons/${personId}/appointments`, signal)).items;
}
