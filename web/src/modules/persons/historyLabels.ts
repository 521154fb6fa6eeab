// The history of a person record in French: the names of the fields the server records ("contact 3 phone",
// "attendance 2026-11-02"…) and their values (codes, dates) as a person reads them.
import type { Establishment, Reference } from '../../api/establishments';
import type { Contact } from '../../api/persons';
import { formatDate, frenchDates } from '../establishments/format';
import { careModeLabel } from '../establishments/labels';
import {
  ABSENCE_REASONS,
  ATTENDANCE_STATUSES,
  CONTACT_KINDS,
  IDENTITY_STATUSES,
  PROTECTION_KINDS,
  REQUEST_STATUSES,
  SEXES,
  label,
} from './labels';
import { establishmentName } from './useEstablishments';

const FIELDS: Record<string, string> = {
  created: 'Création du dossier',
  birth_name: 'Nom de naissance',
  used_name: "Nom d'usage",
  first_names: 'Prénoms',
  used_first_name: 'Prénom usuel',
  sex: 'Sexe',
  birth_date: 'Date de naissance',
  birth_place: 'Lieu de naissance',
  nir: 'NIR',
  identity_status: "Statut de l'identité",
  identity_document: "Pièce d'identité",
  stays: 'Séjour',
  decisions: "Décision d'orientation",
  admission_requests: "Demande d'admission",
  admission_request_status: "Statut d'une demande d'admission",
  admission_request_comment: "Commentaire d'une demande d'admission",
  merged: 'Fusion d’un doublon',
  merged_into: 'Fusionné dans le dossier',
};

const CONTACT_FIELDS: Record<string, string> = {
  kind: 'type',
  name: 'nom',
  relationship: 'lien',
  phone: 'téléphone',
  email: 'adresse électronique',
  address: 'adresse',
  receives_letters: 'reçoit les courriers',
  to_be_informed: 'informé(e)',
  emergency: 'à prévenir en urgence',
  archived: 'archivé',
};

/** `contacts`: those of the record, to name the contact a change is about. */
export function fieldLabel(field: string, contacts: readonly Contact[] = []): string {
  const contact = /^contact (\d+)(?: (\w+))?$/.exec(field);
  if (contact) {
    const known = contacts.find((c) => c.id === Number(contact[1]));
    const who = known ? `Contact ${[known.first_name, known.last_name].filter(Boolean).join(' ')}` : 'Contact';
    return contact[2] ? `${who} — ${CONTACT_FIELDS[contact[2]] ?? contact[2]}` : who;
  }
  if (/^protection \d+$/.test(field)) return 'Mesure de protection';
  const attendance = /^attendance (\d{4}-\d{2}-\d{2})$/.exec(field);
  if (attendance) return `Présence du ${formatDate(attendance[1])}`;
  return FIELDS[field] ?? field;
}

const CODES: Record<string, string> = { ...CONTACT_KINDS, ...PROTECTION_KINDS };

export function valueLabel(reference: Reference, establishments: Establishment[], field: string, value: string | null): string {
  if (value === null || value.trim() === '') return '—';
  switch (field) {
    case 'sex':
      return label(SEXES, value);
    case 'identity_status':
      return label(IDENTITY_STATUSES, value);
    case 'birth_date':
      return /^\d{4}$/.test(value) ? value : formatDate(value);
    case 'admission_request_status':
      return REQUEST_STATUSES.find((s) => s.code === value)?.label ?? value;
  }
  if (field.startsWith('attendance ')) {
    const m = /^(\w+)(?: \((\w+)\))?$/.exec(value);
    if (m) return label(ATTENDANCE_STATUSES, m[1]) + (m[2] ? ` (${label(ABSENCE_REASONS, m[2]).toLowerCase()})` : '');
  }
  let text = value
    // "établissement 1, mode 13, du …" (stays) and "établissement 1, reçue le …" (requests).
    .replace(/établissement (\d+)/g, (_, id: string) => establishmentName(establishments, Number(id)))
    .replace(/mode (\w+)/g, (_, code: string) => careModeLabel(reference, code).toLowerCase());
  // "legal_representative : Claire Dupont", "tutelle depuis le …".
  text = text.replace(/^([a-z_]+)(?= )/, (code) => (CODES[code] ? CODES[code] : code));
  if (field.endsWith(' kind')) text = label(CONTACT_KINDS, value);
  return frenchDates(text);
}
