// A distribution (persons by origin, by destination, by length of support; staff by age): each row's count and
// its share of the total, with the split by sex when the server gives one.
import type { IndicatorDefinition, IndicatorValue } from '../../api/steering';
import { formatNumber, formatShare } from './format';

interface Props {
  definition: IndicatorDefinition;
  value: IndicatorValue | undefined;
}

export function DistributionTable({ definition, value }: Props) {
  const rows = value?.breakdown ?? [];
  const count = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : 0);
  const total = rows.reduce((sum, row) => sum + count(row.value), 0);
  const bySex = rows.some((row) => row.by_sex && Object.keys(row.by_sex).length > 0);
  const sex = (row: (typeof rows)[number], key: string) => formatNumber(count(row.by_sex?.[key]));
  const withUnknown = bySex && rows.some((row) => count(row.by_sex?.unknown) > 0);
  return (
    <section class="distribution" aria-labelledby={`repartition-${definition.id}`} data-testid={`distribution-${definition.id}`}>
      <h3 class="distribution__title" id={`repartition-${definition.id}`}>
        {definition.label}
      </h3>
      {rows.length === 0 || total === 0 ? (
        <p class="tile__value--none">Pas de données</p>
      ) : (
        <div class="table-wrap">
          <table class="table table--numbers">
            <caption class="visually-hidden">{definition.label}</caption>
            <thead>
              <tr>
                <th scope="col">{bySex ? "Tranche d'âge" : 'Catégorie'}</th>
                {bySex && <th scope="col">Femmes</th>}
                {bySex && <th scope="col">Hommes</th>}
                {withUnknown && <th scope="col">Non renseigné</th>}
                <th scope="col">Effectif</th>
                <th scope="col">Part</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  {bySex && <td>{sex(row, 'F')}</td>}
                  {bySex && <td>{sex(row, 'M')}</td>}
                  {withUnknown && <td>{sex(row, 'unknown')}</td>}
                  <td>{formatNumber(count(row.value))}</td>
                  <td>{formatShare(count(row.value), total)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {bySex && <td />}
                {bySex && <td />}
                {withUnknown && <td />}
                <td>{formatNumber(total)}</td>
                <td>100 %</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
