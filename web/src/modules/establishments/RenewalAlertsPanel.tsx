// « Autorisations à renouveler » on the home page: the authorisations of the account's establishments whose
// renewal falls within twelve months (GET /api/v1/establishments/alerts). Nothing is shown when there is none
// (nor when the list cannot be read: the home page stays usable; the establishments' pages say why).
import { useEffect, useState } from 'preact/hooks';
import { fetchRenewalAlerts, type RenewalAlert } from '../../api/establishments';
import { formatDate, todayIso } from './format';
import './establishments.css';

export function RenewalAlertsPanel() {
  const [alerts, setAlerts] = useState<RenewalAlert[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    fetchRenewalAlerts(controller.signal).then(
      (items) => setAlerts(items),
      () => setAlerts([]),
    );
    return () => controller.abort();
  }, []);

  if (alerts.length === 0) return null;
  const today = todayIso();
  return (
    <section class="panel renewals" aria-labelledby="renouvellements-titre" data-testid="renewal-alerts">
      <h2 id="renouvellements-titre" class="panel__title">
        Autorisations à renouveler
      </h2>
      <p>Ces autorisations arrivent à échéance dans les douze mois : préparez la demande de renouvellement.</p>
      <ul class="renewals__list">
        {alerts.map((a) => (
          <li key={a.id} data-establishment-id={a.establishment_id}>
            <a href={`/etablissements/${a.establishment_id}?onglet=autorisations`}>{a.establishment_name}</a>
            {' — '}
            {a.renewal_date < today ? 'échue depuis le ' : 'renouvellement le '}
            <time dateTime={a.renewal_date}>{formatDate(a.renewal_date)}</time>
            <span class="renewals__reference"> ({a.decision_reference})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
