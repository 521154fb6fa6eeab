// One version of a support plan as read: state, needs, wishes, goals with their actions, signatures, reviews.
import type { Establishment } from '../../api/establishments';
import type { SupportPlan } from '../../api/plans';
import { formatDate, formatDateTime } from '../establishments/format';
import { PlanStatusBadge, ReviewBadge } from './PlanBadges';
import { GOAL_DOMAINS, OUTCOMES, SIGNATORIES, label } from './labels';
import { establishmentName } from './useEstablishments';

export function PlanView({ plan, establishments }: { plan: SupportPlan; establishments: Establishment[] }) {
  const goalPosition = new Map(plan.goals.map((g) => [g.id, g.position]));
  return (
    <div class="plan-view" data-testid="plan-view" data-plan-id={plan.id} data-status={plan.status}>
      <dl class="facts">
        <dt>État</dt>
        <dd>
          <PlanStatusBadge status={plan.status} />
          {plan.validated_at && ` le ${formatDateTime(plan.validated_at)}${plan.validated_by ? ` par ${plan.validated_by}` : ''}`}
        </dd>
        <dt>Établissement</dt>
        <dd>{establishmentName(establishments, plan.establishment_id)}</dd>
        {plan.review_due && (
          <>
            <dt>Révision prévue</dt>
            <dd>
              {formatDate(plan.review_due)} <ReviewBadge state={plan.review_state} />
            </dd>
          </>
        )}
        <dt>Rédigé par</dt>
        <dd>
          {plan.created_by}, le {formatDateTime(plan.created_at)}
        </dd>
      </dl>
      <h4 class="plan-view__subtitle">Évaluation des besoins</h4>
      <p class="plan-view__text">{plan.needs_assessment}</p>
      {plan.person_wishes && (
        <>
          <h4 class="plan-view__subtitle">Attentes de la personne</h4>
          <p class="plan-view__text">{plan.person_wishes}</p>
        </>
      )}
      <h4 class="plan-view__subtitle">Objectifs</h4>
      {plan.goals.length === 0 ? (
        <p class="notice">Aucun objectif n'est encore écrit.</p>
      ) : (
        <ol class="plan-goals" data-testid="plan-goals">
          {plan.goals.map((g) => (
            <li key={g.id} class="card plan-goals__goal">
              <h5 class="card__title">
                Objectif {g.position} — {label(GOAL_DOMAINS, g.domain)}
              </h5>
              <p class="plan-view__text">{g.description}</p>
              <p>
                <strong>Résultat attendu :</strong> {g.expected_outcome}
              </p>
              {g.target_date && (
                <p>
                  <strong>Échéance visée :</strong> {formatDate(g.target_date)}
                </p>
              )}
              {g.actions.length === 0 ? (
                <p class="muted">Aucune action n'est prévue pour cet objectif.</p>
              ) : (
                <ul class="plan-actions">
                  {g.actions.map((a) => (
                    <li key={a.id}>
                      {a.description} — <span class="muted">qui : {a.who} ; fréquence : {a.frequency}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <h4 class="plan-view__subtitle">Signatures</h4>
      {plan.signatures.length === 0 ? (
        <p class="notice">Aucune signature n'est encore recueillie.</p>
      ) : (
        <ul class="plan-signatures" data-testid="plan-signatures">
          {plan.signatures.map((s) => (
            <li key={s.signatory}>
              <strong>{label(SIGNATORIES, s.signatory)}</strong> : {s.name}, le {formatDate(s.signed_on)}
              <span class="muted"> (enregistrée par {s.recorded_by})</span>
            </li>
          ))}
        </ul>
      )}
      {plan.status === 'draft' && plan.missing_for_validation.length > 0 && (
        <div class="notice" data-testid="plan-missing">
          <p>Pour être validé, le projet doit encore comporter :</p>
          <ul>
            {plan.missing_for_validation.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {plan.reviews.length > 0 && (
        <>
          <h4 class="plan-view__subtitle">Bilans</h4>
          {plan.reviews.map((r) => (
            <section key={r.id} class="card plan-review" aria-label={`Bilan du ${formatDate(r.review_date)}`}>
              <h5 class="card__title">Bilan du {formatDate(r.review_date)}</h5>
              <p class="plan-view__text">{r.summary}</p>
              <ul>
                {r.outcomes.map((o) => (
                  <li key={o.goal_id}>
                    Objectif {goalPosition.get(o.goal_id) ?? '?'} : <strong>{label(OUTCOMES, o.outcome)}</strong>
                    {o.comment && ` — ${o.comment}`}
                  </li>
                ))}
              </ul>
              <p class="muted">Enregistré par {r.recorded_by}</p>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
