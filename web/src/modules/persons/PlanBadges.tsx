// The state of a support plan (draft, validated, archived) and of its review (due soon, overdue) as badges.
import type { PlanStatus, ReviewState } from '../../api/plans';
import { PLAN_STATUSES, label } from './labels';

const STATUS_CLASS: Record<PlanStatus, string> = {
  draft: 'badge badge--warning',
  validated: 'badge person-badge--present',
  archived: 'badge badge--muted',
};

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  return (
    <span class={STATUS_CLASS[status] ?? 'badge'} data-plan-status={status}>
      {label(PLAN_STATUSES, status)}
    </span>
  );
}

export function ReviewBadge({ state }: { state: ReviewState }) {
  if (state === 'overdue')
    return (
      <span class="badge person-badge--expired" data-review-state={state}>
        Révision en retard
      </span>
    );
  if (state === 'due_soon')
    return (
      <span class="badge badge--warning" data-review-state={state}>
        Révision dans moins de 30 jours
      </span>
    );
  return null;
}
