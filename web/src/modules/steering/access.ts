// Who sees which dashboards (the steering rows of the server's policy table, docs/security.md): the platform
// administration (the platform and its organisations), the organisation's administrator, directors and the
// quality manager (the whole organisation when their grant covers it), heads of service (their establishment).
// The server decides in the end: a scope it refuses is answered 404 and said in the page.
import type { Session } from '../../api/session';

const READERS = new Set(['platform_admin', 'organisation_admin', 'director', 'head_of_service', 'quality_manager']);
/** The roles with "export" on steering (the head of service reads only). */
const EXPORTERS = new Set(['platform_admin', 'organisation_admin', 'director', 'quality_manager']);

const readerGrants = (session: Session) => session.grants.filter((grant) => READERS.has(grant.role));

export const isPlatformAdmin = (session: Session) => session.grants.some((grant) => grant.role === 'platform_admin');

/** Reads the dashboards of the whole organisation (and of its categories). */
export const readsOrganisation = (session: Session) =>
  readerGrants(session).some((grant) => grant.organisation_id !== null && grant.establishment_id === null);

/** The establishments a grant names (the account reads only those, unless it reads its organisation). */
export function grantedEstablishments(session: Session): number[] {
  const ids = readerGrants(session)
    .map((grant) => grant.establishment_id)
    .filter((id): id is number => id !== null);
  return [...new Set(ids)];
}

/** The dashboard shown when the address names none. */
export function defaultScope(session: Session): string {
  if (readsOrganisation(session)) return 'organisation';
  const [first] = grantedEstablishments(session);
  if (first !== undefined) return `establishment:${first}`;
  if (isPlatformAdmin(session)) return 'platform';
  return 'organisation';
}

export const canExportDashboards = (session: Session) => session.grants.some((grant) => EXPORTERS.has(grant.role));
