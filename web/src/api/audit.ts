// The audit trail ("trace des accès"), read by the data protection officer.
import { getJson } from './client';

export interface AuditEvent {
  id: number;
  /** ISO 8601, UTC. */
  at: string;
  account_id: number | null;
  /** The e-mail address of the account (or the label of an API token). */
  account: string;
  /** Role code (educator, director, …); empty when the attempt had no role (failed sign-in). */
  role: string;
  organisation_id: number | null;
  establishment_id: number | null;
  action: string;
  /** success, failure or denied. */
  outcome: string;
  object_type: string;
  object_id: string;
  person_id: number | null;
  fields: string[];
  client_address: string;
  request_id: string;
}

export interface AuditPage {
  items: AuditEvent[];
  next_cursor: string | null;
}

/** Filters as the API takes them: ids as digits, dates as AAAA-MM-JJ (from included, to excluded). */
export interface AuditQuery {
  account?: string;
  person?: string;
  action?: string;
  from?: string;
  to?: string;
}

export interface AuditVerification {
  intact: boolean;
  events_checked: number;
  first_broken_id: number | null;
  reason: string;
}

function queryString(query: AuditQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, ...extra })) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function searchAudit(query: AuditQuery, cursor: string | null, limit: number, signal?: AbortSignal) {
  const extra: Record<string, string> = { limit: String(limit) };
  if (cursor) extra.cursor = cursor;
  return getJson<AuditPage>(`/api/v1/audit${queryString(query, extra)}`, signal);
}

/** The CSV export with the same filters: a link the browser downloads (the session cookie goes with it). */
export function auditExportUrl(query: AuditQuery): string {
  return `/api/v1/audit/export${queryString(query)}`;
}

export function verifyAudit(): Promise<AuditVerification> {
  return getJson<AuditVerification>('/api/v1/audit/verify');
}
