// The figures of the capacity chart as a table, for those who do not see the chart (and those who want them).
import { formatDate, formatNumber } from './format';
import type { Series } from './capacitySeries';

export function CapacityChartTable({ series }: { series: Series[] }) {
  return (
    <details class="chart__data">
      <summary>Données du graphique</summary>
      <div class="table-wrap">
        <table class="table" data-testid="capacity-chart-table">
          <caption>Places autorisées : chaque changement, par mode d'accueil</caption>
          <thead>
            <tr>
              <th scope="col">Mode d'accueil</th>
              <th scope="col">À partir du</th>
              <th scope="col">Places autorisées</th>
            </tr>
          </thead>
          <tbody>
            {series.flatMap((s) =>
              s.steps.map((step) => (
                <tr key={`${s.careMode}-${step.date}`}>
                  <th scope="row">{s.label}</th>
                  <td>{formatDate(step.date)}</td>
                  <td>{step.places === null ? 'aucune période' : formatNumber(step.places)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}
