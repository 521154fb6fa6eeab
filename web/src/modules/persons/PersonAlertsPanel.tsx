// « À surveiller »: orientation decisions expiring within six months, and persons admitted without a valid
// decision (GET /api/v1/persons/alerts). Nothing is shown when there is none, nor when the alerts cannot be read.
import { useEffect, useState } from 'preact/hooks';
import { fetchPersonAlerts, type PersonAlerts } from '../../api/persons';
import { formatDate } from '../establishments/format';
import { fullName } from './names';

export function PersonAlertsPanel() {
  const [alerts, setAlerts] = useState<PersonAlerts | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchPersonAlerts(controller.signal).then(
      (found) => setAlerts(found),
      () => setAlerts(null),
    );
    return () => controller.abort();
  }, []);

  if (!alerts || (alerts.expiring_decisions.length === 0 && alerts.without_valid_decision.length === 0)) return null;
  const expiring = alerts.expiring_decisions.length;
  const without = alerts.without_valid_decision.length;
  return (
    <section class="panel person-alerts" aria-labelledby="alertes-usagers-titre" data-testid="person-alerts">
      <h2 id="alertes-usagers-titre" class="panel__title">
        À surveiller
      </h2>
      {expiring > 0 && (
        <details class="person-alerts__group" data-testid="alerts-expiring">
          <summary>
            {expiring} décision{expiring > 1 ? 's' : ''} d'orientation arriv{expiring > 1 ? 'ent' : 'e'} à échéance
            dans les six mois
          </summary>
          <ul class="person-alerts__list">
            {alerts.expiring_decisions.map(({ person, decision }) => (
              <li key={decision.id}>
                <a href={`/usagers/${person.id}?onglet=decisions`}>{fullName(person)}</a>
                {' — '}
                {decision.validity === 'expired' ? 'expirée depuis le ' : 'valable jusqu’au '}
                <time dateTime={decision.valid_to}>{formatDate(decision.valid_to)}</time>
                <span class="person-alerts__reference"> ({decision.decision_reference})</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {without > 0 && (
        <details class="person-alerts__group" data-testid="alerts-without-decision">
          <summary>
            {without} personne{without > 1 ? 's' : ''} accueillie{without > 1 ? 's' : ''} sans décision d'orientation
            valide
          </summary>
          <ul class="person-alerts__list">
            {alerts.without_valid_decision.map(({ person }) => (
              <li key={person.id}>
                <a href={`/usagers/${person.id}?onglet=decisions`}>{fullName(person)}</a>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
