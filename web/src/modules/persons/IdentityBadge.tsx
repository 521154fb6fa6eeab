// The identity status as a badge: provisional and recovered identities stand out (to be checked).
import { IDENTITY_STATUSES, label } from './labels';

const CLASS: Record<string, string> = {
  PROV: 'badge badge--warning',
  RECUP: 'badge badge--warning',
  VALI: 'badge identity-badge--valid',
  QUAL: 'badge identity-badge--qualified',
};

export function IdentityBadge({ status }: { status: string }) {
  return (
    <span class={CLASS[status] ?? 'badge'} data-identity-status={status}>
      {label(IDENTITY_STATUSES, status)}
    </span>
  );
}
