// Who may change a person record: directors, heads of service and secretaries (a grant naming one
// establishment: the persons registered in it or with a stay in it). Others read it, or cannot open it.
import type { Session } from '../../api/session';

const WRITERS = new Set(['director', 'head_of_service', 'secretary']);
const EXPORTERS = new Set([...WRITERS, 'data_protection_officer']);

/** Can write at least somewhere (create a record). */
export const canWritePersons = (session: Session) => session.grants.some((grant) => WRITERS.has(grant.role));

/** Can change a record linked to these establishments (where it is registered, where it has stays). */
export function canWriteRecord(session: Session, establishmentIds: readonly number[]): boolean {
  return session.grants.some(
    (grant) =>
      WRITERS.has(grant.role) && (grant.establishment_id === null || establishmentIds.includes(grant.establishment_id)),
  );
}

/** Can export the movements (admissions, discharges, transfers). */
export const canExportPersons = (session: Session) => session.grants.some((grant) => EXPORTERS.has(grant.role));

/** The establishments the account may write in; null: every establishment of its organisation. */
export function writableEstablishments(session: Session): Set<number> | null {
  const ids = new Set<number>();
  for (const grant of session.grants) {
    if (!WRITERS.has(grant.role)) continue;
    if (grant.establishment_id === null) return null;
    ids.add(grant.establishment_id);
  }
  return ids;
}
