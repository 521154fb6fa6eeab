// One indicator's tile: its value in French with its unit ("Pas de données" when the server could not compute
// it), the trend since the previous period (arrow coloured by whether a rise is good news, said in words for
// screen readers), the same period last year, and its breakdown. A number with a list behind it (on an
// establishment's dashboard, for an account allowed to see the list; not 0: nobody is behind it) is a button that
// opens that list.
import type { BreakdownRow, IndicatorDefinition, IndicatorValue } from '../../api/steering';
import { formatValue, NO_DATA, trendOf } from './format';

const BREAKDOWN_TITLES: Record<string, string> = {
  care_mode: "Par mode d'accueil",
  destination: 'Par destination',
  absence_reason: 'Par motif',
  absence_kind: "Par type d'absence",
  job_category: 'Par catégorie de métier',
  contract_kind: 'Par type de contrat',
  origin: 'Par origine',
};

interface Props {
  definition: IndicatorDefinition;
  value: IndicatorValue | undefined;
  /** Opens the list behind the number; absent: the number is not a button. */
  onDrill?: () => void;
  /** "personnes", "professionnels": what the list holds. */
  drillNoun?: string;
  /** The list of this indicator is open. */
  drillOpen?: boolean;
}

function Breakdown({ title, rows, definition }: { title: string; rows: BreakdownRow[]; definition: IndicatorDefinition }) {
  return (
    <details class="tile__breakdown">
      <summary>{title}</summary>
      <table class="table table--numbers">
        <caption class="visually-hidden">
          {definition.label} — {title.toLowerCase()}
        </caption>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{formatValue(row.value, definition.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function IndicatorTile({ definition, value, onDrill, drillNoun, drillOpen }: Props) {
  const { id, unit, label } = definition;
  const current = value?.value ?? null;
  const previous = value?.previous ?? null;
  const lastYear = value?.last_year ?? null;
  const trend = trendOf(current, previous, unit, definition.higher_is_better);
  const shown = formatValue(current, unit);
  const labelId = `tuile-${id}-libelle`;
  const rows = value?.breakdown ?? [];
  return (
    <article
      class={`tile${current === null ? ' tile--empty' : ''}`}
      aria-labelledby={labelId}
      data-testid={`tile-${id}`}
      data-indicator={id}
    >
      <h3 class="tile__label" id={labelId}>
        {label}
      </h3>
      {onDrill && current !== null && current !== 0 ? (
        <button
          type="button"
          class="tile__value tile__value--drill"
          onClick={onDrill}
          aria-expanded={drillOpen ? 'true' : 'false'}
          aria-controls="pilotage-liste"
          data-testid={`tile-${id}-value`}
        >
          {shown}
          <span class="tile__drill-hint">
            Voir les {drillNoun}
            <span class="visually-hidden"> — {label}</span>
          </span>
        </button>
      ) : (
        <p class={`tile__value${current === null ? ' tile__value--none' : ''}`} data-testid={`tile-${id}-value`}>
          {shown}
        </p>
      )}
      <p class={`tile__trend tile__trend--${trend?.verdict ?? 'none'}`} data-testid={`tile-${id}-previous`}>
        {trend && (
          <>
            <span class="tile__arrow" aria-hidden="true">
              {trend.arrow}
            </span>{' '}
            <span class="tile__trend-text">{trend.text}</span>
            {trend.verdict !== 'neutral' && (
              <span class="visually-hidden">{trend.verdict === 'good' ? ' (favorable)' : ' (défavorable)'}</span>
            )}
            {' — '}
          </>
        )}
        {trend ? 'période précédente' : 'Période précédente'} : {previous === null ? NO_DATA.toLowerCase() : formatValue(previous, unit)}
      </p>
      <p class="tile__compare" data-testid={`tile-${id}-last-year`}>
        Même période l'an dernier : {lastYear === null ? NO_DATA.toLowerCase() : formatValue(lastYear, unit)}
      </p>
      {rows.length > 0 && (
        <Breakdown title={BREAKDOWN_TITLES[definition.breakdown] ?? 'Détail'} rows={rows} definition={definition} />
      )}
    </article>
  );
}
