// Who may create CPOM: the organisation's administrator, directors and the quality manager (the server's
// policy, brick cpom). For one CPOM the server says it (can_write); external readers only read.
import type { Session } from '../../api/session';

const WRITERS = new Set(['organisation_admin', 'director', 'quality_manager']);

export function canCreateCpom(session: Session): boolean {
  return session.grants.some((grant) => WRITERS.has(grant.role));
}

/** An account that sees only the CPOM (a funder): landed on their list after sign-in. */
export function seesOnlyCpom(session: Session): boolean {
  return session.bricks.length > 0 && session.bricks.every((brick) => brick === 'cpom');
}
