// The steering brick (indicators and dashboards, /work/steering-contract.md): the definitions of the
// indicators, their values for a scope and a period, a scope's dashboard (values, monthly charts, children),
// the persons or staff behind a number, and the dashboard's export (XLSX, CSV).
// Scopes are the server's codes: "organisation", "organisation:3", "category:183", "establishment:12",
// "platform". Dates are AAAA-MM-JJ, both ends included. Rates are fractions (0.912); a value the server
// cannot compute (zero denominator, nothing recorded) is null.
import { getJson } from './client';
import { downloadFile, type DownloadedFile } from './download';

export type Axis = 'activity' | 'persons' | 'human_resources';
export type Unit = 'rate' | 'days' | 'persons' | 'count' | 'fte' | 'ratio' | 'distribution';

export interface IndicatorDefinition {
  /** "ACT-02", "RH-01", "ACT-07-AGE"… */
  id: string;
  axis: Axis;
  unit: Unit;
  label: string;
  definition: string;
  /** The dimension of the breakdown rows ("care_mode", "absence_kind"…), or "". */
  breakdown: string;
  /** Whether a rise is good news (the colour of the trend arrow). */
  higher_is_better: boolean;
}

export interface BreakdownRow {
  key: string;
  label: string;
  value: number | null;
  numerator?: number;
  denominator?: number;
  /** Distributions split by sex (age pyramids): "F", "M", "unknown". */
  by_sex?: Record<string, number>;
}

export interface IndicatorValue {
  id: string;
  value: number | null;
  numerator?: number;
  denominator?: number;
  /** The value over the previous period (same number of days just before). */
  previous: number | null;
  /** The value over the same dates one year earlier. */
  last_year: number | null;
  breakdown?: BreakdownRow[];
}

export interface Period {
  from: string;
  to: string;
}

export type ScopeKind = 'establishment' | 'category' | 'organisation' | 'platform';

export interface ScopeInfo {
  code: string;
  label: string;
  kind: ScopeKind;
}

export interface IndicatorValues {
  scope: ScopeInfo;
  period: Period;
  previous_period: Period;
  last_year: Period;
  values: IndicatorValue[];
}

export interface MonthlyRate {
  /** AAAA-MM */
  month: string;
  value: number | null;
  numerator?: number;
  denominator?: number;
}

export interface MonthlyMovements {
  month: string;
  admissions: number;
  discharges: number;
}

export interface PyramidBand {
  key: string;
  label: string;
  F: number;
  M: number;
  unknown?: number;
}

export interface DashboardChild {
  scope: string;
  label: string;
  kind: ScopeKind;
  /** ACT-02, ACT-03, ACT-08, RH-01 */
  values: Record<string, number | null>;
}

export interface Dashboard extends IndicatorValues {
  charts: {
    occupancy_by_month: MonthlyRate[];
    absenteeism_by_month: MonthlyRate[];
    movements_by_month: MonthlyMovements[];
    age_pyramid: PyramidBand[];
  };
  children: DashboardChild[];
  /** Whether the account may open the lists of persons or staff behind the numbers of this scope. */
  drill: { persons: boolean; staff: boolean };
}

export interface DetailItem {
  id: number;
  last_name: string;
  first_name: string;
  establishment_id: number;
  care_mode?: string;
  job_code?: string;
  from?: string;
  to?: string;
  detail?: string;
}

export interface Details {
  kind: 'persons' | 'staff';
  items: DetailItem[];
}

export type ExportFormat = 'xlsx' | 'csv';

const period = (from: string, to: string) => new URLSearchParams({ from, to });

/** A scope code in a path: "establishment:12" stays readable (the colon is allowed in a path segment). */
const scopeSegment = (scope: string) => encodeURIComponent(scope).replace(/%3A/gi, ':');

export async function fetchDefinitions(signal?: AbortSignal): Promise<IndicatorDefinition[]> {
  return (await getJson<{ items: IndicatorDefinition[] }>('/api/v1/indicators', signal)).items;
}

export function fetchValues(scope: string, from: string, to: string, ids: readonly string[] = [], signal?: AbortSignal) {
  const params = period(from, to);
  params.set('scope', scope);
  if (ids.length > 0) params.set('ids', ids.join(','));
  return getJson<IndicatorValues>(`/api/v1/indicators/values?${params}`, signal);
}

export function fetchDashboard(scope: string, from: string, to: string, signal?: AbortSignal): Promise<Dashboard> {
  return getJson<Dashboard>(`/api/v1/dashboards/${scopeSegment(scope)}?${period(from, to)}`, signal);
}

/** The persons or staff behind an indicator of an establishment (its list read is audited by the server). */
export function fetchDetails(id: string, scope: string, from: string, to: string, signal?: AbortSignal) {
  const params = period(from, to);
  params.set('scope', scope);
  return getJson<Details>(`/api/v1/indicators/${encodeURIComponent(id)}/details?${params}`, signal);
}

export function dashboardExportPath(scope: string, from: string, to: string, format: ExportFormat): string {
  const params = period(from, to);
  params.set('format', format);
  return `/api/v1/dashboards/${scopeSegment(scope)}/export?${params}`;
}

/** Downloads the dashboard's figures; a refusal is thrown (ApiError), not saved as a file. */
export function downloadDashboard(scope: string, from: string, to: string, format: ExportFormat): Promise<DownloadedFile> {
  const fallback = `tableau-de-bord-${scope.replace(/[^a-z0-9]+/gi, '-')}-${from}-${to}.${format}`;
  return downloadFile(dashboardExportPath(scope, from, to, format), fallback);
}

/** The yearly ANAP campaign figures: one establishment, or every establishment the account may export. */
export function anapExportPath(year: number, format: ExportFormat, establishmentId?: number): string {
  const params = new URLSearchParams({ year: String(year), format });
  if (establishmentId !== undefined) params.set('establishment_id', String(establishmentId));
  return `/api/v1/indicators/anap?${params}`;
}

export function downloadAnap(year: number, format: ExportFormat, establishmentId?: number): Promise<DownloadedFile> {
  const fallback = `anap-${year}${establishmentId === undefined ? '' : `-${establishmentId}`}.${format}`;
  return downloadFile(anapExportPath(year, format, establishmentId), fallback);
}
