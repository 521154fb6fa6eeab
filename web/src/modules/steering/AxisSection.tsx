// One axis of a dashboard (activity, persons supported, human resources): its tiles, the list behind a number
// when one is open, its distributions and its charts.
import type { ComponentChildren } from 'preact';
import type { Dashboard, IndicatorDefinition, IndicatorValue } from '../../api/steering';
import { DetailsPanel } from './DetailsPanel';
import { DistributionTable } from './DistributionTable';
import { IndicatorTile } from './IndicatorTile';

/** The numbers with a list behind them (contract: GET /api/v1/indicators/{id}/details). */
const DRILLS: Record<string, 'persons' | 'staff'> = {
  'ACT-03': 'persons',
  'ACT-05': 'persons',
  'ACT-10': 'persons',
  'ACT-11': 'persons',
  'ACT-13': 'persons',
  'ACT-15': 'persons',
  'RH-01': 'staff',
  'RH-06': 'staff',
  'RH-07': 'staff',
};

/** What the list behind an indicator holds, if the account may open it on this dashboard. */
export function drillKind(dashboard: Dashboard, id: string): 'persons' | 'staff' | null {
  const kind = DRILLS[id];
  if (!kind || dashboard.scope.kind !== 'establishment') return null;
  return dashboard.drill?.[kind] ? kind : null;
}

interface Props {
  id: string;
  title: string;
  definitions: readonly IndicatorDefinition[];
  dashboard: Dashboard;
  values: ReadonlyMap<string, IndicatorValue>;
  /** The indicator whose list is open ("" none). */
  list: string;
  onList: (id: string) => void;
  /** Distributions drawn as charts by the caller, left out of the tables. */
  drawn?: readonly string[];
  children?: ComponentChildren;
}

export function AxisSection({ id, title, definitions, dashboard, values, list, onList, drawn = [], children }: Props) {
  const tiles = definitions.filter((d) => d.unit !== 'distribution');
  const distributions = definitions.filter((d) => d.unit === 'distribution' && !drawn.includes(d.id));
  const open = definitions.find((d) => d.id === list);
  const openKind = open ? drillKind(dashboard, open.id) : null;
  return (
    <section class="dashboard-section" aria-labelledby={`${id}-titre`} data-testid={`axis-${id}`}>
      <h2 class="section-title" id={`${id}-titre`}>
        {title}
      </h2>
      {tiles.length > 0 && (
        <div class="tiles">
          {tiles.map((definition) => {
            const kind = drillKind(dashboard, definition.id);
            return (
              <IndicatorTile
                key={definition.id}
                definition={definition}
                value={values.get(definition.id)}
                onDrill={kind ? () => onList(list === definition.id ? '' : definition.id) : undefined}
                drillNoun={kind === 'staff' ? 'professionnels' : 'personnes'}
                drillOpen={list === definition.id}
              />
            );
          })}
        </div>
      )}
      {open && openKind && (
        <DetailsPanel
          definition={open}
          scope={dashboard.scope.code}
          from={dashboard.period.from}
          to={dashboard.period.to}
          kind={openKind}
          onClose={() => {
            onList('');
            // Back to the number that opened the list, once the page shows it closed.
            requestAnimationFrame(() =>
              document.querySelector<HTMLElement>(`[data-indicator="${open.id}"] .tile__value--drill`)?.focus(),
            );
          }}
        />
      )}
      {children && <div class="dashboard-charts">{children}</div>}
      {distributions.length > 0 && (
        <div class="distributions">
          {distributions.map((definition) => (
            <DistributionTable key={definition.id} definition={definition} value={values.get(definition.id)} />
          ))}
        </div>
      )}
    </section>
  );
}
