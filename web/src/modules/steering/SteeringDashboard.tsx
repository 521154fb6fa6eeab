// « Pilotage »: the dashboard of a scope (an establishment, a category, the organisation, the platform) over a
// period, from GET /api/v1/dashboards/{scope}: the indicators by axis with the previous period and the same
// period last year, the charts, the scopes under it (each leading to its own dashboard), the lists behind the
// numbers of an establishment, the export and the definitions. What is shown is kept in the address
// (query.ts): a dashboard is shared as a link, and a reload shows it again. Loaded on demand (its own chunk,
// with ECharts) by SteeringPage, which holds the page's title.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { problemMessage } from '../../api/problems';
import { fetchDashboard, type Dashboard, type IndicatorValue, type PyramidBand } from '../../api/steering';
import { replaceQuery, useQuery } from '../../app/router';
import { useSession } from '../../app/SessionContext';
import { canExportDashboards, defaultScope, isPlatformAdmin, readsOrganisation } from './access';
import { AnapExport } from './AnapExport';
import { AxisSection } from './AxisSection';
import { AgePyramid, MonthlyRateChart, MovementsChart } from './charts/charts';
import { ChildrenTable } from './ChildrenTable';
import { DashboardFilters } from './DashboardFilters';
import { AXES, DefinitionsPanel } from './DefinitionsPanel';
import { ExportButtons } from './ExportButtons';
import { datesLabel, resolvePeriod } from './period';
import { dashboardHref, dashboardToQuery, queryToDashboard, type DashboardQuery } from './query';
import { useDefinitions } from './useDefinitions';
import { useScopeOptions } from './useScopeOptions';
import './steering.css';

type Shown = { key: string; dashboard: Dashboard; label: string; running: boolean };
type Load = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string };

function errorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 404)
    return "Ce tableau de bord n'existe pas ou votre compte ne permet pas de le consulter.";
  return problemMessage(error);
}

/** A staff age distribution split by sex, as the bands of a pyramid (null without the split). */
function staffPyramid(value: IndicatorValue | undefined): PyramidBand[] | null {
  const rows = value?.breakdown ?? [];
  if (!rows.some((row) => row.by_sex)) return null;
  return rows.map((row) => ({
    key: row.key,
    label: row.label,
    F: row.by_sex?.F ?? 0,
    M: row.by_sex?.M ?? 0,
    unknown: row.by_sex?.unknown ?? 0,
  }));
}

/**
 * Whom the ANAP campaign export covers from this dashboard: its establishment, or every establishment the account
 * may export (its organisation's; the platform's for the platform administration, on the platform's dashboard).
 */
function anapScope(dashboard: Dashboard, platform: boolean): { establishmentId?: number } | null {
  const { code, kind } = dashboard.scope;
  if (kind === 'establishment') return { establishmentId: Number(code.split(':')[1]) };
  if (kind === 'platform' || (kind === 'organisation' && !platform)) return {};
  return null;
}

export function SteeringDashboard() {
  const { session } = useSession();
  const search = useQuery();
  const query = queryToDashboard(search);
  const scope = query.scope || defaultScope(session);
  const options = useScopeOptions(session);
  const definitions = useDefinitions();
  const period = resolvePeriod(query.period);
  const [shown, setShown] = useState<Shown | null>(null);
  const [load, setLoad] = useState<Load>({ kind: 'idle' });
  const [showDefinitions, setShowDefinitions] = useState(false);
  const definitionsTitle = useRef(false);

  const current: DashboardQuery = { ...query, scope };
  const update = (changes: Partial<DashboardQuery>) => replaceQuery(dashboardToQuery({ ...current, ...changes }));

  // An address that names no scope or period gets the ones shown, so that it can be shared as it is.
  const params = new URLSearchParams(search);
  const complete = params.has('perimetre') && params.has('periode');
  useEffect(() => {
    if (!complete) replaceQuery(dashboardToQuery(current));
  });

  const key = period.ok ? `${scope}|${period.period.from}|${period.period.to}` : null;
  useEffect(() => {
    if (!period.ok || key === null) return undefined;
    const controller = new AbortController();
    const { from, to, label, running } = period.period;
    setLoad({ kind: 'loading' });
    fetchDashboard(scope, from, to, controller.signal).then(
      (dashboard) => {
        setShown({ key, dashboard, label, running });
        setLoad({ kind: 'idle' });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoad({ kind: 'error', message: errorMessage(error) });
      },
    );
    return () => controller.abort();
    // The key holds everything the request depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    if (showDefinitions && definitionsTitle.current) {
      definitionsTitle.current = false;
      document.getElementById('pilotage-definitions-titre')?.focus();
    }
  }, [showDefinitions]);

  const dashboard = shown?.dashboard ?? null;
  const values = useMemo(() => new Map((dashboard?.values ?? []).map((v) => [v.id, v])), [dashboard]);
  const stale = shown !== null && shown.key !== key;
  const defs = definitions.kind === 'ready' ? definitions.definitions : [];
  const byAxis = (axis: string) => defs.filter((d) => d.axis === axis);
  const hrefOf = (childScope: string) => dashboardHref({ ...current, scope: childScope, list: '' });

  let up: { href: string; label: string } | null = null;
  if ((scope.startsWith('establishment:') || scope.startsWith('category:')) && readsOrganisation(session))
    up = { href: hrefOf('organisation'), label: "Tableau de bord de tout l'organisme" };
  else if (scope.startsWith('organisation:') && isPlatformAdmin(session))
    up = { href: hrefOf('platform'), label: 'Tableau de bord de toute la plateforme' };

  const staffAges = staffPyramid(values.get('RH-05'));
  const anap = dashboard ? anapScope(dashboard, isPlatformAdmin(session)) : null;

  return (
    <>
      {up && (
        <p class="breadcrumb">
          <a href={up.href}>{up.label}</a>
        </p>
      )}
      <DashboardFilters
        scope={scope}
        scopeLabel={dashboard?.scope.code === scope ? dashboard.scope.label : null}
        groups={options.groups}
        period={query.period}
        resolved={period.ok ? period.period : null}
        error={period.ok ? null : { field: period.field, message: period.message }}
        onScope={(next) => update({ scope: next, list: '' })}
        onPeriod={(next) => update({ period: next })}
      />
      <div class="results-status" aria-live="polite" data-testid="dashboard-status">
        {load.kind === 'loading' && <p class="loading">Chargement du tableau de bord…</p>}
        {load.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible d'afficher le tableau de bord. {load.message}
          </p>
        )}
        {definitions.kind === 'error' && (
          <p class="alert alert--error" role="alert">
            Impossible de lire les définitions des indicateurs. {definitions.message}
          </p>
        )}
      </div>
      {dashboard && shown && load.kind !== 'error' && (
        <div class={`dashboard__body${stale ? ' dashboard__body--stale' : ''}`} aria-busy={stale ? 'true' : 'false'}>
          <header class="dashboard-head">
            <h2 class="dashboard-head__title" data-testid="dashboard-heading">
              {dashboard.scope.label} — {shown.label}
            </h2>
            <p class="dashboard-head__dates" data-testid="dashboard-dates">
              Période {datesLabel(dashboard.period.from, dashboard.period.to)}
              {shown.running ? ' (période en cours : jusqu’à aujourd’hui)' : ''}. Comparée à la période précédente (
              {datesLabel(dashboard.previous_period.from, dashboard.previous_period.to)}) et à la même période l'an
              dernier ({datesLabel(dashboard.last_year.from, dashboard.last_year.to)}).
            </p>
          </header>
          <div class="toolbar">
            {canExportDashboards(session) && (
              <ExportButtons scope={dashboard.scope.code} from={dashboard.period.from} to={dashboard.period.to} />
            )}
            {canExportDashboards(session) && anap && <AnapExport key={dashboard.scope.code} {...anap} />}
            <button
              type="button"
              class="button button--secondary button--small"
              aria-expanded={showDefinitions ? 'true' : 'false'}
              aria-controls="pilotage-definitions"
              onClick={() => {
                definitionsTitle.current = !showDefinitions;
                setShowDefinitions(!showDefinitions);
              }}
            >
              {showDefinitions ? 'Masquer les définitions' : 'Définitions des indicateurs'}
            </button>
          </div>
          {showDefinitions && <DefinitionsPanel definitions={defs} />}
          {AXES.map(({ axis, label }) => (
            <AxisSection
              key={axis}
              id={`axe-${axis}`}
              title={label}
              definitions={byAxis(axis)}
              dashboard={dashboard}
              values={values}
              list={query.list}
              onList={(list) => update({ list })}
              drawn={axis === 'persons' ? ['ACT-07-AGE'] : axis === 'human_resources' && staffAges ? ['RH-05'] : []}
            >
              {axis === 'activity' && (
                <>
                  <MonthlyRateChart
                    id="occupation"
                    title="Taux d'occupation par mois"
                    seriesName="Taux d'occupation"
                    rows={dashboard.charts.occupancy_by_month}
                  />
                  <MovementsChart rows={dashboard.charts.movements_by_month} />
                </>
              )}
              {axis === 'persons' && (
                <AgePyramid
                  id="pyramide"
                  title="Pyramide des âges des personnes accompagnées (fin de période)"
                  bands={dashboard.charts.age_pyramid}
                  noun="personnes"
                />
              )}
              {axis === 'human_resources' && (
                <>
                  <MonthlyRateChart
                    id="absenteisme"
                    title="Taux d'absentéisme par mois"
                    seriesName="Taux d'absentéisme"
                    rows={dashboard.charts.absenteeism_by_month}
                  />
                  {staffAges && (
                    <AgePyramid
                      id="pyramide-personnel"
                      title="Pyramide des âges du personnel (fin de période)"
                      bands={staffAges}
                      noun="professionnels"
                    />
                  )}
                </>
              )}
            </AxisSection>
          ))}
          {dashboard.children.length > 0 && (
            <ChildrenTable items={dashboard.children} definitions={defs} hrefOf={hrefOf} periodLabel={shown.label} />
          )}
        </div>
      )}
    </>
  );
}
