// Who may do what on the parts of the record kept by the teams (support plan, notes), per the role × data
// category policy of the server (`passerelle policy`): the server decides, these only choose what to offer.
//   educational (support plan): educator, head of service, director write; care professional reads.
//   social (team and named notes): educator, head of service, director write; care professional reads.
//   medical (notes under medical secret): care professional only.
//   administrative read (appointments, letters from the templates): the above, secretary and data protection
//   officer; not the organisation admin, quality manager or external reader.
// A grant naming an establishment counts in that establishment only; without one, in every establishment.
import type { Session } from '../../api/session';

const TEAM_WRITERS = new Set(['director', 'head_of_service', 'educator']);
const TEAM_READERS = new Set([...TEAM_WRITERS, 'care_professional']);
const MEDICAL = new Set(['care_professional']);
const MANAGERS = new Set(['director', 'head_of_service']);
const ADMINISTRATIVE_READERS = new Set([...TEAM_READERS, 'secretary', 'data_protection_officer']);

function granted(session: Session, roles: Set<string>, establishmentId?: number): boolean {
  return session.grants.some(
    (g) =>
      roles.has(g.role) &&
      (establishmentId === undefined || g.establishment_id === null || g.establishment_id === establishmentId),
  );
}

/** Reads support plans and notes (somewhere). */
export const canReadTeamRecord = (session: Session) => granted(session, TEAM_READERS);

/** Reads the administrative record (somewhere): the person's appointments, letters written from the templates. */
export const canReadAdministrative = (session: Session) => granted(session, ADMINISTRATIVE_READERS);

/** Writes plans (drafts, signatures, reviews) and team or named notes in that establishment. */
export const canWriteTeamRecord = (session: Session, establishmentId?: number) =>
  granted(session, TEAM_WRITERS, establishmentId);

/** Writes notes under medical secret in that establishment. */
export const canWriteMedical = (session: Session, establishmentId?: number) =>
  granted(session, MEDICAL, establishmentId);

/** Validates a support plan of that establishment: heads of service and directors. */
export const canValidatePlan = (session: Session, establishmentId: number) =>
  granted(session, MANAGERS, establishmentId);

/** The establishments where the account may write with these roles; null: all of its organisation's. */
export function establishmentsFor(session: Session, kind: 'team' | 'medical'): Set<number> | null {
  const roles = kind === 'team' ? TEAM_WRITERS : MEDICAL;
  const ids = new Set<number>();
  for (const g of session.grants) {
    if (!roles.has(g.role)) continue;
    if (g.establishment_id === null) return null;
    ids.add(g.establishment_id);
  }
  return ids;
}
