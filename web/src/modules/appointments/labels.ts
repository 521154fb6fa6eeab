// French labels of the appointment codes, and who may do what (the server decides; these only choose
// what the page offers).
import type { AppointmentKind, AppointmentStatus, AppointmentPerson } from '../../api/appointments';
import type { Session } from '../../api/session';

export const KINDS: readonly { value: AppointmentKind; label: string }[] = [
  { value: 'medical', label: 'Médical' },
  { value: 'paramedical', label: 'Paramédical' },
  { value: 'family', label: 'Famille' },
  { value: 'external_partner', label: 'Partenaire extérieur' },
  { value: 'internal', label: 'Interne (réunion, synthèse)' },
  { value: 'other', label: 'Autre' },
];

export const STATUSES: readonly { value: AppointmentStatus; label: string }[] = [
  { value: 'planned', label: 'Prévu' },
  { value: 'done', label: 'Réalisé' },
  { value: 'missed', label: 'Manqué' },
];

/** Roles that make appointments (administrative, social or medical write). */
const WRITERS = new Set(['director', 'head_of_service', 'secretary', 'educator', 'care_professional']);
/** The care team: medical appointments are theirs. */
const CARE = new Set(['care_professional']);
/** Roles whose agenda opens on their own appointments. */
const PROFESSIONALS = new Set(['educator', 'care_professional']);

const grantsWith = (session: Session, roles: Set<string>, establishmentId: number | null) =>
  session.grants.some(
    (g) => roles.has(g.role) && (g.establishment_id === null || establishmentId === null || g.establishment_id === establishmentId),
  );

export const canMakeAppointments = (session: Session) => grantsWith(session, WRITERS, null);

export const canWriteIn = (session: Session, establishmentId: number, medical: boolean) =>
  grantsWith(session, medical ? CARE : WRITERS, establishmentId);

export const canMakeMedical = (session: Session) => grantsWith(session, CARE, null);

/** Educators and care professionals see their own agenda first; organisers see the establishment's. */
export const ownAgendaFirst = (session: Session) =>
  session.grants.length > 0 && session.grants.every((g) => PROFESSIONALS.has(g.role));

/** "DUPONT Marie". */
export function personName(p: AppointmentPerson): string {
  const first = p.used_first_name || p.first_names[0] || '';
  return `${(p.used_name || p.birth_name).toLocaleUpperCase('fr-FR')} ${first}`.trim();
}
