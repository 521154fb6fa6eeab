// « Autorisations »: the authorisation decisions, their renewal date and « À renouveler » within a year.
import { AuthorisationForm } from './AuthorisationForm';
import { formatDate } from './format';
import type { TabProps } from './tabProps';

export function AuthorisationsTab({ establishment, canWrite, onChanged }: TabProps) {
  const list = [...establishment.authorisations].sort((a, b) => b.decision_date.localeCompare(a.decision_date));
  return (
    <>
      <h2 class="tab-title">Autorisations</h2>
      {list.length === 0 ? (
        <p class="notice">Aucun arrêté d'autorisation n'est enregistré.</p>
      ) : (
        <div class="table-wrap" role="region" aria-labelledby="autorisations-legende" tabIndex={0}>
          <table class="table" data-testid="authorisations-table">
            <caption id="autorisations-legende">Arrêtés d'autorisation</caption>
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Décision du</th>
                <th scope="col">Durée</th>
                <th scope="col">Renouvellement</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id} data-authorisation-id={a.id}>
                  <th scope="row">{a.decision_reference}</th>
                  <td class="nowrap">{formatDate(a.decision_date)}</td>
                  <td class="nowrap">{a.duration_years} ans</td>
                  <td class="nowrap">
                    {formatDate(a.renewal_date)}
                    {a.renewal_due && <span class="badge badge--warning">À renouveler</span>}
                  </td>
                  <td>{a.notes ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && <AuthorisationForm establishmentId={establishment.id} onDone={onChanged} />}
    </>
  );
}
