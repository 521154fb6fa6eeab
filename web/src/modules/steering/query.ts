// What a dashboard shows, kept in the address so that it can be shared as a link and found again on reload:
//   ?perimetre=establishment:12&periode=mois&mois=2025-03
//   ?perimetre=organisation&periode=trimestre&trimestre=2025-T2
//   ?perimetre=category:183&periode=annee&annee=2025
//   ?perimetre=platform&periode=personnalisee&du=2025-01-01&au=2025-06-30
// plus &liste=ACT-03 when the list of the persons behind a number is open.
import { defaultPeriod, type PeriodChoice, type PeriodKind } from './period';

export interface DashboardQuery {
  /** The server's scope code; "" when the address names none (the account's default is used). */
  scope: string;
  period: PeriodChoice;
  /** The indicator whose list of persons or staff is open, or "". */
  list: string;
}

const KINDS: readonly PeriodKind[] = ['mois', 'trimestre', 'annee', 'personnalisee'];
const SCOPE = /^(platform|organisation(:\d+)?|category:[0-9A-Za-z]+|establishment:\d+)$/;
const INDICATOR = /^[A-Z]+-[0-9A-Z-]+$/;

function inRange(text: string | undefined, low: number, high: number): number | null {
  if (!text || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= low && n <= high ? n : null;
}

/** The dashboard named by a query string; what is missing or malformed is the default. */
export function queryToDashboard(search: string, today?: string): DashboardQuery {
  const params = new URLSearchParams(search);
  const fallback = defaultPeriod(today);
  const scope = params.get('perimetre') ?? '';
  const kind = params.get('periode') as PeriodKind | null;
  const period: PeriodChoice = { ...fallback };
  if (kind && KINDS.includes(kind)) {
    period.kind = kind;
    if (kind === 'mois') {
      const [y, m] = (params.get('mois') ?? '').split('-');
      const year = inRange(y, 1900, 2999);
      const month = inRange(m, 1, 12);
      if (year !== null && month !== null) Object.assign(period, { year, month, quarter: Math.ceil(month / 3) });
    } else if (kind === 'trimestre') {
      const [y, q] = (params.get('trimestre') ?? '').split('-T');
      const year = inRange(y, 1900, 2999);
      const quarter = inRange(q, 1, 4);
      if (year !== null && quarter !== null) Object.assign(period, { year, quarter, month: quarter * 3 - 2 });
    } else if (kind === 'annee') {
      const year = inRange(params.get('annee') ?? undefined, 1900, 2999);
      if (year !== null) period.year = year;
    } else {
      period.from = params.get('du') ?? '';
      period.to = params.get('au') ?? '';
    }
  }
  const list = params.get('liste') ?? '';
  return { scope: SCOPE.test(scope) ? scope : '', period, list: INDICATOR.test(list) ? list : '' };
}

/** The query string of a dashboard (without "?"). */
export function dashboardToQuery(query: DashboardQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.scope) params.set('perimetre', query.scope);
  const p = query.period;
  params.set('periode', p.kind);
  if (p.kind === 'mois') params.set('mois', `${p.year}-${String(p.month).padStart(2, '0')}`);
  else if (p.kind === 'trimestre') params.set('trimestre', `${p.year}-T${p.quarter}`);
  else if (p.kind === 'annee') params.set('annee', String(p.year));
  else {
    params.set('du', p.from);
    params.set('au', p.to);
  }
  if (query.list) params.set('liste', query.list);
  return params;
}

/** The address of a dashboard page. */
export const dashboardHref = (query: DashboardQuery) => `/pilotage?${dashboardToQuery(query)}`;
