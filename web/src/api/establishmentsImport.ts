// Importing establishments from a CSV or XLSX file (POST /api/v1/establishments/import: a preview, then the
// commit) and exporting the list (GET /api/v1/establishments/export, a download).
import { request, type FieldError } from './client';
import type { EstablishmentQuery } from './establishments';

export interface ImportField {
  /** finess_et, name, category_code, city, postal_code, address_line, funders, places:<care mode>. */
  key: string;
  label: string;
  required: boolean;
}

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportRow {
  line: number;
  finess_et: string;
  name: string;
  action: ImportAction;
  changes: unknown[];
}

export interface ImportResult {
  committed: boolean;
  columns: string[];
  fields: ImportField[];
  /** field key → column name (suggested by the server when none was sent). */
  mapping: Record<string, string>;
  rows: ImportRow[];
  /** field: "ligne 7/finess_et" or "mapping/name". */
  errors: FieldError[];
  summary: { create: number; update: number; unchanged: number };
}

export interface ImportInput {
  file_base64: string;
  mapping?: Record<string, string>;
  commit: boolean;
  effective_from?: string;
}

export function importEstablishments(input: ImportInput, signal?: AbortSignal): Promise<ImportResult> {
  return request<ImportResult>('/api/v1/establishments/import', { method: 'POST', body: input, signal });
}

/** The address of the export of the list with these filters (a same-origin download: the cookie is sent). */
export function exportUrl(format: 'csv' | 'xlsx', query: EstablishmentQuery): string {
  const params = new URLSearchParams({ format });
  if (query.category) params.set('category', query.category);
  if (query.funder) params.set('funder', query.funder);
  if (query.q) params.set('q', query.q);
  if (query.include_archived) params.set('include_archived', 'true');
  return `/api/v1/establishments/export?${params}`;
}
