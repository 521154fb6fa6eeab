// A chart with its caption, and the same figures as a table (« Données du graphique »), for those who do not
// see the chart and for those who want the numbers.
import type { ComponentChildren } from 'preact';
import { EChart } from './EChart';
import type { ChartOption } from './echarts';

export interface DataTable {
  caption: string;
  /** The column headers; the first column holds the row headers. */
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}

interface Props {
  id: string;
  title: string;
  option: ChartOption | null;
  table: DataTable;
  /** Said instead of the chart when there is nothing to draw. */
  empty?: string;
  /** A taller box (the pyramids). */
  tall?: boolean;
  children?: ComponentChildren;
}

export function ChartFigure({ id, title, option, table, empty, tall, children }: Props) {
  const description = `Graphique : ${title.charAt(0).toLowerCase()}${title.slice(1)}. Les valeurs sont dans le tableau « Données du graphique » qui suit.`;
  return (
    <figure class="dashboard-chart" data-testid={`chart-${id}`} aria-labelledby={`${id}-titre`}>
      <figcaption class="dashboard-chart__title" id={`${id}-titre`}>
        {title}
      </figcaption>
      {option ? (
        <EChart option={option} description={description} testId={`chart-${id}-canvas`} class={tall ? 'echart--tall' : undefined} />
      ) : (
        <p class="notice">{empty ?? 'Pas de données sur cette période.'}</p>
      )}
      {children}
      {table.rows.length > 0 && (
        <details class="dashboard-chart__data">
          <summary>Données du graphique</summary>
          <div class="table-wrap">
            <table class="table table--numbers" data-testid={`chart-${id}-table`}>
              <caption>{table.caption}</caption>
              <thead>
                <tr>
                  {table.columns.map((column) => (
                    <th key={column} scope="col">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={row[0]}>
                    <th scope="row">{row[0]}</th>
                    {row.slice(1).map((cell, i) => (
                      <td key={i}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
