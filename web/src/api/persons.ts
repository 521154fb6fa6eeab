// The person record (« Usagers »): identity, stays, orientation decisions, admission requests, legal
// protection, contacts, the person's attendance and the history of the record (GET/POST/PATCH
// /api/v1/persons…). The attendance grid, the waiting list and the movements are in attendance.ts.
import { getJson, request } from './client';
import type { ImportAnswer, ImportRequest } from './imports';

/** F, M or I (indéterminé). */
export type Sex = 'F' | 'M' | 'I';
/** Provisoire, récupérée, validée, qualifiée (référentiel national d'identitovigilance). */
export type IdentityStatus = 'PROV' | 'RECUP' | 'VALI' | 'QUAL';

export interface Identity {
  birth_name: string;
  used_name: string | null;
  /** Every first name of the birth certificate, in its order. */
  first_names: string[];
  used_first_name: string | null;
  sex: Sex;
  /** AAAA-MM-JJ, or AAAA when only the year is known. */
  birth_date: string;
  /** INSEE code of the municipality (5 characters), or 99 + country code. */
  birth_place: string | null;
  nir: string | null;
  identity_status: IdentityStatus;
  identity_document: string | null;
}

export interface Person extends Identity {
  id: number;
  organisation_id: number;
  registered_establishment_id: number;
  identity_checked_by: string | null;
  identity_checked_at: string | null;
  /** The record was merged into this one (the kept record). */
  merged_into: number | null;
  created_at: string;
  updated_at: string;
}

export interface Stay {
  id: number;
  person_id: number;
  establishment_id: number;
  care_mode: string;
  admission_date: string;
  origin: string;
  /** Last day of the stay (included); null: the stay is open. */
  discharge_date: string | null;
  destination: string | null;
  discharge_reason: string | null;
  transfer_from_stay_id: number | null;
  transferred_to_stay_id: number | null;
}

export type Validity = 'future' | 'valid' | 'expiring' | 'expired';

export interface Decision {
  id: number;
  person_id: number;
  mdph_number: string | null;
  decision_reference: string;
  decision_date: string;
  /** FINESS category the person is oriented to ("183" IME, "246" ESAT…). */
  category_code: string;
  valid_from: string;
  valid_to: string;
  creton: boolean;
  validity: Validity;
}

export interface AdmissionRequest {
  id: number;
  person_id: number;
  establishment_id: number;
  care_mode: string;
  received_date: string;
  /** ANS code (JDV_J252): 42 "Liste d'attente – demande reçue"… */
  status: string;
  status_label: string;
  waiting: boolean;
  status_date: string;
  waiting_days: number;
  decision_id: number | null;
  comment: string | null;
}

export interface Protection {
  id: number;
  person_id: number;
  kind: string;
  start_date: string;
  end_date: string | null;
  current: boolean;
  judgement_reference: string | null;
  protector_kind: string;
  protector_name: string;
  protector_phone: string | null;
  protector_email: string | null;
  protector_address: string | null;
}

export interface Contact {
  id: number;
  person_id: number;
  kind: string;
  relationship: string | null;
  civility: string | null;
  last_name: string;
  first_name: string | null;
  phone: string | null;
  email: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  receives_letters: boolean;
  to_be_informed: boolean;
  emergency: boolean;
  archived: boolean;
  archived_at: string | null;
}

export interface PersonRecord extends Person {
  stays: Stay[];
  decisions: Decision[];
  admission_requests: AdmissionRequest[];
  protections: Protection[];
  /** Archived ones included (archived: true). */
  contacts: Contact[];
  /** The records merged into this one. */
  merged_from: number[];
  /** When the photo was last changed; null without a photo. */
  photo_updated_at: string | null;
}

export interface PersonPage {
  items: Person[];
  next_cursor: string | null;
}

export interface PersonQuery {
  /** Words, each starting one of the names (any order, accents and case ignored). */
  q?: string;
  /** AAAA-MM-JJ or AAAA. */
  birth_date?: string;
  /** 15 characters. */
  nir?: string;
}

export interface PersonAlerts {
  expiring_decisions: { person: Person; decision: Decision }[];
  without_valid_decision: { person: Person }[];
}

export interface HistoryEntry {
  id: number;
  person_id: number;
  field: string;
  previous_value: string | null;
  new_value: string | null;
  /** The e-mail address of the account that made the change. */
  account: string;
  /** ISO 8601, UTC. */
  at: string;
}

export interface AttendanceMark {
  stay_id: number;
  date: string;
  status: 'present' | 'absent' | 'not_expected';
  reason: string | null;
}

export interface PersonAttendance {
  /** AAAA-MM. */
  month: string;
  stays: Stay[];
  marks: AttendanceMark[];
  /** present: n, "absent:illness": n… */
  totals: Record<string, number>;
}

export type PersonInput = Partial<Identity> & {
  establishment_id?: number;
  confirm_duplicate?: boolean;
};

export interface StayInput {
  establishment_id: number;
  care_mode: string;
  admission_date: string;
  origin: string;
}

export interface DischargeInput {
  discharge_date: string;
  destination: string;
  discharge_reason?: string;
}

export interface TransferInput {
  transfer_date: string;
  establishment_id: number;
  care_mode: string;
  discharge_reason?: string;
}

export interface DecisionInput {
  decision_reference: string;
  decision_date: string;
  category_code: string;
  valid_from: string;
  valid_to: string;
  mdph_number?: string;
  creton?: boolean;
}

export interface AdmissionRequestInput {
  establishment_id: number;
  care_mode: string;
  received_date: string;
  status?: string;
  decision_id?: number;
  comment?: string;
}

export interface AdmissionRequestChange {
  status?: string;
  status_date?: string;
  decision_id?: number | null;
  comment?: string | null;
}

export type ProtectionInput = Partial<Omit<Protection, 'id' | 'person_id' | 'current'>>;

export type ContactInput = Partial<Omit<Contact, 'id' | 'person_id' | 'archived_at'>>;

/** The problem type of a likely duplicate at creation (409): resend with confirm_duplicate: true. */
export const POSSIBLE_DUPLICATE = '/problems/possible-duplicate';

const BASE = '/api/v1/persons';

export const personPath = (id: number) => `${BASE}/${id}`;

export function searchPersons(query: PersonQuery, cursor: string | null, limit: number, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.birth_date) params.set('birth_date', query.birth_date);
  if (query.nir) params.set('nir', query.nir);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return getJson<PersonPage>(`${BASE}?${params}`, signal);
}

export function fetchPersonAlerts(signal?: AbortSignal): Promise<PersonAlerts> {
  return getJson<PersonAlerts>(`${BASE}/alerts`, signal);
}

export function createPerson(input: PersonInput): Promise<Person> {
  return request<Person>(BASE, { method: 'POST', body: input });
}

export function fetchPerson(id: number, signal?: AbortSignal): Promise<PersonRecord> {
  return getJson<PersonRecord>(personPath(id), signal);
}

export function updatePerson(id: number, changes: PersonInput): Promise<Person> {
  return request<Person>(personPath(id), { method: 'PATCH', body: changes });
}

export async function fetchPersonHistory(id: number, signal?: AbortSignal): Promise<HistoryEntry[]> {
  return (await getJson<{ items: HistoryEntry[] }>(`${personPath(id)}/history`, signal)).items;
}

export function fetchPersonAttendance(id: number, month: string, signal?: AbortSignal): Promise<PersonAttendance> {
  return getJson<PersonAttendance>(`${personPath(id)}/attendance?month=${encodeURIComponent(month)}`, signal);
}

export function admit(personId: number, input: StayInput): Promise<Stay> {
  return request<Stay>(`${personPath(personId)}/stays`, { method: 'POST', body: input });
}

export function discharge(personId: number, stayId: number, input: DischargeInput): Promise<Stay> {
  return request<Stay>(`${personPath(personId)}/stays/${stayId}/discharge`, { method: 'POST', body: input });
}

export function transfer(personId: number, stayId: number, input: TransferInput) {
  return request<{ discharged: Stay; admitted: Stay }>(`${personPath(personId)}/stays/${stayId}/transfer`, {
    method: 'POST',
    body: input,
  });
}

export function addDecision(personId: number, input: DecisionInput): Promise<Decision> {
  return request<Decision>(`${personPath(personId)}/decisions`, { method: 'POST', body: input });
}

export function addAdmissionRequest(personId: number, input: AdmissionRequestInput): Promise<AdmissionRequest> {
  return request<AdmissionRequest>(`${personPath(personId)}/admission-requests`, { method: 'POST', body: input });
}

export function updateAdmissionRequest(personId: number, requestId: number, changes: AdmissionRequestChange) {
  return request<AdmissionRequest>(`${personPath(personId)}/admission-requests/${requestId}`, {
    method: 'PATCH',
    body: changes,
  });
}

export function addProtection(personId: number, input: ProtectionInput): Promise<Protection> {
  return request<Protection>(`${personPath(personId)}/protections`, { method: 'POST', body: input });
}

export function updateProtection(personId: number, protectionId: number, changes: ProtectionInput) {
  return request<Protection>(`${personPath(personId)}/protections/${protectionId}`, { method: 'PATCH', body: changes });
}

export function addContact(personId: number, input: ContactInput): Promise<Contact> {
  return request<Contact>(`${personPath(personId)}/contacts`, { method: 'POST', body: input });
}

export function updateContact(personId: number, contactId: number, changes: ContactInput): Promise<Contact> {
  return request<Contact>(`${personPath(personId)}/contacts/${contactId}`, { method: 'PATCH', body: changes });
}

export interface PersonImportResult extends ImportAnswer {
  rows: { line: number; name: string; person: 'create' | 'existing'; person_id: number | null; stay: 'create' | 'unchanged' | 'none' }[];
  summary: { lines: number; persons_created: number; persons_existing: number; stays_created: number; stays_unchanged: number };
}

export function importPersons(input: ImportRequest & { confirm_duplicates?: boolean }): Promise<PersonImportResult> {
  return request<PersonImportResult>('/api/v1/persons/import', { method: 'POST', body: input });
}
