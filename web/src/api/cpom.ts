// CPOM (brick cpom): the multi-year contracts with the funders, their objectives and action sheets (actions,
// indicators, comments). External readers (the funders) read the contracts that name them.
import { getJson, request } from './client';

export interface Code {
  code: string;
  label: string;
}

export interface ComputedIndicator {
  id: string;
  label: string;
  unit: string;
  higher_is_better: boolean;
}

export interface CpomReference {
  statuses: Code[];
  action_statuses: Code[];
  units: Code[];
  funders: Code[];
  computed_indicators: ComputedIndicator[];
  longest_years: number;
}

export interface Cpom {
  id: number;
  name: string;
  funders: Code[];
  establishments: { id: number; name: string }[];
  readers: { account_id: number; display_name: string; email?: string }[];
  start_date: string;
  end_date: string;
  status: string;
  status_label: string;
  /** Mean of the sheets' progress (percent), null without actions. */
  progress: number | null;
  /** The caller may change it (else read-only: an external reader, or a reader of some establishments). */
  can_write: boolean;
  objectives?: Objective[];
}

export interface Objective {
  id: number;
  parent_id: number | null;
  level: 'strategic' | 'operational';
  title: string;
}

export interface Action {
  id: number;
  label: string;
  owner: string | null;
  means: string | null;
  establishment_ids: number[];
  start_date: string | null;
  deadline: string;
  status: string;
  status_label: string;
  progress: number;
  late: boolean;
}

export interface Indicator {
  id: number;
  label: string;
  unit: string;
  unit_label: string;
  higher_is_better: boolean;
  initial_value: number | null;
  target_value: number;
  target_year: number;
  values: { year: number; value: number }[];
  computed_id: string | null;
  computed_label: string | null;
  computed_scope: string | null;
  /** A linked indicator's value computed now, over the contract's current year. */
  current: { value: number | null; from: string; to: string } | null;
  latest_value: number | null;
  target_reached: boolean | null;
}

export interface Comment {
  id: number;
  author: string;
  at: string;
  text: string;
}

export interface Sheet {
  id: number;
  cpom_id: number;
  objective_id: number;
  title: string;
  description: string | null;
  owner: string | null;
  progress: number | null;
  late_actions: number;
  actions: Action[];
  indicators: Indicator[];
  comments: Comment[];
}

export interface CpomInput {
  name?: string;
  funders?: string[];
  establishment_ids?: number[];
  reader_ids?: number[];
  start_date?: string;
  end_date?: string;
  status?: string;
}

export interface ActionInput {
  id?: number;
  label: string;
  owner?: string | null;
  means?: string | null;
  establishment_ids?: number[];
  start_date?: string | null;
  deadline: string;
  status?: string;
  progress?: number;
}

export interface IndicatorInput {
  id?: number;
  label: string;
  unit?: string;
  higher_is_better?: boolean;
  initial_value?: number | null;
  target_value: number;
  target_year: number;
  values?: { year: number; value: number }[];
  computed_id?: string | null;
  computed_scope?: string | null;
}

export interface SheetInput {
  objective_id?: number;
  title?: string;
  description?: string | null;
  owner?: string | null;
  actions?: ActionInput[];
  indicators?: IndicatorInput[];
}

export interface HistoryEntry {
  id: number;
  field: string;
  previous_value: string | null;
  new_value: string | null;
  account: string;
  at: string;
}

let reference: Promise<CpomReference> | null = null;
export function cpomReference(): Promise<CpomReference> {
  if (!reference) {
    reference = getJson<CpomReference>('/api/v1/cpom/reference');
    reference.catch(() => {
      reference = null;
    });
  }
  return reference;
}

export function listCpoms(signal?: AbortSignal): Promise<{ items: Cpom[] }> {
  return getJson<{ items: Cpom[] }>('/api/v1/cpom?limit=200', signal);
}

export function getCpom(id: number, signal?: AbortSignal): Promise<Cpom> {
  return getJson<Cpom>(`/api/v1/cpom/${id}`, signal);
}

export function createCpom(body: CpomInput): Promise<Cpom> {
  return request<Cpom>('/api/v1/cpom', { method: 'POST', body });
}

export function updateCpom(id: number, body: CpomInput): Promise<Cpom> {
  return request<Cpom>(`/api/v1/cpom/${id}`, { method: 'PATCH', body });
}

export function readerAccounts(signal?: AbortSignal): Promise<{ items: { id: number; display_name: string; email: string }[] }> {
  return getJson(`/api/v1/cpom/reader-accounts`, signal);
}

export function addObjective(cpomId: number, body: { title: string; parent_id?: number }): Promise<Objective> {
  return request<Objective>(`/api/v1/cpom/${cpomId}/objectives`, { method: 'POST', body });
}

export function listSheets(cpomId: number, signal?: AbortSignal): Promise<{ items: Sheet[] }> {
  return getJson<{ items: Sheet[] }>(`/api/v1/cpom/${cpomId}/sheets`, signal);
}

export function getSheet(cpomId: number, sheetId: number, signal?: AbortSignal): Promise<Sheet> {
  return getJson<Sheet>(`/api/v1/cpom/${cpomId}/sheets/${sheetId}`, signal);
}

export function createSheet(cpomId: number, body: SheetInput): Promise<Sheet> {
  return request<Sheet>(`/api/v1/cpom/${cpomId}/sheets`, { method: 'POST', body });
}

export function updateSheet(cpomId: number, sheetId: number, body: SheetInput): Promise<Sheet> {
  return request<Sheet>(`/api/v1/cpom/${cpomId}/sheets/${sheetId}`, { method: 'PATCH', body });
}

export function addComment(cpomId: number, sheetId: number, text: string): Promise<Comment> {
  return request<Comment>(`/api/v1/cpom/${cpomId}/sheets/${sheetId}/comments`, { method: 'POST', body: { text } });
}

export function cpomHistory(cpomId: number, signal?: AbortSignal): Promise<{ items: HistoryEntry[] }> {
  return getJson(`/api/v1/cpom/${cpomId}/history`, signal);
}

export function sheetHistory(cpomId: number, sheetId: number, signal?: AbortSignal): Promise<{ items: HistoryEntry[] }> {
  return getJson(`/api/v1/cpom/${cpomId}/sheets/${sheetId}/history`, signal);
}
