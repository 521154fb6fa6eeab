// The scopes under the one shown (an organisation's establishments, the platform's organisations) with their
// main figures; each name leads to its own dashboard for the same period (a link: keyboard, new tab, history).
import type { DashboardChild, IndicatorDefinition, ScopeKind } from '../../api/steering';
import { formatValue } from './format';

const COLUMNS = ['ACT-02', 'ACT-03', 'ACT-08', 'RH-01'];

const KIND_LABELS: Record<ScopeKind, string> = {
  establishment: 'Établissement',
  category: 'Catégorie',
  organisation: 'Organisme',
  platform: 'Plateforme',
};

const TITLES: Record<ScopeKind, string> = {
  establishment: 'Par établissement',
  category: 'Par catégorie',
  organisation: 'Par organisme',
  platform: 'Plateforme',
};

interface Props {
  items: readonly DashboardChild[];
  definitions: readonly IndicatorDefinition[];
  /** The address of a child's dashboard (same period). */
  hrefOf: (scope: string) => string;
  periodLabel: string;
}

export function ChildrenTable({ items, definitions, hrefOf, periodLabel }: Props) {
  const kind = items[0]?.kind ?? 'establishment';
  const ids = [...new Set([...COLUMNS, ...items.flatMap((child) => Object.keys(child.values))])];
  const columns = ids
    .map((id) => definitions.find((d) => d.id === id))
    .filter((d): d is IndicatorDefinition => d !== undefined);
  return (
    <section class="dashboard-section" aria-labelledby="pilotage-enfants-titre">
      <h2 class="section-title" id="pilotage-enfants-titre">
        {TITLES[kind]}
      </h2>
      <p class="toolbar__hint">Choisissez un nom pour ouvrir son tableau de bord sur la même période.</p>
      <div class="table-wrap">
        <table class="table table--numbers" data-testid="children-table">
          <caption>
            {TITLES[kind]} — {periodLabel}
          </caption>
          <thead>
            <tr>
              <th scope="col">{KIND_LABELS[kind]}</th>
              {columns.map((d) => (
                <th key={d.id} scope="col">
                  {d.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((child) => (
              <tr key={child.scope} data-scope={child.scope}>
                <th scope="row">
                  <a href={hrefOf(child.scope)}>{child.label}</a>
                </th>
                {columns.map((d) => (
                  <td key={d.id} class={child.values[d.id] == null ? 'dashboard-none' : undefined}>
                    {formatValue(child.values[d.id] ?? null, d.unit)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
