import type { Session } from '../api/session';

/** The role labels of the session's grants, each once ("Directeur", "Chef de service, Secrétaire"). */
export function roleLabels(session: Session): string {
  return [...new Set(session.grants.map((grant) => grant.role_label))].join(', ');
}
