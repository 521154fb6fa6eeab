// The validity of an orientation decision as a badge (future, valid, expiring within six months, expired).
import type { Validity } from '../../api/persons';
import { VALIDITIES, label } from './labels';

const CLASS: Record<Validity, string> = {
  future: 'badge badge--muted',
  valid: 'badge person-badge--present',
  expiring: 'badge badge--warning',
  expired: 'badge person-badge--expired',
};

export function ValidityBadge({ validity }: { validity: Validity }) {
  return (
    <span class={CLASS[validity] ?? 'badge'} data-validity={validity}>
      {label(VALIDITIES, validity)}
    </span>
  );
}
