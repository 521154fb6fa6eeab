// Attendance of the persons admitted (GET/PUT /api/v1/attendance: a monthly grid per establishment and kind of
// care), the waiting list (GET /api/v1/waiting-list) and the movements (admissions, discharges, transfers:
// GET /api/v1/movements, also downloaded as CSV or XLSX).
import { getJson, request } from './client';
import type { AdmissionRequest } from './persons';

export type AttendanceStatus = 'present' | 'absent' | 'not_expected';
export type AbsenceReason = 'illness' | 'hospitalisation' | 'holiday' | 'family' | 'unjustified' | 'other';

export interface AttendanceDay {
  /** AAAA-MM-JJ. */
  date: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Open according to the establishment's calendar and closures. */
  open: boolean;
}

export interface AttendanceCell {
  /** The day is inside the stay (only those can be marked). */
  in_stay: boolean;
  status: AttendanceStatus | null;
  reason: AbsenceReason | null;
}

/** The identity shown in the lists (a subset of the person record). */
export interface PersonName {
  id: number;
  birth_name: string;
  used_name: string | null;
  first_names: string[];
  used_first_name: string | null;
  birth_date: string;
}

export interface AttendanceRow {
  stay_id: number;
  person: PersonName;
  admission_date: string;
  discharge_date: string | null;
  /** One per day of the month, in the order of `days`. */
  cells: AttendanceCell[];
}

export interface AttendanceGrid {
  establishment_id: number;
  care_mode: string;
  /** AAAA-MM. */
  month: string;
  days: AttendanceDay[];
  rows: AttendanceRow[];
  /** "present", "absent:illness", "not_expected"… → number of days. */
  totals: Record<string, number>;
}

export interface AttendanceEntry {
  stay_id: number;
  date: string;
  /** null clears the cell. */
  status: AttendanceStatus | null;
  reason?: AbsenceReason;
}

export interface GridKey {
  establishment_id: number;
  care_mode: string;
  month: string;
}

export function fetchAttendance(key: GridKey, signal?: AbortSignal): Promise<AttendanceGrid> {
  const params = new URLSearchParams({
    establishment_id: String(key.establishment_id),
    care_mode: key.care_mode,
    month: key.month,
  });
  return getJson<AttendanceGrid>(`/api/v1/attendance?${params}`, signal);
}

/**
 * All or nothing: a 422 names the entries in error ("entries/<i>/date", "entries/<i>/stay_id",
 * "entries/<i>/reason"), i being the index in `entries`.
 */
export function saveAttendance(key: GridKey, entries: AttendanceEntry[]): Promise<{ written: number; cleared: number }> {
  return request<{ written: number; cleared: number }>('/api/v1/attendance', {
    method: 'PUT',
    body: { ...key, entries },
  });
}

/** A waiting-list entry: the person's admission request, with who it is for. */
export interface WaitingRequest extends AdmissionRequest {
  person: PersonName;
}

export async function fetchWaitingList(
  query: { establishment_id?: number; all?: boolean },
  signal?: AbortSignal,
): Promise<WaitingRequest[]> {
  const params = new URLSearchParams();
  if (query.establishment_id) params.set('establishment_id', String(query.establishment_id));
  if (query.all) params.set('all', 'true');
  const text = params.toString();
  return (await getJson<{ items: WaitingRequest[] }>(`/api/v1/waiting-list${text ? `?${text}` : ''}`, signal)).items;
}

export interface Stay {
  id: number;
  person_id: number;
  establishment_id: number;
  care_mode: string;
  admission_date: string;
  origin: string | null;
  discharge_date: string | null;
  destination: string | null;
  discharge_reason: string | null;
  transfer_from_stay_id: number | null;
  transferred_to_stay_id: number | null;
}

export type MovementKind = 'admission' | 'discharge' | 'transfer';

export interface Movement {
  kind: MovementKind;
  date: string;
  stay: Stay;
  person: PersonName & { sex?: string };
  /** FINESS of the establishment of the stay. */
  finess: string;
  from_stay?: Stay | null;
  from_finess?: string | null;
}

export interface MovementQuery {
  /** AAAA-MM-JJ, included. */
  from: string;
  to: string;
  establishment_id?: number;
}

/** The address of the movements in a format; CSV and XLSX are downloads (the session cookie is sent). */
export function movementsUrl(format: 'json' | 'csv' | 'xlsx', query: MovementQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.establishment_id) params.set('establishment_id', String(query.establishment_id));
  params.set('format', format);
  return `/api/v1/movements?${params}`;
}

export async function fetchMovements(query: MovementQuery, signal?: AbortSignal): Promise<Movement[]> {
  return (await getJson<{ items: Movement[] }>(movementsUrl('json', query), signal)).items;
}
