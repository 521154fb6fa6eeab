// « Décisions »: the orientation decisions of the CDAPH, with their validity, newest first; the form to add one.
import { formatDate } from '../establishments/format';
import { categoryLabel, categoryShort } from '../establishments/labels';
import { DecisionForm } from './DecisionForm';
import type { TabProps } from './tabProps';
import { ValidityBadge } from './ValidityBadge';

export function DecisionsTab({ person, reference, canWrite, onChanged }: TabProps) {
  const decisions = [...person.decisions].sort((a, b) => b.valid_to.localeCompare(a.valid_to));
  return (
    <>
      <h2 class="tab-title">Décisions d'orientation</h2>
      {decisions.length === 0 ? (
        <p class="notice">Aucune décision d'orientation n'est enregistrée.</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="decisions-legende" tabIndex={0}>
          <table class="table" data-testid="decisions-table">
            <caption id="decisions-legende">Décisions d'orientation, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Décision du</th>
                <th scope="col">Orientation</th>
                <th scope="col">Validité</th>
                <th scope="col">État</th>
                <th scope="col">N° MDPH</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr key={d.id} data-decision-id={d.id}>
                  <th scope="row">{d.decision_reference}</th>
                  <td class="nowrap">{formatDate(d.decision_date)}</td>
                  <td>
                    <abbr title={categoryLabel(reference, d.category_code)}>{categoryShort(reference, d.category_code)}</abbr>
                    {d.creton && <span class="badge badge--muted">Amendement Creton</span>}
                  </td>
                  <td class="nowrap">
                    du {formatDate(d.valid_from)} au {formatDate(d.valid_to)}
                  </td>
                  <td>
                    <ValidityBadge validity={d.validity} />
                  </td>
                  <td>{d.mdph_number ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && <DecisionForm personId={person.id} reference={reference} onDone={(m) => void onChanged(m)} />}
    </>
  );
}
