// « Projets personnalisés à réviser »: the validated plans whose review is due within 30 days or overdue, in
// the account's establishments (GET /api/v1/support-plans/reminders). Nothing is shown when there is none,
// nor to the roles that do not follow the plans.
import { useEffect, useState } from 'preact/hooks';
import { fetchPlanReminders, type PlanReminder } from '../../api/plans';
import { useSession } from '../../app/SessionContext';
import { formatDate } from '../establishments/format';
import { ReviewBadge } from './PlanBadges';
import { canReadTeamRecord } from './recordAccess';

export function PlanRemindersPanel() {
  const { session } = useSession();
  const allowed = canReadTeamRecord(session);
  const [items, setItems] = useState<PlanReminder[]>([]);

  useEffect(() => {
    if (!allowed) return;
    const controller = new AbortController();
    fetchPlanReminders(controller.signal).then(
      (found) => setItems(found),
      () => setItems([]),
    );
    return () => controller.abort();
  }, [allowed]);

  if (items.length === 0) return null;
  const overdue = items.filter((r) => r.review_state === 'overdue').length;
  return (
    <section class="panel person-alerts" aria-labelledby="revisions-titre" data-testid="plan-reminders">
      <h2 id="revisions-titre" class="panel__title">
        Projets personnalisés à réviser
      </h2>
      <details class="person-alerts__group" open={items.length <= 5}>
        <summary>
          {items.length} projet{items.length > 1 ? 's' : ''} à réviser dans les 30 jours
          {overdue > 0 && `, dont ${overdue} en retard`}
        </summary>
        <ul class="person-alerts__list">
          {items.map((r) => (
            <li key={r.plan_id}>
              <a href={`/usagers/${r.person_id}?onglet=projet`}>{r.person}</a>
              {' — version '}
              {r.version}, révision prévue le <time dateTime={r.review_due}>{formatDate(r.review_due)}</time>
              <ReviewBadge state={r.review_state} />
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
