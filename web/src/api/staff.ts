// Staff records (brick hr): members, contracts, absences and full-time equivalents.
import { getJson, request } from './client';
import type { ImportAnswer, ImportRequest } from './imports';

export interface Code {
  code: string;
  label: string;
}

export interface StaffReference {
  jobs: { code: string; label: string; category: string }[];
  job_categories: Code[];
  contract_kinds: (Code & { permanent: boolean })[];
  fixed_term_reasons: Code[];
  end_reasons: Code[];
  absence_kinds: (Code & { absenteeism_group: string })[];
}

export interface Contract {
  id: number;
  staff_id: number;
  establishment_id: number;
  job: string;
  job_label: string;
  job_category: string;
  kind: string;
  kind_label: string;
  fixed_term_reason: string | null;
  start_date: string;
  end_date: string | null;
  end_reason: string | null;
  working_time: number;
  permanent: boolean;
}

export interface Absence {
  id: number;
  kind: string;
  kind_label: string;
  start_date: string;
  end_date: string;
  start_half_day: boolean;
  end_half_day: boolean;
  calendar_days: number;
}

export interface StaffMember {
  id: number;
  last_name: string;
  first_name: string;
  sex: 'F' | 'M' | null;
  birth_date: string | null;
  job: string;
  job_label: string;
  job_category: string;
  account_id: number | null;
  contracts: Contract[];
  absences?: Absence[];
}

export interface StaffPage {
  items: StaffMember[];
  next_cursor: string | null;
}

export interface StaffFilters {
  q?: string;
  establishment?: string;
  job_category?: string;
  active_on?: string;
}

export interface ContractInput {
  establishment_id: number;
  kind: string;
  fixed_term_reason?: string;
  start_date: string;
  end_date?: string;
  working_time: number;
  job?: string;
}

export interface AbsenceInput {
  kind: string;
  start_date: string;
  end_date: string;
  start_half_day?: boolean;
  end_half_day?: boolean;
}

let reference: Promise<StaffReference> | null = null;
export function staffReference(): Promise<StaffReference> {
  if (!reference) {
    reference = getJson<StaffReference>('/api/v1/staff/reference');
    reference.catch(() => {
      reference = null;
    });
  }
  return reference;
}

export function listStaff(filters: StaffFilters, cursor: string | null, signal?: AbortSignal): Promise<StaffPage> {
  const query = new URLSearchParams({ limit: '50' });
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (cursor) query.set('cursor', cursor);
  return getJson<StaffPage>(`/api/v1/staff?${query.toString()}`, signal);
}

export function getStaff(id: number, signal?: AbortSignal): Promise<StaffMember> {
  return getJson<StaffMember>(`/api/v1/staff/${id}`, signal);
}

export function createStaff(body: {
  last_name: string;
  first_name: string;
  job: string;
  sex?: string;
  birth_date?: string;
  contracts: ContractInput[];
}): Promise<StaffMember> {
  return request<StaffMember>('/api/v1/staff', { method: 'POST', body });
}

export function addContract(staffId: number, body: ContractInput): Promise<Contract> {
  return request<Contract>(`/api/v1/staff/${staffId}/contracts`, { method: 'POST', body });
}

export function endContract(staffId: number, contractId: number, body: { end_date: string; end_reason?: string }): Promise<Contract> {
  return request<Contract>(`/api/v1/staff/${staffId}/contracts/${contractId}`, { method: 'PATCH', body });
}

export function addAbsence(staffId: number, body: AbsenceInput): Promise<Absence> {
  return request<Absence>(`/api/v1/staff/${staffId}/absences`, { method: 'POST', body });
}

export function deleteAbsence(staffId: number, absenceId: number): Promise<void> {
  return request<void>(`/api/v1/staff/${staffId}/absences/${absenceId}`, { method: 'DELETE' });
}

export function staffExportUrl(): string {
  return '/api/v1/staff/export?format=xlsx';
}

export interface StaffImportResult extends ImportAnswer {
  rows: { line: number; name: string; member: 'create' | 'existing'; contract: 'create' | 'unchanged' }[];
  summary: { members_created: number; contracts_created: number; unchanged: number };
}

export function importStaff(input: ImportRequest): Promise<StaffImportResult> {
  return request<StaffImportResult>('/api/v1/staff/import', { method: 'POST', body: input });
}
