// The content of an action sheet, read-only: its actions (with progress and lateness) and its indicators
// (initial value, yearly values, target, current value computed now for linked ones).
import type { Cpom, Sheet } from '../../api/cpom';
import { ProgressBar } from './ProgressBar';
import { formatValue, frenchDate, period, scopeLabel } from './format';
import { contractYears } from './sheetRows';

export function ActionsTable({ cpom, sheet }: { cpom: Cpom; sheet: Sheet }) {
  const names = (ids: number[]) => ids.map((id) => cpom.establishments.find((e) => e.id === id)?.name ?? `n° ${id}`).join(', ');
  if (sheet.actions.length === 0) return <p>Aucune action.</p>;
  return (
    <div class="table-wrap">
      <table class="table" data-testid="sheet-actions">
        <caption class="visually-hidden">Actions de la fiche</caption>
        <thead>
          <tr>
            <th scope="col">Action</th>
            <th scope="col">Responsable</th>
            <th scope="col">Établissements</th>
            <th scope="col">Début</th>
            <th scope="col">Échéance</th>
            <th scope="col">Statut</th>
            <th scope="col">Avancement</th>
          </tr>
        </thead>
        <tbody>
          {sheet.actions.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                {a.label}
                {a.means && <p class="field__hint">Moyens : {a.means}</p>}
              </th>
              <td>{a.owner ?? ''}</td>
              <td>{names(a.establishment_ids)}</td>
              <td class="nowrap">{frenchDate(a.start_date)}</td>
              <td class="nowrap">
                {frenchDate(a.deadline)}
                {a.late && <span class="badge badge--late">En retard</span>}
              </td>
              <td>{a.status_label}</td>
              <td>
                <ProgressBar value={a.progress} label={`Avancement de l'action ${a.label}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function IndicatorsTable({ cpom, sheet }: { cpom: Cpom; sheet: Sheet }) {
  if (sheet.indicators.length === 0) return <p>Aucun indicateur.</p>;
  const years = contractYears(cpom);
  return (
    <div class="table-wrap">
      <table class="table table--numbers" data-testid="sheet-indicators">
        <caption class="visually-hidden">Indicateurs de la fiche</caption>
        <thead>
          <tr>
            <th scope="col">Indicateur</th>
            <th scope="col">Valeur initiale</th>
            {years.map((y) => (
              <th scope="col" key={y}>
                {y}
              </th>
            ))}
            <th scope="col">Cible</th>
            <th scope="col">Valeur actuelle</th>
          </tr>
        </thead>
        <tbody>
          {sheet.indicators.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                {i.label}
                {i.computed_id && (
                  <p class="field__hint">
                    Calculé : {i.computed_id} {i.computed_label ? `— ${i.computed_label}` : ''}, {scopeLabel(i.computed_scope, cpom.establishments)}
                  </p>
                )}
              </th>
              <td>{i.initial_value === null ? '' : formatValue(i.initial_value, i.unit)}</td>
              {years.map((y) => {
                const v = i.values.find((x) => x.year === y);
                return <td key={y}>{v ? formatValue(v.value, i.unit) : ''}</td>;
              })}
              <td class="nowrap">
                {formatValue(i.target_value, i.unit)} en {i.target_year}
              </td>
              <td>
                {i.current ? (
                  <>
                    {formatValue(i.current.value, i.unit)}
                    <p class="field__hint">{period(i.current.from, i.current.to)}</p>
                    {i.current.value === null && i.latest_value !== null && (
                      <p class="field__hint">Dernière valeur saisie : {formatValue(i.latest_value, i.unit)}</p>
                    )}
                  </>
                ) : i.latest_value !== null ? (
                  formatValue(i.latest_value, i.unit)
                ) : (
                  ''
                )}
                {i.target_reached === true && <span class="badge badge--reached">Cible atteinte</span>}
                {i.target_reached === false && <span class="badge badge--muted">Cible non atteinte</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
