// Who may change the reference data of establishments: the platform administration, the organisation's
// administrator and directors (a director whose grant names one establishment: that one only).
import type { Session } from '../../api/session';

const WRITERS = new Set(['platform_admin', 'organisation_admin', 'director']);

const writerGrants = (session: Session) => session.grants.filter((grant) => WRITERS.has(grant.role));

/** Can create establishments: a writer whose grant covers a whole organisation (or the platform). */
export function canCreateEstablishments(session: Session): boolean {
  return writerGrants(session).some((grant) => grant.establishment_id === null);
}

/** Can change this establishment (or, without an id, at least one establishment). */
export function canWriteEstablishment(session: Session, establishmentId?: number): boolean {
  return writerGrants(session).some(
    (grant) => grant.establishment_id === null || establishmentId === undefined || grant.establishment_id === establishmentId,
  );
}

export const isPlatformAdmin = (session: Session) => session.grants.some((grant) => grant.role === 'platform_admin');
